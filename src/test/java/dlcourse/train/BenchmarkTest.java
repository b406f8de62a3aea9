package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkTest {

    private static final String STATUS = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  812344 kB\nVmRSS:\t  790120 kB\nThreads:\t42\n";

    @Test
    void readsKilobyteFieldsOfProcessStatus() {
        assertEquals(812_344, Benchmark.statusKilobytes(STATUS, "VmHWM"));
        assertEquals(790_120, Benchmark.statusKilobytes(STATUS, "VmRSS"));
    }

    @Test
    void aMissingStatusFieldIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Benchmark.statusKilobytes(STATUS, "VmSwap"));
        assertTrue(e.getMessage().contains("VmSwap"), e.getMessage());
    }

    @Test
    void selectsModelsByNameInTheOrderGiven() {
        assertEquals(List.of("lenet", "mlp"), Benchmark.selectModels("lenet, mlp").stream().map(Benchmark.Model::name).toList());
    }

    @Test
    void anUnknownModelListsTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Benchmark.selectModels("resnet"));
        assertTrue(e.getMessage().contains("resnet") && e.getMessage().contains("[mlp, lenet]"), e.getMessage());
    }
}

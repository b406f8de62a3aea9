package dlcourse.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeedsTest {

    private static float[] randomNormal(long seed) {
        Seeds.set(seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            return manager.randomNormal(new Shape(4, 5)).toFloatArray();
        }
    }

    @Test
    void sameSeedGivesTheSameRandomArray() {
        float[] first = randomNormal(42);
        float[] second = randomNormal(42);
        assertArrayEquals(first, second);
        assertFalse(Arrays.equals(first, randomNormal(7)), "another seed gives other numbers");
    }

    @Test
    void sameSeedGivesTheSameJavaRandom() {
        Seeds.set(42);
        int[] first = {Seeds.random().nextInt(), Seeds.random().nextInt()};
        Seeds.set(42);
        int[] second = {Seeds.random().nextInt(), Seeds.random().nextInt()};
        assertArrayEquals(first, second);
        assertEquals(new java.util.Random(42).nextInt(), first[0]);
    }
}

package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimerTest {

    @Test
    void averageOfNoMeasurementIsZero() {
        Timer timer = new Timer();
        assertEquals(0.0, timer.average());
        assertEquals(0.0, timer.sum());
        assertTrue(timer.times().isEmpty());
    }

    @Test
    void stopRecordsWhatItReturns() throws InterruptedException {
        Timer timer = new Timer();
        Thread.sleep(5);
        double first = timer.stop();
        timer.start();
        double second = timer.stop();
        assertEquals(List.of(first, second), timer.times());
        assertTrue(first >= 0.005, "slept 5 ms, measured " + first + " s");
        assertTrue(second >= 0);
    }

    @Test
    void sumAndAverageAgreeWithTheRecordedTimes() {
        Timer timer = new Timer();
        for (int i = 0; i < 3; i++) {
            timer.start();
            timer.stop();
        }
        List<Double> times = timer.times();
        assertEquals(3, times.size());
        double sum = times.get(0) + times.get(1) + times.get(2);
        assertEquals(sum, timer.sum(), 1e-12);
        assertEquals(sum / 3, timer.average(), 1e-12);
    }

    @Test
    void elapsedRecordsNothing() {
        Timer timer = new Timer();
        assertTrue(timer.elapsed() >= 0);
        assertTrue(timer.times().isEmpty());
    }

    @Test
    void timesCannotBeChangedFromOutside() {
        Timer timer = new Timer();
        timer.stop();
        assertThrows(UnsupportedOperationException.class, () -> timer.times().add(1.0));
        assertEquals(1, timer.times().size());
    }
}

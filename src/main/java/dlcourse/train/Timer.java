package dlcourse.train;

import java.util.ArrayList;
import java.util.List;

/** Records the time of repeated steps (epochs, batches), as in the d2l book. */
public final class Timer {

    private final List<Double> times = new ArrayList<>();
    private long startNanos;

    /** A timer that has started. */
    public Timer() {
        start();
    }

    /** Starts (or restarts) the current measurement. */
    public void start() {
        startNanos = System.nanoTime();
    }

    /** Stops the current measurement, records it and returns it in seconds. */
    public double stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        times.add(seconds);
        return seconds;
    }

    /** Seconds since the last {@link #start()}, without recording them. */
    public double elapsed() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Total of the recorded times in seconds. */
    public double sum() {
        return times.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Mean of the recorded times in seconds; 0 when none is recorded. */
    public double average() {
        return times.isEmpty() ? 0 : sum() / times.size();
    }

    /** The recorded times in seconds, oldest first. */
    public List<Double> times() {
        return List.copyOf(times);
    }
}

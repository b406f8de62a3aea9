package dlcourse.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time of a training step goes, from Java Flight Recorder's samples of the thread that
 * trains: every few milliseconds JFR notes that thread's stack, either running Java code or inside a
 * native call. A sample inside a native call is time in the engine (its operators, autograd, the
 * copy back to Java); a sample whose innermost frame is JNA's marshalling or reflection is the cost
 * of crossing into the engine; any other is Java (DJL's and the course's). The outermost DJL call
 * on the stack says which part of the step the sample belongs to: batching, forward, loss,
 * backward, the read-back, the optimiser's step, the array managers, or the metrics' array ops.
 *
 * <pre>
 * StepProfile profile = StepProfile.start();
 * Instant from = Instant.now();
 * training.fit(...);
 * profile.window(from, Instant.now(), steps);
 * StepProfile.Breakdown breakdown = profile.finish();
 * </pre>
 */
public final class StepProfile {

    /** Sampling period: short enough for a few hundred samples in a second of training. */
    static final Duration PERIOD = Duration.ofMillis(5);

    /** The parts of a step, in the order of a step; {@link #OTHER} is the course's own loop. */
    static final String BATCHING = "batching", FORWARD = "forward", LOSS = "loss", METRICS = "metrics ops",
            READ_BACK = "read-back", BACKWARD = "backward", AUTOGRAD = "autograd on/off", STEP = "optimiser step",
            MEMORY = "array managers", OTHER = "course loop";
    static final List<String> PHASES = List.of(BATCHING, FORWARD, LOSS, METRICS, READ_BACK, BACKWARD, AUTOGRAD, STEP,
            MEMORY, OTHER);

    /** The course's optimiser step, which calls DJL's optimiser for each parameter. */
    private static final String IN_PLACE_STEP = InPlaceTrainer.class.getName() + ".step";

    /** Milliseconds per step of one part: inside the engine, in JNA's crossing, in Java. */
    public record Phase(String phase, double engineMilliseconds, double jnaMilliseconds, double javaMilliseconds) {
        public double totalMilliseconds() {
            return engineMilliseconds + jnaMilliseconds + javaMilliseconds;
        }
    }

    /** A step's time split into phases, from {@code samples} samples over {@code steps} steps. */
    public record Breakdown(double stepMilliseconds, int steps, int samples, List<Phase> phases) {

        /** The share of the step spent inside the engine's native code, 0 to 1. */
        public double engineShare() {
            return stepMilliseconds == 0 ? 0
                    : phases.stream().mapToDouble(Phase::engineMilliseconds).sum() / stepMilliseconds;
        }
    }

    private record Window(Instant from, Instant to, int steps) {
    }

    private final Recording recording;
    private final long threadId;
    private final List<Window> windows = new ArrayList<>();

    private StepProfile(Recording recording, long threadId) {
        this.recording = recording;
        this.threadId = threadId;
    }

    /** Starts sampling; the calling thread is the one whose steps are profiled. */
    public static StepProfile start() {
        Recording recording = new Recording();
        recording.enable("jdk.ExecutionSample").withPeriod(PERIOD);
        recording.enable("jdk.NativeMethodSample").withPeriod(PERIOD);
        recording.setToDisk(true);
        recording.start();
        return new StepProfile(recording, Thread.currentThread().getId());
    }

    /** Counts the samples between {@code from} and {@code to}, a time in which {@code steps} training steps ran. */
    public void window(Instant from, Instant to, int steps) {
        if (steps < 1 || !to.isAfter(from)) {
            throw new IllegalArgumentException("a profiled window needs at least one step and a positive duration, got "
                    + steps + " steps from " + from + " to " + to);
        }
        windows.add(new Window(from, to, steps));
    }

    /** Stops sampling and splits the windows' time per step by the samples that fell in them. */
    public Breakdown finish() {
        recording.stop();
        try {
            Path file = Files.createTempFile("dlcourse-bench", ".jfr");
            try {
                recording.dump(file);
                return breakdown(RecordingFile.readAllEvents(file));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write or read the bench's flight recording", e);
        } finally {
            recording.close();
        }
    }

    private Breakdown breakdown(List<RecordedEvent> events) {
        List<Sample> samples = new ArrayList<>();
        for (RecordedEvent event : events) {
            boolean inNative = event.getEventType().getName().equals("jdk.NativeMethodSample");
            if (event.getStackTrace() == null || event.getThread("sampledThread") == null
                    || event.getThread("sampledThread").getJavaThreadId() != threadId || !inWindow(event.getStartTime())) {
                continue;
            }
            List<String> frames = event.getStackTrace().getFrames().stream().map(StepProfile::frameName).toList();
            samples.add(new Sample(frames, inNative));
        }
        double seconds = windows.stream().mapToDouble(w -> Duration.between(w.from(), w.to()).toNanos() / 1e9).sum();
        int steps = windows.stream().mapToInt(Window::steps).sum();
        return breakdown(samples, 1000 * seconds / Math.max(steps, 1), steps);
    }

    private boolean inWindow(Instant time) {
        return windows.stream().anyMatch(w -> !time.isBefore(w.from()) && !time.isAfter(w.to()));
    }

    private static String frameName(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** One sample: its frames as "class.method", innermost first, and whether the thread was in native code. */
    record Sample(List<String> frames, boolean inNative) {
    }

    /** The step's {@code stepMilliseconds} shared out over the phases in proportion to their samples. */
    static Breakdown breakdown(List<Sample> samples, double stepMilliseconds, int steps) {
        Map<String, double[]> counts = new LinkedHashMap<>();
        PHASES.forEach(p -> counts.put(p, new double[3]));
        for (Sample sample : samples) {
            counts.get(phase(sample.frames()))[where(sample)]++;
        }
        double perSample = samples.isEmpty() ? 0 : stepMilliseconds / samples.size();
        List<Phase> phases = new ArrayList<>();
        counts.forEach((name, c) -> phases.add(new Phase(name, c[0] * perSample, c[1] * perSample, c[2] * perSample)));
        return new Breakdown(stepMilliseconds, steps, samples.size(), phases);
    }

    /**
     * 0: inside the engine's native code (a native sample under a DJL call); 1: JNA's marshalling or
     * reflection; 2: other Java, including the JVM's own native methods outside DJL (System.nanoTime
     * while interpreted, for example).
     */
    static int where(Sample sample) {
        if (sample.inNative()) {
            return sample.frames().stream().anyMatch(f -> f.startsWith("ai.djl.")) ? 0 : 2;
        }
        String innermost = sample.frames().isEmpty() ? "" : sample.frames().get(0);
        return innermost.startsWith("com.sun.jna.") || innermost.startsWith("jdk.internal.reflect.")
                || innermost.startsWith("java.lang.reflect.") || innermost.contains("$Proxy") ? 1 : 2;
    }

    /** The phase of a stack (innermost frame first): named by its outermost DJL call. */
    static String phase(List<String> frames) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            String frame = frames.get(i);
            if (frame.startsWith("ai.djl.")) {
                return phaseOfCall(frame);
            }
            if (frame.equals(IN_PLACE_STEP)) {
                return STEP;
            }
        }
        return OTHER;
    }

    private static String phaseOfCall(String frame) {
        int dot = frame.lastIndexOf('.');
        String type = frame.substring(0, dot);
        String simpleType = type.substring(type.lastIndexOf('.') + 1);
        String method = frame.substring(dot + 1);
        if (type.startsWith("ai.djl.training.loss.")) {
            return LOSS;
        }
        if (simpleType.endsWith("GradientCollector")) {
            return method.equals("backward") ? BACKWARD : AUTOGRAD;
        }
        if (simpleType.equals("Trainer")) {
            return switch (method) {
                case "forward", "evaluate" -> FORWARD;
                case "step" -> STEP;
                case "newGradientCollector" -> AUTOGRAD;
                default -> OTHER;
            };
        }
        if (simpleType.equals("NDIndex") || method.equals("get") || method.equals("randomPermutation")) {
            return BATCHING;
        }
        if (List.of("getFloat", "getLong", "toFloatArray", "toArray", "toByteBuffer").contains(method)) {
            return READ_BACK;
        }
        if (simpleType.endsWith("NDManager") || method.equals("close") || method.equals("attach")) {
            return MEMORY;
        }
        return METRICS;
    }

    /** The breakdown as a table: a row per phase that has samples, milliseconds per step. */
    static String table(String model, Breakdown breakdown) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %.3f ms per training step, %.0f%% of it inside the engine (%d samples over %d steps)%n",
                model, breakdown.stepMilliseconds(), 100 * breakdown.engineShare(), breakdown.samples(), breakdown.steps()));
        out.append(String.format(Locale.ROOT, "  %-16s %8s %8s %8s %8s %6s%n", "phase", "engine", "JNA", "Java", "total", "share"));
        for (Phase p : breakdown.phases()) {
            if (p.totalMilliseconds() > 0) {
                out.append(String.format(Locale.ROOT, "  %-16s %8.3f %8.3f %8.3f %8.3f %5.1f%%%n", p.phase(),
                        p.engineMilliseconds(), p.jnaMilliseconds(), p.javaMilliseconds(), p.totalMilliseconds(),
                        100 * p.totalMilliseconds() / breakdown.stepMilliseconds()));
            }
        }
        return out.toString();
    }
}

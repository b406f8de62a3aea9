package dlcourse.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.google.gson.GsonBuilder;
import dlcourse.data.FashionMnist;
import dlcourse.nn.LeNet;
import dlcourse.nn.MultilayerPerceptron;
import dlcourse.notebook.Course;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code ./course bench}: trains the MLP of notebook 04 and the LeNet of notebook 06 on
 * Fashion-MNIST with the course's own training loop (batch 256, plain SGD, a fixed number of
 * steps after a warm-up) and reports training and inference samples/s, the GFLOP/s they achieve
 * and their share of the CPU's fp32 peak, how long batching alone takes, peak RSS, and memory
 * after each of two training runs in the same JVM, as a notebook cell run twice would do.
 * Writes {@code build/bench.json} and prints a table.
 *
 * <p>Arguments: {@code --models mlp,lenet} (which to run), {@code --repeats 2} (training runs per
 * model). The engine's threading is set by environment variables, which {@code ./course bench}
 * sets the same way as the notebooks' kernel.
 */
public final class Benchmark {

    static final int BATCH_SIZE = 256;
    static final int WARM_UP_STEPS = 20;

    /** A model of the notebooks, with its input shape, timed steps and learning rate. */
    record Model(String name, Supplier<Block> factory, Shape exampleShape, int steps, float learningRate) {
    }

    static final List<Model> MODELS = List.of(
            new Model("mlp", () -> MultilayerPerceptron.create(new int[] {256}, FashionMnist.CLASSES, 0f),
                    new Shape(1, 28, 28), 200, 0.1f),
            new Model("lenet", () -> LeNet.create(FashionMnist.CLASSES, false), new Shape(1, 1, 28, 28), 60, 0.1f));

    /**
     * Process and NDArray memory at one moment: resident (RSS), the Java heap in use, glibc's malloc
     * in use (the table's "malloc MiB") and the free chunks it keeps ({@link NativeHeap}; -1 where
     * unknown; after the reading's trim most of their pages are back with the system, so only the
     * JSON report has them), and the engine's live arrays.
     */
    record MemoryReading(String when, long residentKilobytes, long javaHeapKilobytes, long nativeInUseKilobytes,
                         long nativeFreeKilobytes, int liveArrays, long liveArrayBytes) {
    }

    /** One training run: a fresh model, warm-up, timed training, timed inference. */
    record Run(double trainingSamplesPerSecond, double inferenceSamplesPerSecond, double batchingSamplesPerSecond,
               double testAccuracy) {
    }

    /** Everything measured for one model. */
    record ModelResult(String model, long forwardFlopsPerExample, long trainingFlopsPerExample, int timedSteps,
                       double trainingSamplesPerSecond, double trainingGigaflops, double trainingPercentOfPeak,
                       double inferenceSamplesPerSecond, double inferenceGigaflops, double inferencePercentOfPeak,
                       double batchingPercentOfStep, double testAccuracy, List<Run> runs, List<MemoryReading> memory,
                       long residentGrowthKilobytes, int liveArrayGrowth, StepProfile.Breakdown stepProfile) {
    }

    /** The whole report, as written to build/bench.json. */
    record Report(String date, String engine, String cpu, double peakGigaflops, String peakEstimate,
                  Map<String, String> settings, int batchSize, int warmUpSteps, String loadAverageBefore,
                  String loadAverageAfter, List<ModelResult> models, long peakResidentKilobytes, double seconds) {
    }

    private Benchmark() {
    }

    public static void main(String[] args) throws IOException {
        runMain(Benchmark::run, args);
    }

    /** What a bench's main does with its arguments; a bad argument is an IllegalArgumentException. */
    @FunctionalInterface
    interface Main {
        void run(String[] args) throws IOException;
    }

    /** Runs a bench's {@code main}: a bad argument ends the process with status 2 and one line naming it. */
    static void runMain(Main main, String[] args) throws IOException {
        try {
            main.run(args);
        } catch (IllegalArgumentException badArgument) {
            System.err.println("error: " + badArgument.getMessage() + " (./course bench --help shows the options)");
            System.exit(2);
        }
    }

    private static void run(String[] args) throws IOException {
        List<Model> models = new ArrayList<>(MODELS);
        int repeats = 2;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--models" -> {
                    models = selectModels(value);
                    i++;
                }
                case "--repeats" -> {
                    repeats = repeats(value);
                    i++;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; the bench takes --models mlp,lenet and --repeats N");
            }
        }
        Report report = run(models, repeats);
        Path json = Course.home().resolve("build").resolve("bench.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, new GsonBuilder().setPrettyPrinting().create().toJson(report) + "\n");
        System.out.print(table(report));
        System.out.println("written to " + Course.home().relativize(json));
    }

    /** The runs per model that {@code --repeats} gives: a whole number, at least 2 to compare memory across runs. */
    static int repeats(String value) {
        int repeats;
        try {
            repeats = Integer.parseInt(value);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("--repeats needs a whole number, got '" + value + "'");
        }
        if (repeats < 2) {
            throw new IllegalArgumentException("--repeats must be at least 2 to compare memory across runs, got " + repeats);
        }
        return repeats;
    }

    static List<Model> selectModels(String names) {
        List<Model> selected = new ArrayList<>();
        for (String name : names.split(",")) {
            selected.add(MODELS.stream().filter(m -> m.name().equals(name.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no model '" + name + "' in the bench; choose from "
                            + MODELS.stream().map(Model::name).toList())));
        }
        return selected;
    }

    private static Report run(List<Model> models, int repeats) {
        long start = System.nanoTime();
        String loadBefore = loadAverage();
        ProcessorPeak peak = ProcessorPeak.ofThisMachine();
        Engine engine = Engine.getInstance();
        List<ModelResult> results = new ArrayList<>();
        int trainingExamples = models.stream().mapToInt(m -> m.steps() * BATCH_SIZE).max().orElse(0);
        try (NDManager data = NDManager.newBaseManager()) {
            FashionMnist.Data train = FashionMnist.load(data, FashionMnist.Subset.TRAIN, trainingExamples);
            FashionMnist.Data test = FashionMnist.load(data, FashionMnist.Subset.TEST, 0);
            for (Model model : models) {
                results.add(measure(model, data, train, test, repeats, peak));
            }
        }
        return new Report(OffsetDateTime.now().toString(), engine.getEngineName() + " " + engine.getVersion(),
                peak.model(), peak.gigaflops(), peak.explanation(), engineSettings(), BATCH_SIZE, WARM_UP_STEPS,
                loadBefore, loadAverage(), results, statusKilobytes(processStatus(), "VmHWM"),
                (System.nanoTime() - start) / 1e9);
    }

    private static ModelResult measure(Model model, NDManager data, FashionMnist.Data train, FashionMnist.Data test,
                                       int repeats, ProcessorPeak peak) {
        // The model's copies of the data live in their own manager, closed when the model is done.
        try (NDManager modelData = data.newSubManager()) {
            return measureWithData(model, modelData, train, test, repeats, peak);
        }
    }

    private static ModelResult measureWithData(Model model, NDManager modelData, FashionMnist.Data train,
                                       FashionMnist.Data test, int repeats, ProcessorPeak peak) {
        Shape example = model.exampleShape();
        long[] imageShape = example.getShape();
        long examples = (long) model.steps() * BATCH_SIZE;
        String warmUp = "0:" + (long) WARM_UP_STEPS * BATCH_SIZE;
        NDArray images = train.images().get(modelData, new NDIndex("0:" + examples)).reshape(withExamples(imageShape, examples));
        NDArray labels = train.labels().get(modelData, new NDIndex("0:" + examples));
        NDArray testImages = test.images().reshape(withExamples(imageShape, test.size()));
        testImages.attach(modelData);
        NDArray warmUpImages = images.get(new NDIndex(warmUp));
        NDArray warmUpLabels = labels.get(new NDIndex(warmUp));
        NDArray validationImages = testImages.get(new NDIndex("0:" + BATCH_SIZE));
        NDArray validationLabels = test.labels().get(modelData, new NDIndex("0:" + BATCH_SIZE));

        List<MemoryReading> memory = new ArrayList<>();
        memory.add(readMemory(modelData, "before"));
        List<Run> runs = new ArrayList<>();
        StepProfile profile = StepProfile.start();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            // One run is one notebook cell: a new manager owns the model, and closing it frees everything.
            try (NDManager cell = NDManager.newBaseManager()) {
                Engine.getInstance().setRandomSeed(repeat);
                Trainer trainer = Training.newTrainer(cell, model.factory().get(), Loss.softmaxCrossEntropyLoss(),
                        Optimizer.sgd().setLearningRateTracker(Tracker.fixed(model.learningRate())).build(), example);
                new Training(trainer, BATCH_SIZE).fit(warmUpImages, warmUpLabels, validationImages, validationLabels, 1);
                Training timed = new Training(trainer, BATCH_SIZE);
                Instant from = Instant.now();
                timed.fit(images, labels, validationImages, validationLabels, 1);
                profile.window(from, Instant.now(), model.steps());
                Timer inference = new Timer();
                double accuracy = timed.evaluate(testImages, test.labels());
                double inferenceSeconds = inference.stop();
                runs.add(new Run(timed.samplesPerSecond(), test.size() / inferenceSeconds,
                        batchingSamplesPerSecond(cell, images, labels), accuracy));
            }
            memory.add(readMemory(modelData, "after run " + repeat));
        }
        StepProfile.Breakdown breakdown = profile.finish();

        long forward = FlopCount.forward(model.factory().get(), example);
        long training = FlopCount.training(model.factory().get(), example);
        Run best = runs.stream().max((a, b) -> Double.compare(a.trainingSamplesPerSecond(), b.trainingSamplesPerSecond()))
                .orElseThrow();
        double bestInference = runs.stream().mapToDouble(Run::inferenceSamplesPerSecond).max().orElseThrow();
        double trainingGigaflops = best.trainingSamplesPerSecond() * training / 1e9;
        double inferenceGigaflops = bestInference * forward / 1e9;
        MemoryReading first = memory.get(1);
        MemoryReading last = memory.get(memory.size() - 1);
        return new ModelResult(model.name(), forward, training, model.steps(),
                best.trainingSamplesPerSecond(), trainingGigaflops, 100 * trainingGigaflops / peak.gigaflops(),
                bestInference, inferenceGigaflops, 100 * inferenceGigaflops / peak.gigaflops(),
                100 * best.trainingSamplesPerSecond() / best.batchingSamplesPerSecond(), best.testAccuracy(), runs, memory,
                last.residentKilobytes() - first.residentKilobytes(), last.liveArrays() - memory.get(0).liveArrays(),
                breakdown);
    }

    /** The batching of Training's loop alone (shuffled index, then one gather per array and batch), in samples/s. */
    private static double batchingSamplesPerSecond(NDManager manager, NDArray images, NDArray labels) {
        long n = images.getShape().get(0);
        Timer timer = new Timer();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray order = scratch.randomPermutation(n);
            NDArray checksum = scratch.zeros(new Shape());
            for (long start = 0; start < n; start += BATCH_SIZE) {
                try (NDManager batch = scratch.newSubManager()) {
                    NDList xy = Epochs.rows(batch, new NDList(images, labels),
                            order.get(batch, Epochs.range(start, Math.min(n, start + BATCH_SIZE))));
                    // Reading one value of each batch makes the engine finish the gathers before the clock stops.
                    checksum.addi(xy.get(0).get(0).sum()).addi(xy.get(1).get(0));
                }
            }
            checksum.getFloat();
        }
        return n / timer.stop();
    }

    private static Shape withExamples(long[] exampleShape, long examples) {
        long[] shape = exampleShape.clone();
        shape[0] = examples;
        return new Shape(shape);
    }

    /**
     * Memory once the garbage of the runs has given back its native memory ({@link #settle}) and
     * glibc has returned its free pages ({@link NativeHeap#trim}): what the process holds between
     * two cells of a notebook.
     */
    static MemoryReading readMemory(NDManager modelData, String when) {
        settle();
        NativeHeap.trim();
        // Every base manager, the data's and each model's, hangs off the engine's system manager, the root.
        NDManager root = modelData;
        while (root.getParentManager() != null) {
            root = root.getParentManager();
        }
        List<NDArray> live = root.getManagedArrays();
        long bytes = live.stream().mapToLong(a -> a.size() * a.getDataType().getNumOfBytes()).sum();
        Runtime runtime = Runtime.getRuntime();
        NativeHeap.Usage heap = NativeHeap.usage();
        return new MemoryReading(when, statusKilobytes(processStatus(), "VmRSS"),
                (runtime.totalMemory() - runtime.freeMemory()) / 1024, heap.inUseKilobytes(), heap.freeKilobytes(),
                live.size(), bytes);
    }

    /**
     * Collects the Java heap until malloc's bytes in use stop falling (at most 20 rounds of 50 ms): a
     * collection finds the unreachable direct buffers and JNA memory blocks, but cleaner threads free
     * their native memory after it, so one {@code System.gc()} right before a reading counts some of
     * them as in use.
     */
    private static void settle() {
        long previous = Long.MAX_VALUE;
        for (int round = 0; round < 20; round++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
            long inUse = NativeHeap.usage().inUseKilobytes();
            if (inUse >= previous) {
                return;
            }
            previous = inUse;
        }
    }

    private static String processStatus() {
        try {
            return Files.readString(Path.of("/proc/self/status"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status for the memory figures (the bench needs Linux)", e);
        }
    }

    /** A "kB" field of /proc/self/status, such as VmRSS (resident now) or VmHWM (peak resident). */
    static long statusKilobytes(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    return Long.parseLong(parts[0]);
                }
            }
        }
        throw new IllegalArgumentException("/proc/self/status has no '" + field + ": N kB' line");
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", Arrays.copyOf(fields, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The environment variables that steer the engine's threads, as this process sees them. */
    static Map<String, String> engineSettings() {
        Map<String, String> settings = new TreeMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.matches("(OMP|GOMP|KMP|MKL|MXNET|DNNL|MKLDNN|OPENBLAS)_.*")) {
                settings.put(name, value);
            }
        });
        return settings;
    }

    /** What the step profile's tables show, printed above them. */
    static final String PROFILE_HEADER = "\nwhere a training step's time goes, in ms (JFR samples of the training thread; "
            + "engine: inside a native\ncall; JNA: crossing into it; Java: DJL's and the course's code)\n";

    /** The header of the memory table, its model column {@code width} characters wide. */
    static String memoryHeader(int width) {
        return String.format(Locale.ROOT, "%-" + width + "s %-12s %10s %10s %11s %12s %12s%n", "model", "memory",
                "RSS MiB", "heap MiB", "malloc MiB", "NDArrays", "NDArray MiB");
    }

    /**
     * A model's rows of the memory table, one per reading, then its growth from run 1 to the last run:
     * RSS (in MiB and as a share of run 1's), and glibc's malloc in use, which a native leak would grow.
     */
    static String memoryRows(String model, int width, List<MemoryReading> memory, long residentGrowthKilobytes,
                             int liveArrayGrowth) {
        StringBuilder out = new StringBuilder();
        for (MemoryReading r : memory) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s %-12s %10.1f %10.1f %11s %12d %12.1f%n", model,
                    r.when(), r.residentKilobytes() / 1024.0, r.javaHeapKilobytes() / 1024.0,
                    mebibytes(r.nativeInUseKilobytes()), r.liveArrays(), r.liveArrayBytes() / 1048576.0));
        }
        MemoryReading first = memory.get(Math.min(1, memory.size() - 1));
        MemoryReading last = memory.get(memory.size() - 1);
        String mallocGrowth = first.nativeInUseKilobytes() < 0 || last.nativeInUseKilobytes() < 0 ? "?"
                : String.format(Locale.ROOT, "%+.1f MiB", (last.nativeInUseKilobytes() - first.nativeInUseKilobytes()) / 1024.0);
        out.append(String.format(Locale.ROOT, "%-" + width + "s from run 1 to the last run: RSS %+.1f MiB (%+.1f%%), malloc "
                + "in use %s; NDArrays %+d since before the runs%n", model, residentGrowthKilobytes / 1024.0,
                100.0 * residentGrowthKilobytes / first.residentKilobytes(), mallocGrowth, liveArrayGrowth));
        return out.toString();
    }

    /** Kilobytes as MiB with one decimal, or "?" for a figure this platform does not give. */
    static String mebibytes(long kilobytes) {
        return kilobytes < 0 ? "?" : String.format(Locale.ROOT, "%.1f", kilobytes / 1024.0);
    }

    /** The report as the table the bench prints. */
    static String table(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Fashion-MNIST, batch %d, plain SGD, %d warm-up steps; %s on %s%n",
                report.batchSize(), report.warmUpSteps(), report.engine(), report.cpu()));
        out.append("fp32 peak: ").append(report.peakEstimate()).append('\n');
        out.append("settings: ").append(report.settings().isEmpty() ? "engine defaults" : report.settings().entrySet()
                .stream().map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + " " + b).orElse("")).append('\n');
        out.append(String.format(Locale.ROOT, "load average: %s before, %s after%n%n",
                report.loadAverageBefore(), report.loadAverageAfter()));
        out.append(String.format(Locale.ROOT, "%-6s %6s %9s %10s %8s %7s %10s %8s %7s %9s %6s%n", "model", "steps",
                "MFLOP/ex", "train/s", "GFLOP/s", "% peak", "infer/s", "GFLOP/s", "% peak", "batching", "acc"));
        for (ModelResult m : report.models()) {
            out.append(String.format(Locale.ROOT, "%-6s %6d %9.3f %10.0f %8.1f %7.1f %10.0f %8.1f %7.1f %8.1f%% %6.3f%n",
                    m.model(), m.timedSteps(), m.trainingFlopsPerExample() / 1e6, m.trainingSamplesPerSecond(),
                    m.trainingGigaflops(), m.trainingPercentOfPeak(), m.inferenceSamplesPerSecond(),
                    m.inferenceGigaflops(), m.inferencePercentOfPeak(), m.batchingPercentOfStep(), m.testAccuracy()));
        }
        out.append("(MFLOP/ex: training FLOPs per example, 3x forward; train/s and infer/s: samples/s, best of the runs;\n"
                + " batching: time of the batch gathers alone as a share of the training time; acc: test accuracy after the run)\n\n");
        out.append(memoryHeader(6));
        for (ModelResult m : report.models()) {
            out.append(memoryRows(m.model(), 6, m.memory(), m.residentGrowthKilobytes(), m.liveArrayGrowth()));
        }
        out.append(PROFILE_HEADER);
        for (ModelResult m : report.models()) {
            out.append(StepProfile.table(m.model(), m.stepProfile()));
        }
        out.append(String.format(Locale.ROOT, "peak RSS %.1f MiB; the bench took %.1f s%n",
                report.peakResidentKilobytes() / 1024.0, report.seconds()));
        return out.toString();
    }
}

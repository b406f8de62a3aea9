package dlcourse.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.google.gson.GsonBuilder;
import dlcourse.data.DateTranslationDataset;
import dlcourse.data.FashionMnist;
import dlcourse.nn.EncoderDecoder;
import dlcourse.nn.TransformerDecoder;
import dlcourse.nn.TransformerEncoder;
import dlcourse.notebook.Course;
import dlcourse.plot.Plots;
import dlcourse.tensor.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code ./course bench --scaling}: how a training step's cost grows with its size. Trains the
 * MLP of notebook 04 and the LeNet of notebook 06 (Fashion-MNIST, plain SGD 0.1, {@link Training}'s
 * loop) at batch sizes 32 to 1024, and the transformer of notebook 11 (hidden 32, feed-forward 64,
 * 2 heads, 1 layer, batch 64, Adam, clipping 1, {@link TranslationTraining}'s loop) on sources of
 * 16 to 256 characters: real dates of notebook 11's data set written one after another and cut
 * to the length, each translated to its first date (11 target tokens). Each point is a fresh
 * model, a few warm-up steps, then a few timed passes over the same few batches, of which the
 * fastest counts (on a shared machine the others' work only ever slows a pass down). Fits the transformer's step time
 * {@code a + b L + c L^2} to the points, so the quadratic term of self-attention shows as a number
 * beside the chart. Writes {@code build/bench-scaling.json} (which {@code ./course bench --scaling}
 * adds to {@code build/bench.json}), two charts beside it ({@link #BATCH_CHART},
 * {@link #LENGTH_CHART}) and prints a table.
 *
 * <p>Arguments: {@code --models mlp,lenet,transformer} (which to run).
 */
public final class ScalingBenchmark {

    static final List<String> MODELS = List.of("mlp", "lenet", "transformer");
    static final String BATCH_CHART = "bench-batch-size.png";
    static final String LENGTH_CHART = "bench-source-length.png";

    /**
     * What each point trains: the batch sizes, warm-up steps and the least timed steps and samples
     * per pass; the source lengths, warm-up steps and the least timed steps and source tokens per
     * pass; and how many timed passes each point makes. {@link #STANDARD} is the bench's; small
     * ones serve the tests.
     */
    record Sizes(int[] batchSizes, int warmUpSteps, int minimumSteps, int minimumSamples, int[] sourceLengths,
                 int transformerWarmUpSteps, int transformerMinimumSteps, int minimumSourceTokens, int passes) {
    }

    static final Sizes STANDARD = new Sizes(new int[] {32, 64, 128, 256, 512, 1024}, 3, 4, 4096,
            new int[] {16, 32, 64, 128, 256}, 2, 4, 32_768, 3);

    /** The transformer's batch, as in notebook 11. */
    static final int TRANSLATION_BATCH = 64;

    /** One model at one batch size: training samples/s and the step's time in the fastest pass of {@code steps} steps. */
    record BatchPoint(String model, int batchSize, int steps, double trainingSamplesPerSecond, double stepMilliseconds) {
    }

    /**
     * The transformer at one source length: the step's time in the fastest pass of {@code steps}
     * steps, that time per source token, and the share of the step that the fitted quadratic term accounts for.
     */
    record LengthPoint(int sourceLength, int steps, double stepMilliseconds, double microsecondsPerSourceToken,
                       double quadraticShare) {
    }

    /** Least-squares fit of the step's milliseconds to {@code constant + linear L + quadratic L^2}. */
    record Fit(double constant, double linear, double quadratic) {

        double at(double length) {
            return constant + linear * length + quadratic * length * length;
        }
    }

    /** The whole report, as written to build/bench-scaling.json. */
    record Report(String date, String engine, String cpu, Map<String, String> settings, String loadAverageBefore,
                  String loadAverageAfter, int passes, List<BatchPoint> batchSize, List<LengthPoint> sourceLength,
                  Fit sourceLengthFit, List<String> charts, double seconds) {
    }

    private ScalingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Benchmark.runMain(ScalingBenchmark::run, args);
    }

    private static void run(String[] args) throws IOException {
        List<String> models = MODELS;
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals("--models")) {
                throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; the scaling bench takes --models mlp,lenet,transformer");
            }
            models = selectModels(i + 1 < args.length ? args[i + 1] : "");
            i++;
        }
        Path build = Course.home().resolve("build");
        Files.createDirectories(build);
        Report report = run(models, STANDARD, build);
        Path json = build.resolve("bench-scaling.json");
        Files.writeString(json, new GsonBuilder().setPrettyPrinting().create().toJson(report) + "\n");
        System.out.print(table(report));
        System.out.println("written to " + Course.home().relativize(json) + " and, beside it, "
                + String.join(", ", report.charts()));
    }

    /** The models named in {@code names} (comma-separated), in that order; an unknown name lists the choices. */
    static List<String> selectModels(String names) {
        return SequenceBenchmark.selectNames(names, MODELS, "no model '%s' in the scaling bench; choose from ");
    }

    /** Measures the models, draws the charts into {@code folder} and returns the report. */
    static Report run(List<String> models, Sizes sizes, Path folder) throws IOException {
        long start = System.nanoTime();
        String loadBefore = Benchmark.loadAverage();
        List<BatchPoint> batchPoints = new ArrayList<>();
        List<Benchmark.Model> images = Benchmark.MODELS.stream().filter(m -> models.contains(m.name())).toList();
        if (!images.isEmpty()) {
            batchPoints.addAll(batchSizes(images, sizes));
        }
        List<LengthPoint> lengthPoints = new ArrayList<>();
        Fit fit = null;
        if (models.contains("transformer")) {
            double[] stepMilliseconds = sourceLengths(sizes);
            fit = fit(sizes.sourceLengths(), stepMilliseconds);
            lengthPoints.addAll(lengthPoints(sizes, stepMilliseconds, fit));
        }
        List<String> charts = new ArrayList<>();
        if (!batchPoints.isEmpty()) {
            ImageIO.write(Plots.image(batchChart(batchPoints)), "png", folder.resolve(BATCH_CHART).toFile());
            charts.add(BATCH_CHART);
        }
        if (fit != null) {
            ImageIO.write(Plots.image(lengthChart(lengthPoints, fit)), "png", folder.resolve(LENGTH_CHART).toFile());
            charts.add(LENGTH_CHART);
        }
        Engine engine = Engine.getInstance();
        return new Report(OffsetDateTime.now().toString(), engine.getEngineName() + " " + engine.getVersion(),
                ProcessorPeak.ofThisMachine().model(), Benchmark.engineSettings(), loadBefore, Benchmark.loadAverage(),
                sizes.passes(), batchPoints, lengthPoints, fit, charts, (System.nanoTime() - start) / 1e9);
    }

    /** Timed steps at one size: at least {@code minimumSteps}, and enough for {@code minimumItems} items of {@code itemsPerStep}. */
    static int timedSteps(int minimumSteps, int minimumItems, int itemsPerStep) {
        return Math.max(minimumSteps, (minimumItems + itemsPerStep - 1) / itemsPerStep);
    }

    /** Each image model at each batch size: a fresh model per point, trained by {@link Training}. */
    private static List<BatchPoint> batchSizes(List<Benchmark.Model> models, Sizes sizes) {
        int examples = Arrays.stream(sizes.batchSizes())
                .map(b -> (sizes.warmUpSteps() + timedSteps(sizes.minimumSteps(), sizes.minimumSamples(), b)) * b)
                .max().orElseThrow();
        List<BatchPoint> points = new ArrayList<>();
        try (NDManager data = NDManager.newBaseManager()) {
            FashionMnist.Data train = FashionMnist.load(data, FashionMnist.Subset.TRAIN, examples);
            for (Benchmark.Model model : models) {
                long[] shape = model.exampleShape().getShape().clone();
                shape[0] = examples;
                NDArray images = train.images().reshape(new Shape(shape));
                for (int batchSize : sizes.batchSizes()) {
                    points.add(batchPoint(model, images, train.labels(), batchSize, sizes));
                }
            }
        }
        return points;
    }

    private static BatchPoint batchPoint(Benchmark.Model model, NDArray images, NDArray labels, int batchSize,
                                         Sizes sizes) {
        int steps = timedSteps(sizes.minimumSteps(), sizes.minimumSamples(), batchSize);
        long warmUp = (long) sizes.warmUpSteps() * batchSize;
        long timed = (long) steps * batchSize;
        // One point is one notebook cell: a new manager owns the model and the point's slices of the data.
        try (NDManager cell = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            Trainer trainer = Training.newTrainer(cell, model.factory().get(), Loss.softmaxCrossEntropyLoss(),
                    Optimizer.sgd().setLearningRateTracker(Tracker.fixed(model.learningRate())).build(),
                    model.exampleShape());
            NDArray warmUpImages = images.get(cell, new NDIndex("0:" + warmUp));
            NDArray warmUpLabels = labels.get(cell, new NDIndex("0:" + warmUp));
            NDArray timedImages = images.get(cell, new NDIndex(warmUp + ":" + (warmUp + timed)));
            NDArray timedLabels = labels.get(cell, new NDIndex(warmUp + ":" + (warmUp + timed)));
            // Validation is one batch of the warm-up images, outside the timed seconds.
            NDArray validationImages = warmUpImages.get(new NDIndex("0:" + batchSize));
            NDArray validationLabels = warmUpLabels.get(new NDIndex("0:" + batchSize));
            new Training(trainer, batchSize).fit(warmUpImages, warmUpLabels, validationImages, validationLabels, 1);
            TrainingHistory passes = new Training(trainer, batchSize)
                    .fit(timedImages, timedLabels, validationImages, validationLabels, sizes.passes());
            double samplesPerSecond = timed / fastest(passes);
            return new BatchPoint(model.name(), batchSize, steps, samplesPerSecond, 1000.0 * batchSize / samplesPerSecond);
        }
    }

    /** The transformer's step in milliseconds at each source length: a fresh model per length, trained by {@link TranslationTraining}. */
    private static double[] sourceLengths(Sizes sizes) {
        int[] lengths = sizes.sourceLengths();
        // Notebook 11's fast-mode dates; a point that needs more rows than its 3,200 training dates wraps round.
        DateTranslationDataset dates = DateTranslationDataset.generate(4_000, 42);
        List<DateTranslationDataset.Example> examples = dates.examples(DateTranslationDataset.Split.TRAIN);
        double[] milliseconds = new double[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            int steps = timedSteps(sizes.transformerMinimumSteps(), sizes.minimumSourceTokens(),
                    TRANSLATION_BATCH * lengths[i]);
            milliseconds[i] = translationStep(dates, examples, lengths[i], sizes.transformerWarmUpSteps(), steps,
                    sizes.passes());
        }
        return milliseconds;
    }

    private static double translationStep(DateTranslationDataset dates, List<DateTranslationDataset.Example> examples,
                                          int length, int warmUpSteps, int steps, int passes) {
        try (NDManager cell = NDManager.newBaseManager()) {
            Seeds.set(1);
            EncoderDecoder model = new EncoderDecoder(new TransformerEncoder(dates.sourceVocab().size(), 32, 64, 2, 1),
                    new TransformerDecoder(dates.targetVocab().size(), 32, 64, 2, 1));
            Trainer trainer = TranslationTraining.newTrainer(cell, model, dates,
                    Optimizer.adam().optBeta2(0.98f).optLearningRateTracker(Tracker.fixed(0.005f)).build());
            DateTranslationDataset.Arrays warmUp = longSources(cell, dates, examples, 0, warmUpSteps * TRANSLATION_BATCH,
                    length);
            DateTranslationDataset.Arrays timed = longSources(cell, dates, examples, warmUpSteps * TRANSLATION_BATCH,
                    steps * TRANSLATION_BATCH, length);
            DateTranslationDataset.Arrays validation = longSources(cell, dates, examples, 0, TRANSLATION_BATCH, length);
            new TranslationTraining(trainer, dates, TRANSLATION_BATCH).withGradientClipping(1.0).fit(warmUp, validation, 1);
            TrainingHistory history = new TranslationTraining(trainer, dates, TRANSLATION_BATCH).withGradientClipping(1.0)
                    .fit(timed, validation, passes);
            return 1000.0 * fastest(history) / steps;
        }
    }

    /** The seconds of the fastest pass (epoch) in {@code history}. */
    static double fastest(TrainingHistory history) {
        return Arrays.stream(history.table().doubleColumn(TrainingHistory.SECONDS).asDoubleArray()).min().orElseThrow();
    }

    /**
     * {@code count} examples from {@code first} on, whose sources are {@code length} characters:
     * each example's date followed by the next examples' dates (space-separated) until the length
     * is reached, cut there; the target stays the first date.
     */
    static DateTranslationDataset.Arrays longSources(NDManager manager, DateTranslationDataset dates,
                                                     List<DateTranslationDataset.Example> examples, int first,
                                                     int count, int length) {
        List<DateTranslationDataset.Example> chosen = new ArrayList<>();
        int space = dates.encodeSource(" ")[0];
        int[] sources = new int[count * length];
        for (int i = 0; i < count; i++) {
            int index = (first + i) % examples.size();
            chosen.add(examples.get(index));
            int filled = 0;
            for (int next = index; filled < length; next++) {
                if (filled > 0) {
                    sources[i * length + filled++] = space;
                }
                int[] date = dates.encodeSource(examples.get(next % examples.size()).source());
                int copied = Math.min(date.length, length - filled);
                System.arraycopy(date, 0, sources, i * length + filled, copied);
                filled += copied;
            }
        }
        DateTranslationDataset.Arrays targets = dates.arrays(manager, chosen);
        int[] lengths = new int[count];
        Arrays.fill(lengths, length);
        return new DateTranslationDataset.Arrays(manager.create(sources).reshape(count, length), manager.create(lengths),
                targets.targetInputs(), targets.targetOutputs(), targets.targetValidLengths());
    }

    /**
     * Least squares of {@code milliseconds} on 1, L and L^2 (at least three lengths) with no
     * coefficient below 0: a step's cost has no negative part, but on five noisy points the free
     * fit can trade a negative linear term for a larger quadratic one. Every subset of the three
     * terms is fitted and the best fit whose coefficients are all 0 or more wins (the full fit
     * where it qualifies, as it fits best).
     */
    static Fit fit(int[] lengths, double[] milliseconds) {
        if (lengths.length < 3 || lengths.length != milliseconds.length) {
            throw new IllegalArgumentException("fitting a + b L + c L^2 needs 3 or more lengths, each with a time; got "
                    + lengths.length + " lengths and " + milliseconds.length + " times");
        }
        double[] best = null;
        double bestResidual = Double.POSITIVE_INFINITY;
        for (int terms = 1; terms < 8; terms++) {
            double[] w = leastSquares(lengths, milliseconds, terms);
            if (w == null || Arrays.stream(w).anyMatch(v -> v < 0)) {
                continue;
            }
            double residual = 0;
            for (int i = 0; i < lengths.length; i++) {
                double error = w[0] + w[1] * lengths[i] + w[2] * (double) lengths[i] * lengths[i] - milliseconds[i];
                residual += error * error;
            }
            if (residual < bestResidual) {
                bestResidual = residual;
                best = w;
            }
        }
        return new Fit(best[0], best[1], best[2]);
    }

    /**
     * Least squares on the columns 1, L, L^2 that the bits of {@code terms} pick (bit 0: 1, bit 1: L,
     * bit 2: L^2); the others' coefficients are 0. Null where the normal equations are singular.
     */
    private static double[] leastSquares(int[] lengths, double[] milliseconds, int terms) {
        int[] columns = java.util.stream.IntStream.range(0, 3).filter(c -> (terms >> c & 1) == 1).toArray();
        int k = columns.length;
        // The normal equations (X^T X) w = X^T y, as an augmented k x (k + 1) matrix.
        double[][] m = new double[k][k + 1];
        for (int i = 0; i < lengths.length; i++) {
            for (int r = 0; r < k; r++) {
                double xr = Math.pow(lengths[i], columns[r]);
                m[r][k] += xr * milliseconds[i];
                for (int c = 0; c < k; c++) {
                    m[r][c] += xr * Math.pow(lengths[i], columns[c]);
                }
            }
        }
        // Gaussian elimination with partial pivoting, then back substitution.
        for (int p = 0; p < k; p++) {
            int pivot = p;
            for (int r = p + 1; r < k; r++) {
                pivot = Math.abs(m[r][p]) > Math.abs(m[pivot][p]) ? r : pivot;
            }
            double[] swap = m[p];
            m[p] = m[pivot];
            m[pivot] = swap;
            if (Math.abs(m[p][p]) < 1e-12 * Math.abs(m[0][0])) {
                return null;
            }
            for (int r = p + 1; r < k; r++) {
                double factor = m[r][p] / m[p][p];
                for (int c = p; c <= k; c++) {
                    m[r][c] -= factor * m[p][c];
                }
            }
        }
        double[] solution = new double[k];
        for (int r = k - 1; r >= 0; r--) {
            double sum = m[r][k];
            for (int c = r + 1; c < k; c++) {
                sum -= m[r][c] * solution[c];
            }
            solution[r] = sum / m[r][r];
        }
        double[] w = new double[3];
        for (int r = 0; r < k; r++) {
            w[columns[r]] = solution[r];
        }
        return w;
    }

    /** The points of the length chart: per-token time, and the fitted quadratic term's share of the step. */
    static List<LengthPoint> lengthPoints(Sizes sizes, double[] stepMilliseconds, Fit fit) {
        List<LengthPoint> points = new ArrayList<>();
        for (int i = 0; i < stepMilliseconds.length; i++) {
            int length = sizes.sourceLengths()[i];
            double quadratic = fit.quadratic() * length * length;
            points.add(new LengthPoint(length, timedSteps(sizes.transformerMinimumSteps(), sizes.minimumSourceTokens(),
                    TRANSLATION_BATCH * length), stepMilliseconds[i],
                    1000.0 * stepMilliseconds[i] / ((double) TRANSLATION_BATCH * length), quadratic / fit.at(length)));
        }
        return points;
    }

    /**
     * Training samples/s against batch size, one line per model. Both axes are logarithmic: the
     * chart plots log2 of each and labels the ticks with the numbers they stand for (5 reads 32),
     * because XChart's own log axis labels only powers of ten, and 2,000 to 80,000 holds one.
     */
    static XYChart batchChart(List<BatchPoint> points) {
        XYChart chart = Plots.line("Training speed against batch size (Fashion-MNIST, plain SGD)",
                "batch size (log scale)", "training samples/s (log scale)");
        for (String model : points.stream().map(BatchPoint::model).distinct().toList()) {
            List<BatchPoint> mine = points.stream().filter(p -> p.model().equals(model)).toList();
            Plots.series(chart, model.equals("mlp") ? "MLP of 04" : "LeNet of 06",
                    mine.stream().mapToDouble(p -> log2(p.batchSize())).toArray(),
                    mine.stream().mapToDouble(p -> log2(p.trainingSamplesPerSecond())).toArray())
                    .setMarker(SeriesMarkers.CIRCLE);
        }
        logarithmicAxes(chart, true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        return chart;
    }

    /**
     * The transformer's training time per source token against the source length, with the fit
     * and the fit without its quadratic term: where the two part, attention's L^2 shows.
     */
    static XYChart lengthChart(List<LengthPoint> points, Fit fit) {
        XYChart chart = Plots.line("Transformer of 11: training time per source token",
                "source length L in characters (log scale)", "microseconds per source token");
        double[] x = points.stream().mapToDouble(p -> log2(p.sourceLength())).toArray();
        double[] lengths = points.stream().mapToDouble(LengthPoint::sourceLength).toArray();
        double perToken = 1000.0 / TRANSLATION_BATCH;
        Plots.series(chart, "measured", x, points.stream().mapToDouble(LengthPoint::microsecondsPerSourceToken)
                .toArray()).setMarker(SeriesMarkers.CIRCLE);
        Plots.series(chart, "fit: step = a + bL + cL\u00b2", x,
                Arrays.stream(lengths).map(l -> perToken * fit.at(l) / l).toArray());
        Plots.series(chart, "the fit without its cL\u00b2 term", x,
                Arrays.stream(lengths).map(l -> perToken * (fit.constant() + fit.linear() * l) / l).toArray());
        logarithmicAxes(chart, false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        return chart;
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2);
    }

    /**
     * An x axis of log2 values labelled with the powers of two they stand for (5 reads 32), a tick
     * on each point, and likewise the y axis where {@code logY}.
     */
    private static void logarithmicAxes(XYChart chart, boolean logY) {
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> String.valueOf(Math.round(Math.pow(2, v))));
        if (logY) {
            chart.getStyler().setyAxisTickLabelsFormattingFunction(v -> String.format(Locale.ROOT, "%,d",
                    Math.round(Math.pow(2, v))));
        }
    }

    /** The report as the table the bench prints. */
    static String table(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "how a training step's cost grows; %s on %s%n", report.engine(), report.cpu()));
        out.append(String.format(Locale.ROOT, "load average: %s before, %s after%n", report.loadAverageBefore(),
                report.loadAverageAfter()));
        if (!report.batchSize().isEmpty()) {
            out.append(String.format(Locale.ROOT, "%ntraining against batch size (Fashion-MNIST, plain SGD 0.1; the "
                    + "fastest of %d passes of `steps` steps)%n", report.passes()));
            out.append(String.format(Locale.ROOT, "%-6s %6s %6s %12s %10s%n", "model", "batch", "steps", "samples/s",
                    "ms/step"));
            for (BatchPoint p : report.batchSize()) {
                out.append(String.format(Locale.ROOT, "%-6s %6d %6d %12.0f %10.2f%n", p.model(), p.batchSize(), p.steps(),
                        p.trainingSamplesPerSecond(), p.stepMilliseconds()));
            }
        }
        if (report.sourceLengthFit() != null) {
            Fit fit = report.sourceLengthFit();
            out.append(String.format(Locale.ROOT, "%n11's transformer against source length (batch %d, target 11 tokens; "
                    + "the fastest of %d passes of `steps` steps)%n", TRANSLATION_BATCH, report.passes()));
            out.append(String.format(Locale.ROOT, "%6s %6s %10s %14s %12s%n", "L", "steps", "ms/step", "us/src token",
                    "L^2 share"));
            for (LengthPoint p : report.sourceLength()) {
                out.append(String.format(Locale.ROOT, "%6d %6d %10.1f %14.2f %11.0f%%%n", p.sourceLength(), p.steps(),
                        p.stepMilliseconds(), p.microsecondsPerSourceToken(), 100 * p.quadraticShare()));
            }
            out.append(String.format(Locale.ROOT, "fit: ms/step = %.2f + %.4f L + %.6f L^2 (L^2 share: the fitted "
                    + "quadratic term's part of the step)%n", fit.constant(), fit.linear(), fit.quadratic()));
        }
        out.append(String.format(Locale.ROOT, "the scaling bench took %.1f s%n", report.seconds()));
        return out.toString();
    }
}

package dlcourse.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.google.gson.GsonBuilder;
import dlcourse.data.DateTranslationDataset;
import dlcourse.data.DevilsDictionary;
import dlcourse.data.SequenceBatches;
import dlcourse.data.Tokenizer;
import dlcourse.data.Vocab;
import dlcourse.nn.EncoderDecoder;
import dlcourse.nn.RecurrentModel;
import dlcourse.nn.TransformerDecoder;
import dlcourse.nn.TransformerEncoder;
import dlcourse.notebook.Course;
import dlcourse.tensor.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sequence models of {@code ./course bench}: the 2-layer LSTM language model of notebook 08
 * (characters of The Devil's Dictionary, batch 32 x 35 steps, 128 hidden units, Adam 0.01,
 * gradients clipped to norm 1, the state carried from batch to batch) and the transformer of
 * notebook 11 (dates, hidden 32, feed-forward 64, 2 heads, 1 layer, batch 64, Adam with beta2
 * 0.98, gradients clipped to norm 1), each trained by the notebooks' own loops
 * ({@link LanguageModelTraining}, {@link TranslationTraining}) for one epoch after a warm-up epoch.
 * Reports training and inference tokens/s, where a training step's time goes, and memory after
 * each of two runs in one JVM, as a notebook cell run twice would do. Writes
 * {@code build/bench-sequence.json} (which {@code ./course bench} adds to {@code build/bench.json})
 * and prints a table.
 *
 * <p>Tokens: for the LSTM the characters predicted (training) and scored (inference, perplexity
 * of held-out text); for the transformer the target positions, teacher-forced in training and
 * generated one at a time by greedy decoding in inference.
 *
 * <p>Arguments: {@code --models lstm,transformer} (which to run), {@code --repeats 2} (runs per model).
 */
public final class SequenceBenchmark {

    static final List<String> MODELS = List.of("lstm", "transformer");

    /** How much each run trains and infers; {@link #STANDARD} is the bench's, small ones serve the tests. */
    record Sizes(int lstmWarmUpBatches, int lstmTrainingCharacters, int lstmInferenceCharacters, int dates,
                 int warmUpDates, int inferenceDates) {
    }

    /** 08's fast-mode corpus (80,000 characters) and 11's fast-mode dates (4,000, 3,200 for training). */
    static final Sizes STANDARD = new Sizes(10, 80_000, 40_000, 4_000, 640, 400);

    /** One run: a fresh model, a warm-up epoch, a timed epoch, timed inference. */
    record Run(int trainingSteps, double trainingTokensPerSecond, double inferenceTokensPerSecond, String result) {
    }

    /** Everything measured for one model. */
    record ModelResult(String model, String setup, long parameters, double trainingTokensPerSecond,
                       double inferenceTokensPerSecond, double stepMilliseconds, List<Run> runs,
                       List<Benchmark.MemoryReading> memory, long residentGrowthKilobytes, int liveArrayGrowth,
                       StepProfile.Breakdown stepProfile) {
    }

    /** The whole report, as written to build/bench-sequence.json. */
    record Report(String date, String engine, Map<String, String> settings, String loadAverageBefore,
                  String loadAverageAfter, List<ModelResult> models, double seconds) {
    }

    /** What one model's run measured, before the memory reading. */
    private record Measured(Run run, long parameters, Instant from, Instant to) {
    }

    private SequenceBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Benchmark.runMain(SequenceBenchmark::run, args);
    }

    private static void run(String[] args) throws IOException {
        List<String> models = MODELS;
        int repeats = 2;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--models" -> models = selectModels(value);
                case "--repeats" -> repeats = Benchmark.repeats(value);
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; the sequence bench takes --models lstm,transformer and --repeats N");
            }
            i++;
        }
        Report report = run(models, repeats, STANDARD);
        Path json = Course.home().resolve("build").resolve("bench-sequence.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, new GsonBuilder().setPrettyPrinting().create().toJson(report) + "\n");
        System.out.print(table(report));
        System.out.println("written to " + Course.home().relativize(json));
    }

    /** The models named in {@code names} (comma-separated), in that order; an unknown name lists the choices. */
    static List<String> selectModels(String names) {
        return selectNames(names, MODELS, "no sequence model '%s' in the bench; choose from ");
    }

    /**
     * The names in {@code names} (comma-separated, spaces trimmed), in that order; a name not in
     * {@code choices} is refused with {@code refusal} (a pattern for the name) followed by the choices.
     */
    static List<String> selectNames(String names, List<String> choices, String refusal) {
        List<String> selected = new ArrayList<>();
        for (String name : names.split(",")) {
            if (!choices.contains(name.trim())) {
                throw new IllegalArgumentException(String.format(refusal, name.trim()) + choices);
            }
            selected.add(name.trim());
        }
        return selected;
    }

    static Report run(List<String> models, int repeats, Sizes sizes) {
        long start = System.nanoTime();
        String loadBefore = Benchmark.loadAverage();
        List<ModelResult> results = new ArrayList<>();
        for (String model : models) {
            results.add(measure(model, repeats, sizes));
        }
        Engine engine = Engine.getInstance();
        return new Report(OffsetDateTime.now().toString(), engine.getEngineName() + " " + engine.getVersion(),
                Benchmark.engineSettings(), loadBefore, Benchmark.loadAverage(), results,
                (System.nanoTime() - start) / 1e9);
    }

    private static ModelResult measure(String model, int repeats, Sizes sizes) {
        try (NDManager data = NDManager.newBaseManager()) {
            List<Benchmark.MemoryReading> memory = new ArrayList<>();
            memory.add(Benchmark.readMemory(data, "before"));
            List<Run> runs = new ArrayList<>();
            long parameters = 0;
            StepProfile profile = StepProfile.start();
            for (int repeat = 1; repeat <= repeats; repeat++) {
                // One run is one notebook cell: a new manager owns the model, and closing it frees everything.
                try (NDManager cell = NDManager.newBaseManager()) {
                    Seeds.set(repeat);
                    Measured measured = model.equals("lstm") ? lstm(cell, sizes) : transformer(cell, sizes);
                    profile.window(measured.from(), measured.to(), measured.run().trainingSteps());
                    runs.add(measured.run());
                    parameters = measured.parameters();
                }
                memory.add(Benchmark.readMemory(data, "after run " + repeat));
            }
            StepProfile.Breakdown breakdown = profile.finish();
            Run best = runs.stream().max((a, b) -> Double.compare(a.trainingTokensPerSecond(),
                    b.trainingTokensPerSecond())).orElseThrow();
            double bestInference = runs.stream().mapToDouble(Run::inferenceTokensPerSecond).max().orElseThrow();
            Benchmark.MemoryReading first = memory.get(1);
            Benchmark.MemoryReading last = memory.get(memory.size() - 1);
            return new ModelResult(model, setup(model), parameters, best.trainingTokensPerSecond(), bestInference,
                    breakdown.stepMilliseconds(), runs, memory, last.residentKilobytes() - first.residentKilobytes(),
                    last.liveArrays() - memory.get(0).liveArrays(), breakdown);
        }
    }

    private static String setup(String model) {
        return model.equals("lstm")
                ? "08: 2-layer LSTM (128 hidden) on characters, batch 32 x 35 steps, Adam 0.01, clip 1"
                : "11: transformer (hidden 32, feed-forward 64, 2 heads, 1 layer) on dates, batch 64, Adam, clip 1";
    }

    /** 08's 2-layer LSTM: a warm-up epoch, then one timed epoch and the perplexity of held-out text. */
    private static Measured lstm(NDManager cell, Sizes sizes) {
        String text = Tokenizer.simplify(DevilsDictionary.load().text());
        List<String> characters = Tokenizer.characters().tokenize(text);
        Vocab vocab = Vocab.of(characters);
        int[] indices = vocab.indices(characters);
        int batchSize = 32;
        int steps = 35;
        int warmUpLength = sizes.lstmWarmUpBatches() * batchSize * steps + steps + 1;
        int trainLength = sizes.lstmTrainingCharacters();
        NDArray warmUp = cell.create(Arrays.copyOfRange(indices, 0, warmUpLength));
        NDArray train = cell.create(Arrays.copyOfRange(indices, 0, trainLength));
        NDArray held = cell.create(Arrays.copyOfRange(indices, trainLength, trainLength + sizes.lstmInferenceCharacters()));
        // The epoch's validation is one batch, so that the timed window is nearly all training.
        NDArray validation = cell.create(Arrays.copyOfRange(indices, trainLength, trainLength + batchSize * steps + steps + 1));
        RecurrentModel net = RecurrentModel.languageModel(
                LSTM.builder().setStateSize(128).setNumLayers(2).optReturnState(true).build(), vocab.size());
        Trainer trainer = Training.newTrainer(cell, net, Loss.softmaxCrossEntropyLoss(),
                Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build(), new Shape(batchSize, steps));
        SequenceBatches.Partitioning sequential = SequenceBatches.Partitioning.SEQUENTIAL;
        SequenceBatches validationBatches = new SequenceBatches(validation, batchSize, steps, sequential);
        new LanguageModelTraining(trainer).withGradientClipping(1.0)
                .fit(new SequenceBatches(warmUp, batchSize, steps, sequential), validationBatches, 1);
        LanguageModelTraining timed = new LanguageModelTraining(trainer).withGradientClipping(1.0);
        Instant from = Instant.now();
        TrainingHistory history = timed.fit(new SequenceBatches(train, batchSize, steps, sequential),
                validationBatches, 1);
        Instant to = Instant.now();
        SequenceBatches heldBatches = new SequenceBatches(held, batchSize, steps, sequential);
        Timer inference = new Timer();
        double perplexity = timed.perplexity(heldBatches);
        double inferenceSeconds = inference.stop();
        // Whole batches from a random offset below `steps`: for the bench's sizes the same count from every offset.
        long heldTokens = (long) (sizes.lstmInferenceCharacters() - steps) / ((long) batchSize * steps) * batchSize * steps;
        int batches = timed.gradientNorms().length;
        String result = String.format(Locale.ROOT, "train perplexity %.2f, held-out perplexity %.2f",
                history.last(LanguageModelTraining.TRAIN_PERPLEXITY), perplexity);
        long parameters = net.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        return new Measured(new Run(batches, timed.tokensPerSecond(), heldTokens / inferenceSeconds, result),
                parameters, from, to);
    }

    /** 11's transformer: a warm-up epoch, then one timed epoch and greedy translation of test dates. */
    private static Measured transformer(NDManager cell, Sizes sizes) {
        DateTranslationDataset dates = DateTranslationDataset.generate(sizes.dates(), 42);
        DateTranslationDataset.Arrays train = dates.arrays(cell, DateTranslationDataset.Split.TRAIN);
        List<DateTranslationDataset.Example> held = dates.examples(DateTranslationDataset.Split.TEST);
        DateTranslationDataset.Arrays test = dates.arrays(cell, held.subList(0, Math.min(sizes.inferenceDates(),
                held.size())));
        DateTranslationDataset.Arrays warmUp = dates.arrays(cell,
                dates.examples(DateTranslationDataset.Split.TRAIN).subList(0, sizes.warmUpDates()));
        // The epoch's validation is one batch, so that the timed window is nearly all training.
        List<DateTranslationDataset.Example> validationDates = dates.examples(DateTranslationDataset.Split.VALIDATION);
        DateTranslationDataset.Arrays validation = dates.arrays(cell,
                validationDates.subList(0, Math.min(64, validationDates.size())));
        int hidden = 32;
        int feedForward = 64;
        int heads = 2;
        EncoderDecoder model = new EncoderDecoder(
                new TransformerEncoder(dates.sourceVocab().size(), hidden, feedForward, heads, 1),
                new TransformerDecoder(dates.targetVocab().size(), hidden, feedForward, heads, 1));
        Trainer trainer = TranslationTraining.newTrainer(cell, model, dates,
                Optimizer.adam().optBeta2(0.98f).optLearningRateTracker(Tracker.fixed(0.005f)).build());
        int batchSize = 64;
        new TranslationTraining(trainer, dates, batchSize).withGradientClipping(1.0).fit(warmUp, validation, 1);
        TranslationTraining timed = new TranslationTraining(trainer, dates, batchSize).withGradientClipping(1.0);
        Instant from = Instant.now();
        TrainingHistory history = timed.fit(train, validation, 1);
        Instant to = Instant.now();
        Timer inference = new Timer();
        double exactMatch = timed.exactMatch(test, 1);
        double inferenceSeconds = inference.stop();
        int steps = (int) (train.size() / batchSize);
        String result = String.format(Locale.ROOT, "train loss %.3f, test exact match %.3f",
                history.last(TranslationTraining.TRAIN_LOSS), exactMatch);
        return new Measured(new Run(steps, timed.samplesPerSecond() * dates.targetSteps(),
                test.size() * dates.targetSteps() / inferenceSeconds, result), model.parameterCount(), from, to);
    }

    /** The report as the table the bench prints. */
    static String table(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "sequence models, trained by the notebooks' loops; %s%n", report.engine()));
        out.append(String.format(Locale.ROOT, "load average: %s before, %s after%n%n",
                report.loadAverageBefore(), report.loadAverageAfter()));
        out.append(String.format(Locale.ROOT, "%-12s %10s %12s %12s %10s  %s%n", "model", "parameters", "train tok/s",
                "infer tok/s", "ms/step", "last run"));
        for (ModelResult m : report.models()) {
            out.append(String.format(Locale.ROOT, "%-12s %10d %12.0f %12.0f %10.2f  %s%n", m.model(), m.parameters(),
                    m.trainingTokensPerSecond(), m.inferenceTokensPerSecond(), m.stepMilliseconds(),
                    m.runs().get(m.runs().size() - 1).result()));
        }
        out.append("(tok/s: best of the runs; LSTM: characters predicted; transformer: target positions, teacher-forced\n"
                + " in training, generated greedily in inference)\n");
        for (ModelResult m : report.models()) {
            out.append("  ").append(m.model()).append(": ").append(m.setup()).append('\n');
        }
        out.append('\n');
        out.append(Benchmark.memoryHeader(12));
        for (ModelResult m : report.models()) {
            out.append(Benchmark.memoryRows(m.model(), 12, m.memory(), m.residentGrowthKilobytes(), m.liveArrayGrowth()));
        }
        out.append(Benchmark.PROFILE_HEADER);
        for (ModelResult m : report.models()) {
            out.append(StepProfile.table(m.model(), m.stepProfile()));
        }
        out.append(String.format(Locale.ROOT, "the sequence bench took %.1f s%n", report.seconds()));
        return out.toString();
    }
}

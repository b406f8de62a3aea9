package dlcourse.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A translation task that needs no download: dates written out by {@code java.time} in five
 * languages ({@code lundi 3 mars 2025}, {@code 3. März 2025}, {@code 2025年3月3日星期一}) to be
 * translated into ISO-8601 ({@code 2025-03-03}). Generated from a seed: each example is a distinct
 * date between 1950 and 2049 written in a random language and pattern; the first 80 % of the
 * examples are the training split, then 10 % validation and 10 % test, so no date is in two splits.
 * For longer sources an example may list several dates in one language and pattern, separated by
 * {@value #SOURCE_SEPARATOR} ({@code 3 mars 2025; 17 avril 1990}), translated into ISO dates separated
 * by a space ({@code 2025-03-03 1990-04-17}).
 *
 * <p>Sources are read character by character ({@link Tokenizer#characters()}) with a {@link Vocab}
 * built from the training split; targets use a vocabulary of digits and {@code -} with the reserved
 * tokens {@value #BEGIN} and {@value #END}.
 *
 * <pre>
 * DateTranslationDataset dates = DateTranslationDataset.generate(10_000, 42);
 * DateTranslationDataset.Arrays train = dates.arrays(manager, DateTranslationDataset.Split.TRAIN);
 * train.sources();          // (8000, sourceSteps) source character indices, padded with &lt;pad&gt;
 * train.targetInputs();     // (8000, 11) &lt;bos&gt; 2 0 2 5 - 0 3 - 0 3
 * train.targetOutputs();    // (8000, 11) 2 0 2 5 - 0 3 - 0 3 &lt;eos&gt;
 * DateTranslationDataset lists = DateTranslationDataset.generate(10_000, 42, 3);   // 1 to 3 dates per example
 * </pre>
 */
public final class DateTranslationDataset {

    public static final String BEGIN = "<bos>";
    public static final String END = "<eos>";

    /** Characters of an ISO-8601 date, {@code yyyy-MM-dd}. */
    public static final int DATE_LENGTH = 10;

    /** Between the dates of a source that lists several. */
    public static final String SOURCE_SEPARATOR = "; ";

    /** Between the dates of a target that lists several. */
    public static final String TARGET_SEPARATOR = " ";

    private static final LocalDate FIRST = LocalDate.of(1950, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2049, 12, 31);

    /** The languages and the patterns each writes dates in (numeric patterns only where the day-month order is unambiguous). */
    private static final Map<String, Writer> WRITERS = new LinkedHashMap<>();

    static {
        WRITERS.put("English", new Writer(Locale.US,
                "EEEE, MMMM d, yyyy", "MMMM d, yyyy", "MMM d, yyyy", "EEE, MMM d, yyyy", "d MMMM yyyy"));
        WRITERS.put("French", new Writer(Locale.FRANCE,
                "EEEE d MMMM yyyy", "d MMMM yyyy", "d MMM yyyy", "dd/MM/yyyy"));
        WRITERS.put("German", new Writer(Locale.GERMANY,
                "EEEE, d. MMMM yyyy", "d. MMMM yyyy", "d. MMM yyyy", "dd.MM.yyyy"));
        WRITERS.put("Spanish", new Writer(Locale.forLanguageTag("es-ES"),
                "EEEE, d 'de' MMMM 'de' yyyy", "d 'de' MMMM 'de' yyyy", "d MMM yyyy"));
        WRITERS.put("Chinese", new Writer(Locale.CHINA,
                "yyyy年M月d日", "yyyy年M月d日EEEE", "yyyy年MM月dd日"));
    }

    /** The three fixed parts of the data. */
    public enum Split { TRAIN, VALIDATION, TEST }

    /** Dates written out ({@code source}) and in ISO-8601 ({@code target}), with the language they are written in. */
    public record Example(String source, String target, String language, List<LocalDate> dates) {

        public Example {
            dates = List.copyOf(dates);
        }

        /** The date of an example that holds one. */
        public LocalDate date() {
            if (dates.size() != 1) {
                throw new IllegalStateException("\"" + source + "\" lists " + dates.size()
                        + " dates: read them with dates()");
            }
            return dates.get(0);
        }
    }

    /**
     * One split as arrays (all INT32): source indices (examples, sourceSteps) padded with
     * {@code <pad>}, their valid lengths (examples), decoder inputs {@code <bos>} + target and
     * decoder outputs target + {@code <eos>} (examples, targetSteps), and the targets' valid lengths
     * (examples): 11 per date. Where an example lists fewer dates than the longest, its decoder inputs
     * end in {@code <pad>} and its outputs repeat {@code <eos>}, as generated translations do, so that
     * exact match compares whole rows.
     */
    public record Arrays(NDArray sources, NDArray sourceValidLengths, NDArray targetInputs, NDArray targetOutputs,
                         NDArray targetValidLengths) {

        /** Number of examples. */
        public long size() {
            return sources.getShape().get(0);
        }
    }

    private final long seed;
    private final int maxDates;
    private final List<Example> train;
    private final List<Example> validation;
    private final List<Example> test;
    private final Vocab sourceVocab;
    private final Vocab targetVocab;
    private final int sourceSteps;

    private DateTranslationDataset(long seed, int maxDates, List<Example> examples) {
        this.seed = seed;
        this.maxDates = maxDates;
        int trainEnd = (int) Math.round(examples.size() * 0.8);
        int validationEnd = (int) Math.round(examples.size() * 0.9);
        this.train = List.copyOf(examples.subList(0, trainEnd));
        this.validation = List.copyOf(examples.subList(trainEnd, validationEnd));
        this.test = List.copyOf(examples.subList(validationEnd, examples.size()));
        List<String> sourceCharacters = new ArrayList<>();
        for (Example example : train) {
            sourceCharacters.addAll(Tokenizer.characters().tokenize(example.source()));
        }
        this.sourceVocab = Vocab.of(sourceCharacters);
        String targetCharacters = maxDates == 1 ? "0123456789-" : "0123456789-" + TARGET_SEPARATOR;
        this.targetVocab = Vocab.of(Tokenizer.characters().tokenize(targetCharacters), 1, BEGIN, END);
        this.sourceSteps = examples.stream()
                .mapToInt(example -> Tokenizer.characters().tokenize(example.source()).size()).max().orElse(1);
    }

    /**
     * {@code examples} distinct dates (at least 10, at most the 36,524 days from 1950 to 2049), each in
     * a language and pattern drawn with {@code seed}; the same seed always gives the same data.
     */
    public static DateTranslationDataset generate(int examples, long seed) {
        return generate(examples, seed, 1);
    }

    /**
     * {@code examples} examples that each list 1 to {@code maxDates} dates (as many of each count), in one
     * language and pattern drawn with {@code seed}; no date appears twice, so at most 36,524 dates in all.
     */
    public static DateTranslationDataset generate(int examples, long seed, int maxDates) {
        long days = LAST.toEpochDay() - FIRST.toEpochDay() + 1;
        if (maxDates < 1) {
            throw new IllegalArgumentException("an example lists 1 or more dates, asked for at most " + maxDates);
        }
        if (examples < 10 || (long) examples * maxDates > days) {
            throw new IllegalArgumentException("a date translation data set holds 10 to " + days / maxDates
                    + " examples of up to " + maxDates + " distinct dates (" + days + " days from 1950 to 2049), asked for "
                    + examples + (maxDates > 1 ? ": ask for fewer examples or fewer dates per example" : ""));
        }
        Random random = new Random(seed);
        Set<Long> used = new HashSet<>();
        List<Writer> writers = List.copyOf(WRITERS.values());
        List<String> languages = List.copyOf(WRITERS.keySet());
        List<Example> result = new ArrayList<>(examples);
        while (result.size() < examples) {
            // One date per example draws nothing for the count, so its data stays what it was before lists existed.
            int count = maxDates == 1 ? 1 : 1 + random.nextInt(maxDates);
            List<LocalDate> dates = new ArrayList<>(count);
            while (dates.size() < count) {
                long day = FIRST.toEpochDay() + (long) (random.nextDouble() * days);
                if (used.add(day)) {
                    dates.add(LocalDate.ofEpochDay(day));
                }
            }
            int language = random.nextInt(writers.size());
            Writer writer = writers.get(language);
            DateTimeFormatter formatter = writer.formatters.get(random.nextInt(writer.formatters.size()));
            List<String> sources = new ArrayList<>(count);
            List<String> targets = new ArrayList<>(count);
            for (LocalDate date : dates) {
                sources.add(formatter.format(date));
                targets.add(date.toString());
            }
            result.add(new Example(String.join(SOURCE_SEPARATOR, sources), String.join(TARGET_SEPARATOR, targets),
                    languages.get(language), dates));
        }
        return new DateTranslationDataset(seed, maxDates, result);
    }

    /** The languages dates are written in: English, French, German, Spanish, Chinese. */
    public static List<String> languages() {
        return List.copyOf(WRITERS.keySet());
    }

    /** The patterns ({@link DateTimeFormatter#ofPattern}) that {@code language} writes dates in. */
    public static List<String> patterns(String language) {
        Writer writer = WRITERS.get(language);
        if (writer == null) {
            throw new IllegalArgumentException("no language '" + language + "'; the languages are " + languages());
        }
        return writer.patterns;
    }

    /** The examples of one split. */
    public List<Example> examples(Split split) {
        return switch (split) {
            case TRAIN -> train;
            case VALIDATION -> validation;
            case TEST -> test;
        };
    }

    /** The character vocabulary of the sources (from the training split; an unseen character becomes {@code <unk>}). */
    public Vocab sourceVocab() {
        return sourceVocab;
    }

    /**
     * The vocabulary of the targets: {@code <unk>}, {@code <pad>}, {@code <bos>}, {@code <eos>}, digits, {@code -}
     * and, where examples list several dates, the space between them.
     */
    public Vocab targetVocab() {
        return targetVocab;
    }

    /** Length of the longest source in characters: the width sources are padded to. */
    public int sourceSteps() {
        return sourceSteps;
    }

    /** The most dates an example lists. */
    public int maxDates() {
        return maxDates;
    }

    /**
     * Length of the longest target sequence, the width targets are padded to: 11 per date (its 10
     * characters, then a space or, after the last date, {@code <eos>}).
     */
    public int targetSteps() {
        return (DATE_LENGTH + 1) * maxDates;
    }

    public long seed() {
        return seed;
    }

    /** One split as arrays owned by {@code manager}. */
    public Arrays arrays(NDManager manager, Split split) {
        return arrays(manager, examples(split));
    }

    /** The given examples as arrays owned by {@code manager}, sources padded to {@link #sourceSteps()}. */
    public Arrays arrays(NDManager manager, List<Example> examples) {
        int n = examples.size();
        int targetSteps = targetSteps();
        int[] sources = new int[n * sourceSteps];
        int[] sourceLengths = new int[n];
        int[] inputs = new int[n * targetSteps];
        int[] outputs = new int[n * targetSteps];
        int[] targetLengths = new int[n];
        java.util.Arrays.fill(sources, sourceVocab.paddingIndex());
        java.util.Arrays.fill(inputs, targetVocab.paddingIndex());
        java.util.Arrays.fill(outputs, targetVocab.index(END));
        for (int i = 0; i < n; i++) {
            int[] source = encodeSource(examples.get(i).source());
            if (source.length > sourceSteps) {
                throw new IllegalArgumentException("source \"" + examples.get(i).source() + "\" has " + source.length
                        + " characters, more than the " + sourceSteps + " this data set pads to");
            }
            System.arraycopy(source, 0, sources, i * sourceSteps, source.length);
            sourceLengths[i] = source.length;
            int[] target = targetVocab.indices(Tokenizer.characters().tokenize(examples.get(i).target()));
            if (target.length >= targetSteps) {
                throw new IllegalArgumentException("target \"" + examples.get(i).target() + "\" lists more than the "
                        + maxDates + " date(s) this data set pads to");
            }
            inputs[i * targetSteps] = targetVocab.index(BEGIN);
            System.arraycopy(target, 0, inputs, i * targetSteps + 1, target.length);
            System.arraycopy(target, 0, outputs, i * targetSteps, target.length);
            targetLengths[i] = target.length + 1;
        }
        return new Arrays(
                manager.create(sources).reshape(n, sourceSteps),
                manager.create(sourceLengths),
                manager.create(inputs).reshape(n, targetSteps),
                manager.create(outputs).reshape(n, targetSteps),
                manager.create(targetLengths));
    }

    /** Source character indices of {@code text} (unseen characters become {@code <unk>}). */
    public int[] encodeSource(String text) {
        return sourceVocab.indices(Tokenizer.characters().tokenize(text));
    }

    /** The text of predicted target indices, up to the first {@code <eos>}; other special tokens are dropped. */
    public String decodeTarget(int[] indices) {
        StringBuilder text = new StringBuilder();
        for (int index : indices) {
            String token = targetVocab.token(index);
            if (token.equals(END)) {
                break;
            }
            if (token.length() == 1) {
                text.append(token);
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "DateTranslationDataset(seed " + seed + (maxDates > 1 ? ", 1 to " + maxDates + " dates per example" : "")
                + ": " + train.size() + " train, " + validation.size()
                + " validation, " + test.size() + " test; " + sourceVocab.size() + " source characters, sources up to "
                + sourceSteps + " characters)";
    }

    private static final class Writer {
        private final List<String> patterns;
        private final List<DateTimeFormatter> formatters;

        private Writer(Locale locale, String... patterns) {
            this.patterns = List.of(patterns);
            this.formatters = this.patterns.stream().map(p -> DateTimeFormatter.ofPattern(p, locale)).toList();
        }
    }
}

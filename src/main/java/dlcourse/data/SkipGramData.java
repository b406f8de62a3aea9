package dlcourse.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The training pairs of word2vec's skip-gram (notebook 13): every word of a sentence as a
 * <em>center</em>, paired with each word at most a window away as a <em>context</em>. As in
 * word2vec, the window of each center is drawn uniformly from 1 to {@code maxWindow} (near words
 * count more often than far ones), and frequent words are first <em>subsampled</em>: a word of
 * relative frequency f is kept with probability min(1, sqrt(threshold / f)).
 *
 * <pre>
 * int[][] sentences = SkipGramData.sentences(texts, vocab);                  // unknown words dropped
 * double[] keep = SkipGramData.keepProbabilities(sentences, vocab.size(), 1e-3);
 * SkipGramData pairs = SkipGramData.of(SkipGramData.subsample(sentences, keep, random), 5, random);
 * pairs.size();   // number of (center, context) pairs
 * </pre>
 */
public final class SkipGramData {

    private final int[] centers;
    private final int[] contexts;

    private SkipGramData(int[] centers, int[] contexts) {
        this.centers = centers;
        this.contexts = contexts;
    }

    /**
     * Each text as the vocabulary indices of its words ({@link Tokenizer#simplify}, then
     * {@link Tokenizer#words}); words the vocabulary does not hold are dropped, as word2vec does.
     */
    public static int[][] sentences(List<String> texts, Vocab vocab) {
        int[][] result = new int[texts.size()][];
        for (int i = 0; i < result.length; i++) {
            result[i] = Arrays.stream(vocab.indices(Tokenizer.words().tokenize(Tokenizer.simplify(texts.get(i)))))
                    .filter(index -> index != vocab.unknownIndex() && index != vocab.paddingIndex())
                    .toArray();
        }
        return result;
    }

    /** How often each index 0 .. vocabularySize-1 occurs in {@code sentences}. */
    public static long[] counts(int[][] sentences, int vocabularySize) {
        long[] counts = new long[vocabularySize];
        for (int[] sentence : sentences) {
            for (int index : sentence) {
                if (index < 0 || index >= vocabularySize) {
                    throw new IllegalArgumentException("word index " + index + " is outside the vocabulary of "
                            + vocabularySize + " words; build the sentences with the same vocabulary");
                }
                counts[index]++;
            }
        }
        return counts;
    }

    /**
     * The probability of keeping each word when subsampling: min(1, sqrt(threshold / f)), f its share
     * of all words in {@code sentences}. Words rarer than the threshold are always kept.
     */
    public static double[] keepProbabilities(int[][] sentences, int vocabularySize, double threshold) {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("the subsampling threshold must be positive (word2vec uses 1e-3 to 1e-5), got "
                    + threshold);
        }
        long[] counts = counts(sentences, vocabularySize);
        long total = Arrays.stream(counts).sum();
        if (total == 0) {
            throw new IllegalArgumentException("the sentences hold no words to subsample");
        }
        double[] keep = new double[vocabularySize];
        for (int i = 0; i < vocabularySize; i++) {
            double frequency = (double) counts[i] / total;
            keep[i] = counts[i] == 0 ? 1 : Math.min(1, Math.sqrt(threshold / frequency));
        }
        return keep;
    }

    /** The sentences with each word kept with probability {@code keep[word]}. */
    public static int[][] subsample(int[][] sentences, double[] keep, Random random) {
        int[][] result = new int[sentences.length][];
        for (int i = 0; i < sentences.length; i++) {
            result[i] = Arrays.stream(sentences[i]).filter(index -> random.nextDouble() < keep[index]).toArray();
        }
        return result;
    }

    /** The (center, context) pairs of {@code sentences}, each center with a window drawn from 1 to {@code maxWindow}. */
    public static SkipGramData of(int[][] sentences, int maxWindow, Random random) {
        if (maxWindow < 1) {
            throw new IllegalArgumentException("the window must be at least 1 word, got " + maxWindow);
        }
        int capacity = 0;
        for (int[] sentence : sentences) {
            capacity += sentence.length * 2 * maxWindow;
        }
        int[] centers = new int[capacity];
        int[] contexts = new int[capacity];
        int size = 0;
        for (int[] sentence : sentences) {
            for (int i = 0; i < sentence.length; i++) {
                int window = 1 + random.nextInt(maxWindow);
                for (int j = Math.max(0, i - window); j <= Math.min(sentence.length - 1, i + window); j++) {
                    if (j != i) {
                        centers[size] = sentence[i];
                        contexts[size] = sentence[j];
                        size++;
                    }
                }
            }
        }
        if (size == 0) {
            throw new IllegalArgumentException("no pairs: every sentence has fewer than 2 words");
        }
        return new SkipGramData(Arrays.copyOf(centers, size), Arrays.copyOf(contexts, size));
    }

    /** Number of (center, context) pairs. */
    public int size() {
        return centers.length;
    }

    /** The center word of every pair. */
    public int[] centers() {
        return centers.clone();
    }

    /** The context word of every pair. */
    public int[] contexts() {
        return contexts.clone();
    }

    /** The centers as an int32 array (size) owned by {@code manager}. */
    public NDArray centers(NDManager manager) {
        return manager.create(centers);
    }

    /** The contexts as an int32 array (size) owned by {@code manager}. */
    public NDArray contexts(NDManager manager) {
        return manager.create(contexts);
    }

    /**
     * The {@code count} pairs of different words seen together most often, in either order, as
     * {a, b, times} with a &lt; b, most frequent first; words with an index below {@code firstIndex}
     * are left out (a {@link Vocab} orders words by frequency, so this skips the most common ones).
     */
    public List<int[]> mostFrequentPairs(int count, int firstIndex) {
        Map<Long, Integer> times = new HashMap<>();
        for (int i = 0; i < centers.length; i++) {
            int a = Math.min(centers[i], contexts[i]);
            int b = Math.max(centers[i], contexts[i]);
            if (a != b && a >= firstIndex) {
                times.merge(((long) a << 32) | b, 1, Integer::sum);
            }
        }
        List<int[]> pairs = new ArrayList<>();
        times.forEach((key, n) -> pairs.add(new int[] {(int) (key >> 32), (int) (long) key, n}));
        pairs.sort((p, q) -> p[2] != q[2] ? Integer.compare(q[2], p[2])
                : p[0] != q[0] ? Integer.compare(p[0], q[0]) : Integer.compare(p[1], q[1]));
        return pairs.subList(0, Math.min(count, pairs.size()));
    }

    @Override
    public String toString() {
        return "SkipGramData of " + centers.length + " (center, context) pairs";
    }
}

package dlcourse.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Draws "noise" words for negative sampling (notebook 13). As in word2vec, word w is drawn with
 * probability proportional to count(w)^power (power 0.75 lifts rare words a little), through a table
 * in which each word fills a share of the slots equal to its probability: a batch of samples is
 * then one random integer array and one lookup, with no Java loop per sample.
 *
 * <pre>
 * NegativeSampler noise = NegativeSampler.of(SkipGramData.counts(sentences, vocab.size()), 0.75, manager);
 * NDArray negatives = noise.sample(batch, new Shape(512, 5));   // word indices, int32
 * </pre>
 */
public final class NegativeSampler {

    /** Slots in the table: enough that a word of probability 1e-5 still has a few. */
    public static final int TABLE_SIZE = 1 << 20;

    private final double[] probabilities;
    private final NDArray table;

    private NegativeSampler(double[] probabilities, NDArray table) {
        this.probabilities = probabilities;
        this.table = table;
    }

    /** A sampler for words 0 .. counts.length-1 with probability proportional to counts^power; the table belongs to {@code manager}. */
    public static NegativeSampler of(long[] counts, double power, NDManager manager) {
        if (!(power >= 0)) {
            throw new IllegalArgumentException("the power must be 0 or more (word2vec uses 0.75), got " + power);
        }
        double[] weights = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("count of word " + i + " is negative: " + counts[i]);
            }
            weights[i] = counts[i] == 0 ? 0 : Math.pow(counts[i], power);
        }
        double total = Arrays.stream(weights).sum();
        if (total == 0) {
            throw new IllegalArgumentException("every count is 0: there are no words to draw negatives from");
        }
        double[] probabilities = Arrays.stream(weights).map(w -> w / total).toArray();
        int[] slots = new int[TABLE_SIZE];
        double cumulative = 0;
        int word = 0;
        for (int slot = 0; slot < TABLE_SIZE; slot++) {
            while (word < counts.length - 1 && (slot + 0.5) / TABLE_SIZE > cumulative + probabilities[word]) {
                cumulative += probabilities[word];
                word++;
            }
            slots[slot] = word;
        }
        return new NegativeSampler(probabilities, manager.create(slots));
    }

    /** The probability of drawing each word. */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** Random word indices (int32) of the given shape, owned by {@code manager}. */
    public NDArray sample(NDManager manager, Shape shape) {
        NDArray slots = manager.randomInteger(0, TABLE_SIZE, new Shape(shape.size()), DataType.INT32);
        NDArray words = table.get(manager, new NDIndex("{}", slots));
        return words.reshape(shape);
    }
}

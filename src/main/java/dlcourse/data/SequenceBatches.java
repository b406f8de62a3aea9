package dlcourse.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dlcourse.tensor.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Cuts a corpus of token indices into minibatches of (inputs, targets) for a language model,
 * as in the d2l book: each input row is {@code steps} consecutive tokens and its target row is
 * the same tokens shifted by one, the next token at every position.
 *
 * <ul>
 * <li>{@link Partitioning#RANDOM}: the corpus is cut into subsequences from a random offset and
 *     the subsequences are shuffled, so neighbouring batches are unrelated; the hidden state
 *     starts afresh for every batch.</li>
 * <li>{@link Partitioning#SEQUENTIAL}: row {@code b} of batch {@code i + 1} continues row {@code b}
 *     of batch {@code i} in the corpus, so the hidden state can be carried from batch to batch.</li>
 * </ul>
 *
 * <pre>
 * SequenceBatches batches = new SequenceBatches(corpus, 32, 35, SequenceBatches.Partitioning.RANDOM);
 * try (NDManager epoch = manager.newSubManager()) {
 *     for (SequenceBatches.Batch batch : batches.epoch(epoch)) {
 *         batch.inputs();    // (32, 35)
 *         batch.targets();   // (32, 35), inputs shifted by one token
 *     }
 * }
 * </pre>
 */
public final class SequenceBatches {

    /** How the corpus is cut into rows, and whether consecutive batches continue each other. */
    public enum Partitioning { RANDOM, SEQUENTIAL }

    /** One minibatch: inputs and targets of shape (batch size, steps), the targets one token ahead. */
    public record Batch(NDArray inputs, NDArray targets) {
    }

    private final NDArray corpus;
    private final int batchSize;
    private final int steps;
    private final Partitioning partitioning;
    private final Random random;
    private final long largestToken;

    /** Batches of {@code corpus} (1-D token indices); offsets and shuffles come from {@link Seeds#random()}. */
    public SequenceBatches(NDArray corpus, int batchSize, int steps, Partitioning partitioning) {
        this(corpus, batchSize, steps, partitioning, Seeds.random());
    }

    /** Batches of {@code corpus} (1-D token indices), with offsets and shuffles drawn from {@code random}. */
    public SequenceBatches(NDArray corpus, int batchSize, int steps, Partitioning partitioning, Random random) {
        if (corpus.getShape().dimension() != 1) {
            throw new IllegalArgumentException("the corpus must be a 1-D array of token indices, got shape "
                    + corpus.getShape());
        }
        if (!corpus.getDataType().isInteger()) {
            throw new IllegalArgumentException("the corpus must hold integer token indices, got "
                    + corpus.getDataType() + "; convert it with toType(DataType.INT32, false)");
        }
        if (batchSize < 1 || steps < 1) {
            throw new IllegalArgumentException("batch size and steps must be 1 or more, got batch size "
                    + batchSize + " and steps " + steps);
        }
        long length = corpus.size();
        if (length < steps + 1L) {
            throw new IllegalArgumentException("sequences of " + steps + " steps need a corpus of at least "
                    + (steps + 1) + " tokens (inputs and the targets one token later); this corpus has " + length);
        }
        try (NDManager scope = corpus.getManager().newSubManager()) {
            // Borrowed, so that the minimum and maximum are freed with the scope.
            scope.tempAttachAll(corpus);
            long smallest = corpus.min().toType(DataType.INT64, false).getLong();
            if (smallest < 0) {
                throw new IllegalArgumentException("token indices are 0 or more; this corpus holds " + smallest);
            }
            this.largestToken = corpus.max().toType(DataType.INT64, false).getLong();
        }
        this.corpus = corpus;
        this.batchSize = batchSize;
        this.steps = steps;
        this.partitioning = partitioning;
        this.random = random;
        int worst = batchCount(steps - 1);
        if (worst < 1) {
            throw new IllegalArgumentException("a corpus of " + length + " tokens does not fill one batch of "
                    + batchSize + " rows of " + steps + " steps (" + partitioning.name().toLowerCase(Locale.ROOT)
                    + " partitioning); use a smaller batch size or fewer steps");
        }
    }

    /** Number of batches an epoch gives when it starts at {@code offset}. */
    private int batchCount(int offset) {
        // Both partitionings use whole rows of `steps` tokens, `batchSize` rows a batch.
        return (int) ((corpus.size() - offset - 1) / ((long) steps * batchSize));
    }

    /**
     * The batches of one epoch, from a new random offset (and, for random partitioning, in a new
     * random order). Their arrays belong to {@code manager}: give each epoch a sub-manager and close it.
     */
    public List<Batch> epoch(NDManager manager) {
        int offset = random.nextInt(steps);
        int batches = batchCount(offset);
        try (NDManager scratch = manager.newSubManager()) {
            NDList inputs;
            NDList targets;
            if (partitioning == Partitioning.RANDOM) {
                NDArray positions = randomRows(scratch, offset, batches * batchSize);
                inputs = corpus.take(scratch, positions).split(batches, 0);
                targets = corpus.take(scratch, positions.add(1)).split(batches, 0);
            } else {
                long tokens = (long) batches * batchSize * steps;
                NDArray positions = scratch.arange(offset, offset + tokens, 1L, corpus.getDataType()).reshape(
                        batchSize, (long) batches * steps);
                inputs = corpus.take(scratch, positions).split(batches, 1);
                targets = corpus.take(scratch, positions.add(1)).split(batches, 1);
            }
            List<Batch> result = new ArrayList<>(batches);
            for (int i = 0; i < batches; i++) {
                NDArray x = inputs.get(i);
                NDArray y = targets.get(i);
                x.attach(manager);
                y.attach(manager);
                result.add(new Batch(x, y));
            }
            return result;
        }
    }

    /** Corpus positions of {@code rows} shuffled subsequences starting at offset: shape (rows, steps). */
    private NDArray randomRows(NDManager scratch, int offset, int rows) {
        int subsequences = (int) ((corpus.size() - offset - 1) / steps);
        int[] starts = new int[subsequences];
        for (int i = 0; i < subsequences; i++) {
            starts[i] = offset + i * steps;
        }
        for (int i = subsequences - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = starts[i];
            starts[i] = starts[j];
            starts[j] = swap;
        }
        NDArray first = scratch.create(Arrays.copyOf(starts, rows)).reshape(rows, 1);
        return first.add(scratch.arange(steps).reshape(1, steps)).toType(corpus.getDataType(), false);
    }

    public int batchSize() {
        return batchSize;
    }

    public int steps() {
        return steps;
    }

    public Partitioning partitioning() {
        return partitioning;
    }

    /** The largest token index in the corpus: a model reading these batches needs a vocabulary larger than it. */
    public long largestToken() {
        return largestToken;
    }

    @Override
    public String toString() {
        return "SequenceBatches of " + batchSize + " x " + steps + " tokens from a corpus of " + corpus.size()
                + " (" + partitioning.name().toLowerCase(Locale.ROOT) + " partitioning)";
    }
}

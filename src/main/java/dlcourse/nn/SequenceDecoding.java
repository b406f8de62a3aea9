package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Generating target sequences from a trained {@link EncoderDecoder}, a whole batch at once.
 * Greedy decoding takes the most likely token at every step; beam search keeps the
 * {@code beamWidth} most likely sequences so far and returns the best of them. Both return
 * token indices (batch, steps) as INT32; after {@code <eos>} a sequence repeats {@code <eos>}.
 *
 * <pre>
 * NDArray greedy = SequenceDecoding.greedy(model, parameterStore, sources, validLengths, bos, eos, 11);
 * NDArray beam = SequenceDecoding.beamSearch(model, parameterStore, sources, validLengths, bos, eos, 11, 3);
 * double accuracy = SequenceDecoding.exactMatch(beam, targets);
 * </pre>
 */
public final class SequenceDecoding {

    /** A log-probability no real sequence reaches; safer than -infinity, which turns sums into NaN. */
    private static final float IMPOSSIBLE = -1e9f;

    private SequenceDecoding() {
    }

    /** The most likely token at each of {@code steps} steps, fed back as the next input. */
    public static NDArray greedy(EncoderDecoder model, ParameterStore parameterStore, NDArray sources,
                                 NDArray validLengths, int begin, int end, int steps) {
        NDManager manager = sources.getManager();
        long batch = sources.getShape().get(0);
        NDList state = model.begin(parameterStore, sources, validLengths, false);
        NDArray tokens = manager.full(new Shape(batch, 1), begin, DataType.INT32);
        NDArray finished = manager.zeros(new Shape(batch, 1), DataType.BOOLEAN);
        NDList generated = new NDList();
        for (int t = 0; t < steps; t++) {
            NDList out = model.decoder().decode(parameterStore, tokens, state, false);
            NDArray next = out.head().argMax(2).toType(DataType.INT32, false);
            next = NDArrays.where(finished, manager.full(next.getShape(), end, DataType.INT32), next);
            finished = finished.logicalOr(next.eq(end));
            generated.add(next);
            tokens = next;
            state = out.subNDList(1);
        }
        return NDArrays.concat(generated, 1);
    }

    /**
     * Beam search with {@code beamWidth} beams per sequence, scoring a sequence by the sum of its
     * tokens' log-probabilities; a beam that has produced {@code <eos>} keeps it at no cost.
     * Beam width 1 is greedy decoding.
     */
    public static NDArray beamSearch(EncoderDecoder model, ParameterStore parameterStore, NDArray sources,
                                     NDArray validLengths, int begin, int end, int steps, int beamWidth) {
        if (beamWidth < 1) {
            throw new IllegalArgumentException("beam width must be 1 or more, got " + beamWidth);
        }
        NDManager manager = sources.getManager();
        long batch = sources.getShape().get(0);
        int vocabulary = model.decoder().vocabularySize();
        int k = beamWidth;
        // Row b * k + i is beam i of sequence b; every state array has the batch axis first.
        NDList state = repeatRows(model.begin(parameterStore, sources, validLengths, false), k);
        NDArray tokens = manager.full(new Shape(batch * k, 1), begin, DataType.INT32);
        float[] start = new float[(int) batch * k];
        for (int i = 0; i < start.length; i++) {
            start[i] = i % k == 0 ? 0 : IMPOSSIBLE;   // only beam 0 is alive at first, so beams do not repeat
        }
        NDArray scores = manager.create(start).reshape(batch, k);
        NDArray finished = manager.zeros(new Shape(batch * k), DataType.BOOLEAN);
        // After <eos>, the only continuation is <eos>, at log-probability 0.
        float[] endRow = new float[vocabulary];
        java.util.Arrays.fill(endRow, IMPOSSIBLE);
        endRow[end] = 0;
        NDArray afterEnd = manager.create(endRow).reshape(1, vocabulary);
        NDArray history = null;
        NDArray rowOffsets = manager.arange(0, (int) batch, 1, DataType.INT32).mul(k).reshape(batch, 1);
        for (int t = 0; t < steps; t++) {
            NDList out = model.decoder().decode(parameterStore, tokens, state, false);
            NDArray logProbabilities = out.head().reshape(batch * k, vocabulary).logSoftmax(-1);
            logProbabilities = NDArrays.where(finished.reshape(batch * k, 1).broadcast(batch * k, vocabulary),
                    afterEnd.broadcast(batch * k, vocabulary), logProbabilities);
            NDArray candidates = scores.reshape(batch, k, 1).add(logProbabilities.reshape(batch, k, vocabulary))
                    .reshape(batch, (long) k * vocabulary);
            NDArray best = candidates.argSort(1, false).get(":, :{}", k).toType(DataType.INT32, false);
            scores = gatherColumns(candidates, best);
            NDArray beam = best.div(vocabulary).toType(DataType.INT32, false);
            NDArray token = best.sub(beam.mul(vocabulary)).reshape(batch * k, 1);
            NDArray rows = beam.add(rowOffsets).reshape(batch * k);
            state = takeRows(out.subNDList(1), rows);
            history = history == null ? token : history.get(rows).concat(token, 1);
            finished = finished.get(rows).logicalOr(token.reshape(batch * k).eq(end));
            tokens = token;
        }
        NDArray winner = scores.argMax(1).toType(DataType.INT32, false).add(rowOffsets.reshape(batch));
        return history.get(winner);
    }

    /** Fraction of rows of {@code predicted} equal to {@code targets} at every position (both (batch, steps)). */
    public static double exactMatch(NDArray predicted, NDArray targets) {
        if (!predicted.getShape().equals(targets.getShape())) {
            throw new IllegalArgumentException("predicted " + predicted.getShape() + " and targets " + targets.getShape()
                    + " must have the same shape (batch, steps)");
        }
        NDArray wrong = predicted.toType(DataType.INT32, false).neq(targets.toType(DataType.INT32, false))
                .toType(DataType.INT32, false).sum(new int[] {1});
        return wrong.eq(0).toType(DataType.FLOAT32, false).mean().getFloat();
    }

    private static NDArray gatherColumns(NDArray values, NDArray columns) {
        long rows = values.getShape().get(0);
        long width = values.getShape().get(1);
        NDArray flat = columns.add(values.getManager().arange(0, (int) rows, 1, DataType.INT32)
                .mul((int) width).reshape(rows, 1));
        return values.reshape(rows * width).get(flat.reshape(-1)).reshape(columns.getShape());
    }

    private static NDList repeatRows(NDList arrays, int times) {
        NDList result = new NDList(arrays.size());
        for (NDArray array : arrays) {
            result.add(array.repeat(0, times));
        }
        return result;
    }

    private static NDList takeRows(NDList arrays, NDArray rows) {
        NDList result = new NDList(arrays.size());
        for (NDArray array : arrays) {
            result.add(array.get(rows));
        }
        return result;
    }
}

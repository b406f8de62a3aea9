package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sinusoidal positional encoding: position p gets, in feature 2i and 2i+1,
 * sin(p / 10000^(2i/d)) and cos(p / 10000^(2i/d)). Added to token embeddings, it tells
 * self-attention (which ignores order) where each token is.
 *
 * <pre>
 * NDArray table = PositionalEncoding.table(manager, 50, 32);   // (50, 32)
 * NDArray x = PositionalEncoding.add(embeddings, 0);            // embeddings (batch, steps, d) + table
 * </pre>
 */
public final class PositionalEncoding {

    /**
     * The tables {@link #add} has used, by (offset, steps, features), as the engine computed them:
     * a table is fixed, so each batch copies it in (one operator) instead of computing it again
     * (fourteen). A few dozen small tables at most: the sizes and offsets a model meets.
     */
    private static final Map<List<Integer>, float[]> TABLES = new ConcurrentHashMap<>();

    private PositionalEncoding() {
    }

    /** The encodings of positions 0 to steps - 1: shape (steps, features); features must be even. */
    public static NDArray table(NDManager manager, int steps, int features) {
        return table(manager, 0, steps, features);
    }

    /** The encodings of positions offset to offset + steps - 1: shape (steps, features). */
    public static NDArray table(NDManager manager, int offset, int steps, int features) {
        if (features < 2 || features % 2 != 0 || steps < 1 || offset < 0) {
            throw new IllegalArgumentException("positional encoding needs an even number of features (got " + features
                    + "), 1 or more steps (got " + steps + ") and an offset of 0 or more (got " + offset + ")");
        }
        NDArray positions = manager.arange(offset, offset + steps, 1, DataType.FLOAT32).reshape(steps, 1);
        NDArray frequencies = manager.arange(0, features, 2, DataType.FLOAT32).div(features)
                .mul((float) -Math.log(10000)).exp().reshape(1, features / 2);
        NDArray angles = positions.matMul(frequencies);
        // Interleave: sin in even features, cos in odd ones.
        return angles.sin().expandDims(2).concat(angles.cos().expandDims(2), 2).reshape(steps, features);
    }

    /** {@code x} (batch, steps, features) plus the encodings of positions offset to offset + steps - 1. */
    public static NDArray add(NDArray x, int offset) {
        if (x.getShape().dimension() != 3) {
            throw new IllegalArgumentException("positional encoding is added to (batch, steps, features), got "
                    + x.getShape());
        }
        int steps = (int) x.getShape().get(1);
        int features = (int) x.getShape().get(2);
        float[] values = TABLES.computeIfAbsent(List.of(offset, steps, features), key -> {
            try (NDManager scratch = x.getManager().newSubManager()) {
                return table(scratch, offset, steps, features).toFloatArray();
            }
        });
        return x.add(x.getManager().create(values, new Shape(1, steps, features)));
    }
}

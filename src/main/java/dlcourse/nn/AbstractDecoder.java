package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * What the library's decoders ({@link RecurrentDecoder}, {@link AttentionDecoder},
 * {@link TransformerDecoder}) share: they score {@code vocabularySize} target tokens; their
 * forward pass is {@link #decode} with the tokens first and the state after them, so a decoder is
 * a block like any other; and the tokens and the state are checked at the door, so a wrong shape
 * gets an error that names it instead of the engine's.
 */
public abstract class AbstractDecoder extends AbstractBlock implements Decoder {

    private final int vocabularySize;

    /** A decoder that scores {@code vocabularySize} target tokens. */
    protected AbstractDecoder(int vocabularySize) {
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("the target vocabulary must have 1 or more tokens, got " + vocabularySize);
        }
        this.vocabularySize = vocabularySize;
    }

    @Override
    public final int vocabularySize() {
        return vocabularySize;
    }

    @Override
    public final NDList decode(ParameterStore parameterStore, NDArray tokens, NDList state, boolean training) {
        Shape shape = tokens.getShape();
        if (shape.dimension() != 2) {
            throw new IllegalArgumentException(this + " reads target token indices of shape (batch, steps), got "
                    + shape);
        }
        if (state.isEmpty()) {
            throw new IllegalArgumentException(this + " got no state: start from initialState(encoder outputs, "
                    + "source valid lengths), or from the state the previous decode call returned");
        }
        for (NDArray array : state) {
            if (array.getShape().dimension() == 0 || array.getShape().get(0) != shape.get(0)) {
                throw new IllegalArgumentException(this + " got tokens " + shape + " and a state array of shape "
                        + array.getShape() + ": every state array has the batch axis first, of size " + shape.get(0));
            }
        }
        return decodeChecked(parameterStore, tokens, state, training);
    }

    /**
     * Throws, naming the shapes, unless the state arrays have the shapes given, in order; -1 in an
     * expected shape stands for any size (say the number of source steps). {@code what} says
     * where a fitting state comes from.
     */
    protected final void checkState(NDList state, String what, Shape... expected) {
        boolean fits = state.size() >= expected.length;
        for (int i = 0; fits && i < expected.length; i++) {
            Shape shape = state.get(i).getShape();
            fits = shape.dimension() == expected[i].dimension();
            for (int axis = 0; fits && axis < shape.dimension(); axis++) {
                fits = expected[i].get(axis) == -1 || expected[i].get(axis) == shape.get(axis);
            }
        }
        if (!fits) {
            StringBuilder wanted = new StringBuilder();
            for (Shape shape : expected) {
                wanted.append(wanted.length() == 0 ? "" : ", ").append(shape.toString().replace("-1", "any"));
            }
            throw new IllegalArgumentException(this + " needs a state of shapes [" + wanted + "], got "
                    + Arrays.toString(state.getShapes()) + ": " + what);
        }
    }

    /** {@link #decode}, once the tokens are (batch, steps) and every state array has the same batch. */
    protected abstract NDList decodeChecked(ParameterStore parameterStore, NDArray tokens, NDList state,
                                            boolean training);

    @Override
    protected final NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                           PairList<String, Object> params) {
        return decode(parameterStore, inputs.head(), inputs.subNDList(1), training);
    }

    @Override
    public final Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), inputs[0].get(1), vocabularySize)};
    }
}

package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An encoder and a decoder trained together. Inputs: source tokens (batch, source steps), their
 * valid lengths (batch) and the decoder's inputs (batch, target steps), the target shifted right
 * behind {@code <bos>} (teacher forcing). Output: scores (batch, target steps, target vocabulary).
 *
 * <pre>
 * EncoderDecoder model = new EncoderDecoder(new RecurrentEncoder(sourceVocab.size(), 32, 64, 1),
 *                                           new RecurrentDecoder(targetVocab.size(), 32, 64, 1));
 * </pre>
 */
public final class EncoderDecoder extends AbstractBlock {

    private final Encoder encoder;
    private final Decoder decoder;

    public EncoderDecoder(Encoder encoder, Decoder decoder) {
        this.encoder = addChildBlock("encoder", encoder);
        this.decoder = addChildBlock("decoder", decoder);
    }

    public Encoder encoder() {
        return encoder;
    }

    public Decoder decoder() {
        return decoder;
    }

    /** The decoder's initial state for {@code sources}: encodes them and hands the result to the decoder. */
    public NDList begin(ParameterStore parameterStore, NDArray sources, NDArray validLengths, boolean training) {
        NDList encoded = encoder.encode(parameterStore, sources, validLengths, training);
        return decoder.initialState(encoded, validLengths);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        if (inputs.size() != 3) {
            throw new IllegalArgumentException("an encoder-decoder reads (sources, source valid lengths, decoder inputs), got "
                    + inputs.size() + " arrays");
        }
        checkInputs(inputs.get(0).getShape(), inputs.get(1).getShape(), inputs.get(2).getShape());
        NDList state = begin(parameterStore, inputs.get(0), inputs.get(1), training);
        return new NDList(decoder.decode(parameterStore, inputs.get(2), state, training).head());
    }

    /** Throws, naming the three shapes, unless they are (batch, source steps), (batch) and (batch, target steps). */
    private static void checkInputs(Shape sources, Shape validLengths, Shape decoderInputs) {
        if (sources.dimension() != 2 || !validLengths.equals(new Shape(sources.get(0)))
                || decoderInputs.dimension() != 2 || decoderInputs.get(0) != sources.get(0)) {
            throw new IllegalArgumentException("an encoder-decoder reads sources (batch, source steps), their valid "
                    + "lengths (batch) and decoder inputs (batch, target steps), one row per sequence; got sources "
                    + sources + ", valid lengths " + validLengths + " and decoder inputs " + decoderInputs);
        }
    }

    /** Number of parameters (weights and biases) in encoder and decoder together. */
    public long parameterCount() {
        return getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes[0], inputShapes[1]);
        decoder.initialize(manager, dataType, inputShapes[2]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[2].get(0), inputs[2].get(1), decoder.vocabularySize())};
    }

    @Override
    public String toString() {
        return "EncoderDecoder(" + encoder + " -> " + decoder + ")";
    }
}

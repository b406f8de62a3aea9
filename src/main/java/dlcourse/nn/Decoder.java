package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * The second half of an {@link EncoderDecoder}: predicts the target one token after another,
 * from the encoder's outputs and what it has produced so far. Every array of its state has the
 * batch axis first, so that beam search can reorder a batch's rows.
 */
public interface Decoder extends Block {

    /** Number of target tokens the decoder scores. */
    int vocabularySize();

    /** The state decoding starts from, given the encoder's outputs and the sources' valid lengths. */
    NDList initialState(NDList encoderOutputs, NDArray sourceValidLengths);

    /**
     * Reads {@code tokens} (batch, steps) from {@code state}: all target steps at once in training
     * (teacher forcing), one at a time when generating. Returns scores (batch, steps,
     * vocabularySize) followed by the state to continue from.
     */
    NDList decode(ParameterStore parameterStore, NDArray tokens, NDList state, boolean training);
}

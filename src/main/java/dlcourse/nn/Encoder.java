package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** The first half of an {@link EncoderDecoder}: reads a batch of source sequences into arrays a {@link Decoder} starts from. */
public interface Encoder extends Block {

    /**
     * Encodes {@code sources}, token indices (batch, steps), of which the first
     * {@code validLengths[b]} of row b are real and the rest padding. The first output is
     * (batch, steps, hidden), one vector per source token; every output has the batch axis first.
     */
    NDList encode(ParameterStore parameterStore, NDArray sources, NDArray validLengths, boolean training);
}

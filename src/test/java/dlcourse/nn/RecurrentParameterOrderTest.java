package dlcourse.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecurrentParameterOrderTest {

    private static final int VOCABULARY = 4;
    private static final int SIZE = 3;

    private static GRU gru(boolean bidirectional) {
        return GRU.builder().setStateSize(SIZE).setNumLayers(1).optBidirectional(bidirectional).optReturnState(true).build();
    }

    @Test
    void pytorchsOrderIsEachLayerAndDirectionsWeightsThenBiases() {
        LSTM lstm = LSTM.builder().setStateSize(SIZE).setNumLayers(2).optBidirectional(true).optReturnState(true).build();
        RecurrentParameterOrder.reorder(lstm);
        List<String> names = lstm.getDirectParameters().keys();
        assertEquals(List.of("l_0_i2h_WEIGHT", "l_0_h2h_WEIGHT", "l_0_i2h_BIAS", "l_0_h2h_BIAS",
                "r_0_i2h_WEIGHT", "r_0_h2h_WEIGHT", "r_0_i2h_BIAS", "r_0_h2h_BIAS",
                "l_1_i2h_WEIGHT", "l_1_h2h_WEIGHT", "l_1_i2h_BIAS", "l_1_h2h_BIAS",
                "r_1_i2h_WEIGHT", "r_1_h2h_WEIGHT", "r_1_i2h_BIAS", "r_1_h2h_BIAS"), names);
    }

    /**
     * On every engine, a bidirectional GRU in a RecurrentModel gives, in its first half, what a
     * one-directional GRU with its left-to-right parameters gives, and in its second half what one
     * with its right-to-left parameters gives reading the sequence backwards.
     */
    @Test
    void aBidirectionalLayerReadsForwardsAndBackwards() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentModel both = new RecurrentModel(gru(true), VOCABULARY, 2);
            RecurrentModel forwards = new RecurrentModel(gru(false), VOCABULARY, 2);
            RecurrentModel backwards = new RecurrentModel(gru(false), VOCABULARY, 2);
            for (RecurrentModel model : List.of(both, forwards, backwards)) {
                model.initialize(manager, DataType.FLOAT32, new Shape(2, 5));
            }
            copy(both.recurrentLayer(), "l_", forwards.recurrentLayer());
            copy(both.recurrentLayer(), "r_", backwards.recurrentLayer());
            NDArray tokens = manager.create(new int[][] {{0, 1, 2, 3, 1}, {3, 3, 0, 2, 1}});
            NDArray x = tokens.oneHot(VOCABULARY);
            NDArray bothStates = hidden(both, x, 2, manager);                              // (2, 5, 6)
            NDArray ahead = hidden(forwards, x, 1, manager);
            NDArray behind = hidden(backwards, x.flip(1), 1, manager).flip(1);
            assertEquals(new Shape(2, 5, 2 * SIZE), bothStates.getShape());
            assertClose(ahead, bothStates.get(":, :, 0:" + SIZE), "left to right");
            assertClose(behind, bothStates.get(":, :, " + SIZE + ":"), "right to left");
        }
    }

    private static void assertClose(NDArray expected, NDArray actual, String what) {
        assertEquals(expected.getShape(), actual.getShape(), what);
        float largest = actual.sub(expected).abs().max().getFloat();
        assertTrue(largest < 1e-5, what + ": differs by up to " + largest);
    }

    private static NDArray hidden(RecurrentModel model, NDArray x, int directions, NDManager manager) {
        NDArray state = manager.zeros(new Shape(directions, x.getShape().get(0), SIZE));
        return model.recurrentLayer().forward(new ParameterStore(manager, false), new NDList(x, state), false).head();
    }

    /** Copies {@code from}'s parameters whose names start with {@code prefix} into {@code to}'s l_ parameters. */
    private static void copy(Block from, String prefix, Block to) {
        for (Parameter target : to.getDirectParameters().values()) {
            NDArray source = from.getDirectParameters().get(prefix + target.getName().substring(2)).getArray();
            target.getArray().set(new NDIndex(":"), source);
        }
    }
}

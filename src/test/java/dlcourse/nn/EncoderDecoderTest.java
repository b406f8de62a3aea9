package dlcourse.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderDecoderTest {

    private static final int SOURCE_VOCABULARY = 9;
    private static final int TARGET_VOCABULARY = 7;

    private static List<EncoderDecoder> models() {
        return List.of(
                new EncoderDecoder(new RecurrentEncoder(SOURCE_VOCABULARY, 4, 6, 2),
                        new RecurrentDecoder(TARGET_VOCABULARY, 4, 6, 2)),
                new EncoderDecoder(new RecurrentEncoder(SOURCE_VOCABULARY, 4, 6, 1),
                        new AttentionDecoder(TARGET_VOCABULARY, 4, 6, 1)),
                new EncoderDecoder(new TransformerEncoder(SOURCE_VOCABULARY, 8, 16, 2, 2),
                        new TransformerDecoder(TARGET_VOCABULARY, 8, 16, 2, 2)));
    }

    @Test
    void everyModelScoresEveryTargetStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            for (EncoderDecoder model : models()) {
                model.setInitializer(new NormalInitializer(0.5f), ai.djl.nn.Parameter.Type.WEIGHT);
                model.initialize(manager, DataType.FLOAT32, new Shape(1, 5), new Shape(1), new Shape(1, 3));
                NDArray sources = manager.randomInteger(0, SOURCE_VOCABULARY, new Shape(2, 5), DataType.INT32);
                NDArray lengths = manager.create(new int[] {5, 3});
                NDArray targets = manager.randomInteger(0, TARGET_VOCABULARY, new Shape(2, 3), DataType.INT32);
                NDArray scores = model.forward(parameters, new NDList(sources, lengths, targets), false).head();
                assertEquals(new Shape(2, 3, TARGET_VOCABULARY), scores.getShape(), model.toString());
                assertTrue(model.parameterCount() > 0);
            }
        }
    }

    @Test
    void decodingStepByStepEqualsDecodingTheWholeSequence() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            for (EncoderDecoder model : models()) {
                model.setInitializer(new NormalInitializer(0.5f), ai.djl.nn.Parameter.Type.WEIGHT);
                model.initialize(manager, DataType.FLOAT32, new Shape(1, 5), new Shape(1), new Shape(1, 3));
                NDArray sources = manager.randomInteger(0, SOURCE_VOCABULARY, new Shape(2, 5), DataType.INT32);
                NDArray lengths = manager.create(new int[] {5, 3});
                NDArray targets = manager.randomInteger(0, TARGET_VOCABULARY, new Shape(2, 3), DataType.INT32);
                NDArray whole = model.forward(parameters, new NDList(sources, lengths, targets), false).head();
                NDList state = model.begin(parameters, sources, lengths, false);
                for (int t = 0; t < 3; t++) {
                    NDList out = model.decoder().decode(parameters, targets.get(":, {}:{}", t, t + 1), state, false);
                    assertTrue(out.head().allClose(whole.get(":, {}:{}, :", t, t + 1), 1e-4, 1e-5, false),
                            model + " step " + t);
                    state = out.subNDList(1);
                }
            }
        }
    }

    @Test
    void beamSearchOfWidthOneIsGreedyAndExactMatchCountsWholeRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            for (EncoderDecoder model : models()) {
                model.setInitializer(new NormalInitializer(0.5f), ai.djl.nn.Parameter.Type.WEIGHT);
                model.initialize(manager, DataType.FLOAT32, new Shape(1, 5), new Shape(1), new Shape(1, 3));
                NDArray sources = manager.randomInteger(0, SOURCE_VOCABULARY, new Shape(4, 5), DataType.INT32);
                NDArray lengths = manager.create(new int[] {5, 3, 1, 4});
                NDArray greedy = SequenceDecoding.greedy(model, parameters, sources, lengths, 2, 3, 6);
                NDArray beam = SequenceDecoding.beamSearch(model, parameters, sources, lengths, 2, 3, 6, 1);
                assertEquals(new Shape(4, 6), greedy.getShape());
                assertArrayEquals(greedy.toIntArray(), beam.toIntArray(), model.toString());
                assertEquals(new Shape(4, 6),
                        SequenceDecoding.beamSearch(model, parameters, sources, lengths, 2, 3, 6, 3).getShape());
            }
            NDArray predicted = manager.create(new int[] {1, 2, 3, 1, 2, 4}).reshape(2, 3);
            NDArray targets = manager.create(new int[] {1, 2, 3, 1, 2, 3}).reshape(2, 3);
            assertEquals(0.5, SequenceDecoding.exactMatch(predicted, targets), 1e-9);
        }
    }

    @Test
    void everyDecoderIsABlockWhoseForwardPassIsDecode() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            for (EncoderDecoder model : models()) {
                model.initialize(manager, DataType.FLOAT32, new Shape(1, 5), new Shape(1), new Shape(1, 3));
                NDArray sources = manager.randomInteger(0, SOURCE_VOCABULARY, new Shape(2, 5), DataType.INT32);
                NDArray targets = manager.randomInteger(0, TARGET_VOCABULARY, new Shape(2, 3), DataType.INT32);
                NDList state = model.begin(parameters, sources, manager.create(new int[] {5, 3}), false);
                NDList decoded = model.decoder().decode(parameters, targets, state, false);
                NDList forward = model.decoder().forward(parameters, new NDList(targets).addAll(state), false);
                assertEquals(decoded.size(), forward.size(), model.toString());
                assertTrue(decoded.head().allClose(forward.head()), model.toString());
                assertEquals(TARGET_VOCABULARY, model.decoder().vocabularySize());
                assertArrayEquals(new Shape[] {new Shape(2, 3, TARGET_VOCABULARY)},
                        model.decoder().getOutputShapes(new Shape[] {new Shape(2, 3)}));
            }
        }
    }

    @Test
    void aDecoderNamesTheTokensOrStateItRefuses() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            for (EncoderDecoder model : models()) {
                model.initialize(manager, DataType.FLOAT32, new Shape(1, 5), new Shape(1), new Shape(1, 3));
                NDArray sources = manager.randomInteger(0, SOURCE_VOCABULARY, new Shape(2, 5), DataType.INT32);
                NDList state = model.begin(parameters, sources, manager.create(new int[] {5, 3}), false);
                Decoder decoder = model.decoder();
                String rank = assertThrows(IllegalArgumentException.class, () -> decoder.decode(parameters,
                        manager.zeros(new Shape(2, 3, 4)), state, false)).getMessage();
                assertTrue(rank.contains("(batch, steps), got (2, 3, 4)"), rank);
                String batch = assertThrows(IllegalArgumentException.class, () -> decoder.decode(parameters,
                        manager.zeros(new Shape(3, 1), DataType.INT32), state, false)).getMessage();
                assertTrue(batch.contains("tokens (3, 1) and a state array of shape (2,")
                        && batch.contains("batch axis first, of size 3"), batch);
                String none = assertThrows(IllegalArgumentException.class, () -> decoder.decode(parameters,
                        manager.zeros(new Shape(2, 1), DataType.INT32), new NDList(), false)).getMessage();
                assertTrue(none.contains("got no state"), none);
            }
            IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                    () -> new RecurrentDecoder(0, 4, 4, 1));
            assertEquals("the target vocabulary must have 1 or more tokens, got 0", empty.getMessage());
        }
    }

    @Test
    void theEncoderDecoderAndItsPartsNameTheInputsTheyRefuse() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            List<EncoderDecoder> models = models();
            for (EncoderDecoder model : models) {
                model.initialize(manager, DataType.FLOAT32, new Shape(1, 5), new Shape(1), new Shape(1, 3));
            }
            EncoderDecoder recurrent = models.get(0);
            NDArray sources = manager.zeros(new Shape(2, 5), DataType.INT32);
            NDArray targets = manager.zeros(new Shape(2, 3), DataType.INT32);
            String inputs = assertThrows(IllegalArgumentException.class, () -> recurrent.forward(parameters,
                    new NDList(sources, manager.create(new int[] {5, 3, 1}), targets), false)).getMessage();
            assertEquals("an encoder-decoder reads sources (batch, source steps), their valid lengths (batch) and decoder "
                    + "inputs (batch, target steps), one row per sequence; got sources (2, 5), valid lengths (3) and "
                    + "decoder inputs (2, 3)", inputs);
            // A state from an encoder of another width: the decoder names what it needs.
            NDList narrow = new NDList(manager.zeros(new Shape(2, 2, 4)), manager.zeros(new Shape(2, 4)));
            String state = assertThrows(IllegalArgumentException.class,
                    () -> recurrent.decoder().decode(parameters, targets, narrow, false)).getMessage();
            assertEquals("RecurrentDecoder(GRU, 2 layer(s) of 6) needs a state of shapes [(2, 2, 6), (2, 6)], got "
                    + "[(2, 2, 4), (2, 4)]: start from initialState(...) of an encoder with 2 layer(s) of 6", state);
            NDList attentionState = new NDList(manager.zeros(new Shape(2, 5, 6)), manager.zeros(new Shape(2, 1, 6)),
                    manager.zeros(new Shape(2, 5)));
            String lengths = assertThrows(IllegalArgumentException.class,
                    () -> models.get(1).decoder().decode(parameters, targets, attentionState, false)).getMessage();
            assertTrue(lengths.contains("needs a state of shapes [(2, any, 6), (2, 1, 6), (2)]"), lengths);
            EncoderDecoder transformer = models.get(2);
            String sourceLengths = assertThrows(IllegalArgumentException.class, () -> transformer.encoder().encode(
                    parameters, sources, manager.create(new int[][] {{5, 3}, {1, 1}}), false)).getMessage();
            assertEquals("sources (2, 5) need one valid length per sequence, shape (2), got valid lengths (2, 2)",
                    sourceLengths);
            NDList begun = transformer.begin(parameters, sources, manager.create(new int[] {5, 3}), false);
            NDList oneLayerCache = new NDList(begun.get(0), begun.get(1), manager.zeros(new Shape(2, 1, 8)));
            String cache = assertThrows(IllegalArgumentException.class, () -> transformer.decoder().decode(parameters,
                    targets.get(":, :1"), oneLayerCache, false)).getMessage();
            assertEquals("TransformerDecoder(2 layers of 8) continues from a state of the encoder outputs, the valid "
                    + "lengths and one array per layer (4 arrays), got 3: pass the state the previous decode call returned",
                    cache);
        }
    }
}

package dlcourse.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RNN;
import ai.djl.training.ParameterStore;
import dlcourse.data.Tokenizer;
import dlcourse.data.Vocab;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecurrentModelTest {

    private static RNN rnn(int hidden) {
        return RNN.builder().setStateSize(hidden).setNumLayers(1).setActivation(RNN.Activation.TANH)
                .optReturnState(true).build();
    }

    @Test
    void aLayerThatDoesNotReturnItsStateIsRefused() {
        Block layer = GRU.builder().setStateSize(4).setNumLayers(1).build();
        String message = assertThrows(IllegalArgumentException.class, () -> RecurrentModel.languageModel(layer, 5))
                .getMessage();
        assertTrue(message.contains("optReturnState(true)"), message);
    }

    @Test
    void scoresAndStateHaveTheirShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block lstm = LSTM.builder().setStateSize(4).setNumLayers(2).optReturnState(true).build();
            RecurrentModel model = new RecurrentModel(lstm, 7, 3);
            model.initialize(manager, DataType.FLOAT32, new Shape(2, 5));
            NDList out = model.forward(new ParameterStore(manager, false),
                    new NDList(manager.zeros(new Shape(2, 5), DataType.INT32)), false);
            assertEquals(3, out.size(), "scores, hidden state, cell state");
            assertEquals(new Shape(2, 5, 3), out.get(0).getShape());
            assertEquals(new Shape(2, 2, 4), out.get(1).getShape());
            assertEquals(new Shape(2, 2, 4), out.get(2).getShape());
            assertEquals(2, model.beginState(manager, 2).size());
            assertEquals(new Shape(2, 2, 4), model.beginState(manager, 2).get(1).getShape());
            assertEquals(new Shape(2, 5, 3), model.getOutputShapes(new Shape[] {new Shape(2, 5)})[0]);
        }
    }

    @Test
    void anRnnModelComputesTanhOfTheWeightedInputAndStateThenADenseLayer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int vocabulary = 5;
            int hidden = 3;
            RecurrentModel model = RecurrentModel.languageModel(rnn(hidden), vocabulary);
            model.initialize(manager, DataType.FLOAT32, new Shape(2, 4));
            NDArray tokens = manager.create(new int[] {0, 1, 2, 3, 4, 3, 2, 1}).reshape(2, 4);
            NDArray h = manager.randomNormal(new Shape(2, hidden));
            NDList out = model.forward(new ParameterStore(manager, false),
                    new NDList(tokens, h.reshape(1, 2, hidden)), false);
            var recurrent = model.recurrentLayer().getParameters();
            NDArray wx = recurrent.get("l_0_i2h_WEIGHT").getArray();
            NDArray wh = recurrent.get("l_0_h2h_WEIGHT").getArray();
            NDArray b = recurrent.get("l_0_i2h_BIAS").getArray().add(recurrent.get("l_0_h2h_BIAS").getArray());
            NDArray wq = model.denseLayer().getParameters().get("weight").getArray();
            NDArray bq = model.denseLayer().getParameters().get("bias").getArray();
            for (int t = 0; t < 4; t++) {
                NDArray x = tokens.get(":, " + t).oneHot(vocabulary);
                h = x.matMul(wx.transpose()).add(h.matMul(wh.transpose())).add(b).tanh();
                NDArray expected = h.matMul(wq.transpose()).add(bq);
                NDArray actual = out.get(0).get(":, " + t + ", :");
                assertTrue(actual.sub(expected).abs().max().getFloat() < 1e-5, "step " + t);
            }
            assertTrue(out.get(1).get(0).sub(h).abs().max().getFloat() < 1e-5, "the returned state is the last h");
        }
    }

    @Test
    void continueTextAddsTheRequestedNumberOfTokens() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Vocab vocab = Vocab.of(Tokenizer.characters().tokenize("abc "));
            RecurrentModel model = RecurrentModel.languageModel(rnn(8), vocab.size());
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            ParameterStore store = new ParameterStore(manager, false);
            String text = model.continueText(manager, store, vocab, Tokenizer.characters(), "ab", 10);
            assertTrue(text.startsWith("ab"), text);
            // Ten tokens: each a character, or (untrained) one of the five-character <unk> and <pad>.
            assertTrue(text.length() >= 12 && text.length() <= 2 + 10 * 5, text);
            assertThrows(IllegalArgumentException.class,
                    () -> model.continueText(manager, store, vocab, Tokenizer.characters(), "", 3));
            String sampled = model.sampleText(manager, store, vocab, Tokenizer.characters(), "ab", 10, 1.0, new Random(3));
            assertEquals(sampled, model.sampleText(manager, store, vocab, Tokenizer.characters(), "ab", 10, 1.0, new Random(3)),
                    "the same seed draws the same text");
            assertTrue(sampled.startsWith("ab") && sampled.length() >= 12, sampled);
            assertThrows(IllegalArgumentException.class, () -> model.sampleText(manager, store, vocab,
                    Tokenizer.characters(), "ab", 3, 0, new Random(0)));
        }
    }

    @Test
    void aVeryLowTemperatureSamplesTheMostLikelyTokens() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Vocab vocab = Vocab.of(Tokenizer.characters().tokenize("abc "));
            RecurrentModel model = RecurrentModel.languageModel(rnn(8), vocab.size());
            model.setInitializer(new ai.djl.training.initializer.NormalInitializer(1f), ai.djl.nn.Parameter.Type.WEIGHT);
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            ParameterStore store = new ParameterStore(manager, false);
            assertEquals(model.continueText(manager, store, vocab, Tokenizer.characters(), "ab", 8),
                    model.sampleText(manager, store, vocab, Tokenizer.characters(), "ab", 8, 1e-4, new Random(0)));
        }
    }

    @Test
    void inputsMustBeTokenIndicesOfRankTwo() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentModel model = RecurrentModel.languageModel(rnn(2), 3);
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            assertThrows(IllegalArgumentException.class, () -> model.forward(new ParameterStore(manager, false),
                    new NDList(manager.zeros(new Shape(4), DataType.INT32)), false));
        }
    }

    @Test
    void describesItself() {
        assertEquals("RecurrentModel(one-hot 5 -> RNN -> dense 5)", RecurrentModel.languageModel(rnn(2), 5).toString());
        assertEquals(List.of("01recurrent", "02dense"), RecurrentModel.languageModel(rnn(2), 5).getChildren().keys());
    }

    @Test
    void aStateThatDoesNotFitTheTokensIsRefusedWithBothShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentModel model = RecurrentModel.languageModel(rnn(4), 3);
            model.initialize(manager, DataType.FLOAT32, new Shape(2, 5));
            assertEquals(3, model.vocabularySize());
            NDArray tokens = manager.zeros(new Shape(2, 5), DataType.INT32);
            NDList fromAnotherBatch = model.beginState(manager, 8);
            String message = assertThrows(IllegalArgumentException.class, () -> model.forward(
                    new ParameterStore(manager, false), new NDList(tokens).addAll(fromAnotherBatch), false)).getMessage();
            assertEquals("a state of shapes [(1, 8, 4)] does not fit tokens (2, 5): RNN needs [(1, 2, 4)] (layers, batch, "
                    + "hidden); continue from the state the model returned for a batch of the same size, or start from "
                    + "beginState(manager, 2)", message);
        }
    }
}

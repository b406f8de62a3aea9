package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dlcourse.data.Tokenizer;
import dlcourse.data.Vocab;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A recurrent network over tokens: each token index becomes a one-hot vector, a DJL recurrent
 * layer ({@code RNN}, {@code LSTM} or {@code GRU}, built with {@code optReturnState(true)}) reads
 * them, and a dense layer turns every hidden state into scores for {@code outputs} classes:
 * the next token for a language model, a tag for a tagger.
 *
 * <p>Input: token indices (batch, steps), optionally followed by the recurrent state; output:
 * scores (batch, steps, outputs) followed by the new state, which the next batch can continue from.
 *
 * <pre>
 * RecurrentModel model = RecurrentModel.languageModel(
 *         GRU.builder().setStateSize(256).setNumLayers(1).optReturnState(true).build(), vocab.size());
 * </pre>
 */
public final class RecurrentModel extends AbstractBlock {

    private final int vocabularySize;
    private final int outputs;
    private final Block recurrent;
    private final Block dense;

    /** A model that reads tokens of a vocabulary of {@code vocabularySize} and scores {@code outputs} classes. */
    public RecurrentModel(Block recurrentLayer, int vocabularySize, int outputs) {
        if (vocabularySize < 1 || outputs < 1) {
            throw new IllegalArgumentException("vocabulary size and outputs must be 1 or more, got "
                    + vocabularySize + " and " + outputs);
        }
        Shape[] shapes = recurrentLayer.getOutputShapes(new Shape[] {new Shape(1, 1, vocabularySize)});
        if (shapes.length < 2) {
            throw new IllegalArgumentException(recurrentLayer.getClass().getSimpleName()
                    + " does not return its state; build it with optReturnState(true), so that the state can be "
                    + "carried from one batch to the next");
        }
        this.vocabularySize = vocabularySize;
        this.outputs = outputs;
        RecurrentParameterOrder.forEngine(recurrentLayer);
        this.recurrent = addChildBlock("recurrent", recurrentLayer);
        this.dense = addChildBlock("dense", Linear.builder().setUnits(outputs).build());
    }

    /** A language model: scores for the next token, one per vocabulary entry. */
    public static RecurrentModel languageModel(Block recurrentLayer, int vocabularySize) {
        return new RecurrentModel(recurrentLayer, vocabularySize, vocabularySize);
    }

    /** Number of tokens the model reads: token indices must be below it. */
    public int vocabularySize() {
        return vocabularySize;
    }

    /** The recurrent layer inside (for example to read its parameters). */
    public Block recurrentLayer() {
        return recurrent;
    }

    /** The dense layer that turns hidden states into scores. */
    public Block denseLayer() {
        return dense;
    }

    /** The zero state for a batch: one array (hidden state) for RNN and GRU, two (hidden, cell) for LSTM. */
    public NDList beginState(NDManager manager, long batchSize) {
        Shape[] shapes = stateShapes(new Shape(batchSize, 1));
        NDList state = new NDList();
        for (Shape shape : shapes) {
            state.add(manager.zeros(shape));
        }
        return state;
    }

    /** The shapes of the state for inputs of shape (batch, steps): DJL's LSTM reports its hidden state but not its cell. */
    private Shape[] stateShapes(Shape tokens) {
        Shape[] shapes = recurrent.getOutputShapes(new Shape[] {tokens.add(vocabularySize)});
        Shape hidden = shapes[1];
        return recurrent instanceof LSTM ? new Shape[] {hidden, hidden} : new Shape[] {hidden};
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray tokens = inputs.head();
        if (tokens.getShape().dimension() != 2) {
            throw new IllegalArgumentException("a RecurrentModel reads token indices of shape (batch, steps), got "
                    + tokens.getShape());
        }
        NDList recurrentInputs = new NDList(tokens.oneHot(vocabularySize));
        if (inputs.size() > 1) {
            checkState(tokens.getShape(), inputs.subNDList(1));
            recurrentInputs.addAll(inputs.subNDList(1));
        } else {
            recurrentInputs.addAll(beginState(tokens.getManager(), tokens.getShape().get(0)));
        }
        NDList recurrentOutputs = recurrent.forward(parameterStore, recurrentInputs, training);
        NDList result = dense.forward(parameterStore, new NDList(recurrentOutputs.head()), training);
        result.addAll(recurrentOutputs.subNDList(1));
        return result;
    }

    /** Throws, naming the shapes, unless {@code state} is what the recurrent layer needs for tokens of {@code tokens}' shape. */
    private void checkState(Shape tokens, NDList state) {
        Shape[] expected = stateShapes(tokens);
        Shape[] given = state.getShapes();
        if (!Arrays.equals(expected, given)) {
            throw new IllegalArgumentException("a state of shapes " + Arrays.toString(given) + " does not fit tokens "
                    + tokens + ": " + recurrent.getClass().getSimpleName() + " needs " + Arrays.toString(expected)
                    + " (layers, batch, hidden); continue from the state the model returned for a batch of the same "
                    + "size, or start from beginState(manager, " + tokens.get(0) + ")");
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape tokens = inputs[0];
        Shape[] state = stateShapes(tokens);
        Shape[] result = new Shape[state.length + 1];
        result[0] = new Shape(tokens.get(0), tokens.get(1), outputs);
        System.arraycopy(state, 0, result, 1, state.length);
        return result;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape oneHot = inputShapes[0].add(vocabularySize);
        recurrent.initialize(manager, dataType, oneHot);
        dense.initialize(manager, dataType, recurrent.getOutputShapes(new Shape[] {oneHot})[0]);
    }

    /**
     * Continues {@code prefix} by {@code count} tokens, each the most likely next token (greedy
     * decoding). The prefix must be in the form the model was trained on (see {@link Tokenizer#simplify}).
     */
    public String continueText(NDManager manager, ParameterStore parameterStore, Vocab vocab, Tokenizer tokenizer,
                               String prefix, int count) {
        return generate(manager, parameterStore, vocab, tokenizer, prefix, count, 0, null);
    }

    /**
     * Continues {@code prefix} by {@code count} tokens, each drawn from softmax(scores / temperature):
     * a low temperature approaches greedy decoding, a high one approaches uniform guessing.
     */
    public String sampleText(NDManager manager, ParameterStore parameterStore, Vocab vocab, Tokenizer tokenizer,
                             String prefix, int count, double temperature, Random random) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature
                    + "; for the most likely tokens use continueText");
        }
        return generate(manager, parameterStore, vocab, tokenizer, prefix, count, temperature, random);
    }

    private String generate(NDManager manager, ParameterStore parameterStore, Vocab vocab, Tokenizer tokenizer,
                            String prefix, int count, double temperature, Random random) {
        List<String> prefixTokens = tokenizer.tokenize(prefix);
        if (prefixTokens.isEmpty()) {
            throw new IllegalArgumentException("the prefix \"" + prefix + "\" has no tokens; give at least one");
        }
        try (NDManager scratch = manager.newSubManager()) {
            int[] indices = vocab.indices(prefixTokens);
            NDList out = forward(parameterStore,
                    new NDList(scratch.create(indices).reshape(1, indices.length)), false);
            List<String> generated = new ArrayList<>(prefixTokens);
            for (int i = 0; i < count; i++) {
                NDArray scores = out.head().get(0, -1);
                int next = temperature == 0 ? (int) scores.argMax().getLong()
                        : draw(scores.div(temperature).softmax(0).toFloatArray(), random);
                generated.add(vocab.token(next));
                NDList inputs = new NDList(scratch.create(new int[] {next}).reshape(1, 1));
                inputs.addAll(out.subNDList(1));
                out = forward(parameterStore, inputs, false);
            }
            return tokenizer.join(generated);
        }
    }

    private static int draw(float[] probabilities, Random random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < probabilities.length; i++) {
            cumulative += probabilities[i];
            if (u < cumulative) {
                return i;
            }
        }
        return probabilities.length - 1;
    }

    @Override
    public String toString() {
        return "RecurrentModel(one-hot " + vocabularySize + " -> " + recurrent.getClass().getSimpleName() + " -> dense "
                + outputs + ")";
    }
}

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttentionTest {

    private NDManager manager;
    private ParameterStore parameters;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        parameters = new ParameterStore(manager, false);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void maskedSoftmaxGivesPaddedKeysZeroWeight() {
        NDArray scores = manager.create(new float[] {1, 2, 3, 4, 1, 2, 3, 4}).reshape(2, 1, 4);
        NDArray weights = MaskedSoftmax.apply(scores, manager.create(new int[] {2, 3}));
        float[] w = weights.toFloatArray();
        // Row 0 keeps keys 0 and 1: softmax(1, 2) = (1, e) / (1 + e).
        double e = Math.E;
        assertEquals(1 / (1 + e), w[0], 1e-6);
        assertEquals(e / (1 + e), w[1], 1e-6);
        assertEquals(0f, w[2]);
        assertEquals(0f, w[3]);
        assertEquals(0f, w[7]);
        assertEquals(1f, w[4] + w[5] + w[6], 1e-6);
    }

    @Test
    void maskedSoftmaxTakesOneLengthPerQuery() {
        NDArray scores = manager.zeros(new Shape(1, 3, 3));
        NDArray weights = MaskedSoftmax.apply(scores, manager.create(new int[] {1, 2, 3}).reshape(1, 3));
        assertArrayEquals(new float[] {1, 0, 0, 0.5f, 0.5f, 0, 1 / 3f, 1 / 3f, 1 / 3f}, weights.toFloatArray(), 1e-6f);
    }

    @Test
    void maskedSoftmaxRefusesLengthsOfTheWrongShape() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MaskedSoftmax.apply(manager.zeros(new Shape(2, 1, 4)), manager.create(new int[] {1, 2, 3})));
        assertTrue(error.getMessage().contains("(3)") && error.getMessage().contains("(2, 1, 4)"), error.getMessage());
    }

    @Test
    void dotProductAttentionMatchesAValueWorkedOutByHand() {
        // One query (1, 0) against keys (1, 0) and (0, 1): scores 1/sqrt(2) and 0.
        NDArray queries = manager.create(new float[] {1, 0}).reshape(1, 1, 2);
        NDArray keys = manager.create(new float[] {1, 0, 0, 1}).reshape(1, 2, 2);
        NDArray values = manager.create(new float[] {10, 20}).reshape(1, 2, 1);
        DotProductAttention attention = new DotProductAttention();
        NDArray output = attention.forward(parameters, new NDList(queries, keys, values), false).head();
        double a = Math.exp(1 / Math.sqrt(2));
        double w0 = a / (a + 1);
        assertEquals(new Shape(1, 1, 1), output.getShape());
        assertEquals(10 * w0 + 20 * (1 - w0), output.getFloat(), 1e-4);
        assertEquals(w0, attention.attentionWeights().getFloat(0, 0, 0), 1e-6);
    }

    @Test
    void dotProductAttentionIgnoresPaddedKeys() {
        NDArray queries = manager.randomNormal(new Shape(2, 3, 4));
        NDArray keys = manager.randomNormal(new Shape(2, 5, 4));
        NDArray values = manager.randomNormal(new Shape(2, 5, 6));
        DotProductAttention attention = new DotProductAttention();
        NDArray output = attention.forward(parameters,
                new NDList(queries, keys, values, manager.create(new int[] {2, 5})), false).head();
        assertEquals(new Shape(2, 3, 6), output.getShape());
        NDArray padded = attention.attentionWeights().get("0, :, 2:");
        assertEquals(0f, padded.abs().max().getFloat());
        // Changing the padded values must not change the output.
        NDArray changed = values.duplicate();
        changed.set(new ai.djl.ndarray.index.NDIndex("0, 2:, :"), 100f);
        NDArray again = attention.forward(parameters,
                new NDList(queries, keys, changed, manager.create(new int[] {2, 5})), false).head();
        assertTrue(output.get("0").allClose(again.get("0")));
    }

    @Test
    void wrongShapesGetAnErrorNamingThem() {
        DotProductAttention attention = new DotProductAttention();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> attention.forward(parameters,
                new NDList(manager.zeros(new Shape(2, 1, 8)), manager.zeros(new Shape(2, 10, 6)),
                        manager.zeros(new Shape(2, 10, 6))), false));
        assertTrue(error.getMessage().contains("(2, 1, 8)") && error.getMessage().contains("(2, 10, 6)"),
                error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> attention.forward(parameters,
                new NDList(manager.zeros(new Shape(2, 1, 6)), manager.zeros(new Shape(2, 10, 6)),
                        manager.zeros(new Shape(2, 9, 6))), false));
        assertTrue(error.getMessage().contains("one value per key"), error.getMessage());
    }

    /** Additive attention with 8 hidden units, initialised for these queries and keys (values like the keys). */
    private AdditiveAttention additiveAttention(Shape queries, Shape keys) {
        AdditiveAttention attention = new AdditiveAttention(8);
        attention.initialize(manager, DataType.FLOAT32, queries, keys, keys);
        return attention;
    }

    @Test
    void additiveAttentionHasTheRightShapesAndMasks() {
        Shape q = new Shape(2, 1, 5);
        Shape k = new Shape(2, 7, 3);
        AdditiveAttention attention = additiveAttention(q, k);
        NDArray output = attention.forward(parameters, new NDList(manager.randomNormal(q), manager.randomNormal(k),
                manager.randomNormal(k), manager.create(new int[] {3, 7})), false).head();
        assertEquals(new Shape(2, 1, 3), output.getShape());
        assertEquals(new Shape(2, 1, 7), attention.attentionWeights().getShape());
        assertEquals(0f, attention.attentionWeights().get("0, :, 3:").sum().getFloat());
    }

    @Test
    void additiveAttentionFromProjectedKeysGivesTheOutputOfTheWholeForwardPass() {
        AdditiveAttention attention = additiveAttention(new Shape(2, 3, 5), new Shape(2, 7, 3));
        NDArray queries = manager.randomNormal(new Shape(2, 3, 5));
        NDArray keys = manager.randomNormal(new Shape(2, 7, 3));
        NDArray values = manager.randomNormal(new Shape(2, 7, 4));
        NDArray lengths = manager.create(new int[] {3, 7});
        NDArray whole = attention.forward(parameters, new NDList(queries, keys, values, lengths), false).head();
        NDArray projected = attention.projectKeys(parameters, keys, false);
        assertEquals(new Shape(2, 7, 8), projected.getShape());
        NDArray output = attention.attendProjected(parameters, queries, projected, values, lengths, false);
        assertEquals(0f, whole.sub(output).abs().max().getFloat(), 1e-6);
        assertEquals(0f, attention.attentionWeights().get("0, :, 3:").sum().getFloat());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> attention.attendProjected(parameters, queries, keys, values, lengths, false));
        assertEquals("projected keys have shape (2, 7, 3), expected (batch, keys, 8): pass what projectKeys(...) "
                + "returned", error.getMessage());
    }

    @Test
    void multiHeadAttentionHasOneWeightMapPerHead() {
        MultiHeadAttention attention = new MultiHeadAttention(8, 2);
        Shape x = new Shape(3, 4, 8);
        attention.initialize(manager, DataType.FLOAT32, x, x, x);
        NDArray input = manager.randomNormal(x);
        NDArray output = attention.forward(parameters,
                new NDList(input, input, input, manager.create(new int[] {1, 2, 4})), false).head();
        assertEquals(x, output.getShape());
        NDArray weights = attention.attentionWeights();
        assertEquals(new Shape(3, 2, 4, 4), weights.getShape());
        assertEquals(0f, weights.get("1, :, :, 2:").sum().getFloat());
        assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(10, 3));
    }

    @Test
    void multiHeadAttentionNamesTheShapesItRefuses() {
        MultiHeadAttention attention = new MultiHeadAttention(8, 2);
        Shape x = new Shape(3, 4, 8);
        attention.initialize(manager, DataType.FLOAT32, x, x, x);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> attention.forward(parameters,
                new NDList(manager.zeros(x), manager.zeros(new Shape(3, 4, 8)), manager.zeros(new Shape(3, 5, 8))), false));
        assertTrue(error.getMessage().contains("(3, 4, 8)") && error.getMessage().contains("(3, 5, 8)"), error.getMessage());
    }

    @Test
    void positionalEncodingMatchesTheFormula() {
        NDArray table = PositionalEncoding.table(manager, 3, 4);
        assertEquals(new Shape(3, 4), table.getShape());
        float[] p = table.toFloatArray();
        // Position 2: sin(2), cos(2), sin(2 / 100), cos(2 / 100).
        assertEquals(Math.sin(2), p[8], 1e-5);
        assertEquals(Math.cos(2), p[9], 1e-5);
        assertEquals(Math.sin(0.02), p[10], 1e-5);
        assertEquals(Math.cos(0.02), p[11], 1e-5);
        assertTrue(PositionalEncoding.table(manager, 1, 2, 4).allClose(table.get("1:"), 1e-5, 1e-6, false));
        assertThrows(IllegalArgumentException.class, () -> PositionalEncoding.table(manager, 3, 5));
    }

    @Test
    void positionalEncodingIsAddedFromTheSameTableEveryBatch() {
        NDArray x = manager.randomNormal(new Shape(2, 3, 4));
        NDArray expected = x.add(PositionalEncoding.table(manager, 5, 3, 4).expandDims(0));
        for (int batch = 0; batch < 2; batch++) {   // the second call copies the table the first one computed
            NDArray added = PositionalEncoding.add(x, 5);
            assertEquals(x.getShape(), added.getShape());
            assertTrue(added.allClose(expected, 0, 0, false), "exactly the engine's table, batch " + batch);
        }
        int arrays = manager.getManagedArrays().size();
        PositionalEncoding.add(x, 5);
        assertEquals(arrays + 2, manager.getManagedArrays().size(), "one copied table and the sum, no scratch arrays");
    }

    @Test
    void sequenceMaskedLossCountsValidTokensOnly() {
        // Scores give class 0 probability 1/2 (log 2 loss) everywhere; step 2 of row 0 is padding.
        NDArray scores = manager.create(new float[] {0, 0, 0, 0, 100, 0, 0, 0, 0, 0, 0, 0}).reshape(2, 3, 2);
        NDArray targets = manager.create(new int[] {0, 0, 1, 0, 0, 0}).reshape(2, 3);
        NDArray lengths = manager.create(new int[] {2, 3});
        float loss = new SequenceMaskedCrossEntropyLoss()
                .evaluate(new NDList(targets, lengths), new NDList(scores)).getFloat();
        assertEquals(Math.log(2), loss, 1e-5);
        assertThrows(IllegalArgumentException.class, () -> new SequenceMaskedCrossEntropyLoss()
                .evaluate(new NDList(targets, lengths), new NDList(scores.reshape(2, 6))));
    }

    @Test
    void anEncoderBlockIgnoresPaddedPositions() {
        TransformerEncoderBlock block = new TransformerEncoderBlock(8, 16, 2);
        Shape x = new Shape(2, 5, 8);
        block.initialize(manager, DataType.FLOAT32, x, new Shape(2));
        NDArray input = manager.randomNormal(x);
        NDArray lengths = manager.create(new int[] {5, 2});
        NDArray output = block.forward(parameters, new NDList(input, lengths), false).head();
        assertEquals(x, output.getShape());
        NDArray changed = input.duplicate();
        changed.set(new ai.djl.ndarray.index.NDIndex("1, 2:, :"), 9f);
        NDArray again = block.forward(parameters, new NDList(changed, lengths), false).head();
        assertTrue(again.get("1, :2, :").sub(output.get("1, :2, :")).abs().max().getFloat() < 1e-5);
        assertEquals(0f, block.attentionWeights().get("1, :, :, 2:").sum().getFloat());
    }

    @Test
    void aDecoderBlockLooksOnlyAtEarlierTargetsAndRealSourcePositions() {
        TransformerDecoderBlock block = new TransformerDecoderBlock(8, 16, 2);
        Shape target = new Shape(1, 4, 8);
        Shape source = new Shape(1, 6, 8);
        block.initialize(manager, DataType.FLOAT32, target, source, new Shape(1));
        NDArray x = manager.randomNormal(target);
        NDArray encoded = manager.randomNormal(source);
        NDArray lengths = manager.create(new int[] {3});
        NDArray output = block.forward(parameters, new NDList(x, encoded, lengths), false).head();
        // Causal: changing the last target position leaves the first three outputs as they were.
        NDArray changed = x.duplicate();
        changed.set(new ai.djl.ndarray.index.NDIndex("0, 3, :"), 9f);
        NDArray again = block.forward(parameters, new NDList(changed, encoded, lengths), false).head();
        assertTrue(again.get("0, :3, :").sub(output.get("0, :3, :")).abs().max().getFloat() < 1e-5);
        // Cross-attention gives the padded source positions 3, 4, 5 no weight.
        assertEquals(0f, block.crossAttentionWeights().get("0, :, :, 3:").sum().getFloat());
    }

    @Test
    void additiveAttentionNamesTheFeatureSizeItWasBuiltFor() {
        AdditiveAttention attention = new AdditiveAttention(8);
        Shape q = new Shape(2, 1, 5);
        Shape k = new Shape(2, 7, 3);
        attention.initialize(manager, DataType.FLOAT32, q, k, k);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> attention.forward(parameters,
                new NDList(manager.zeros(new Shape(2, 1, 6)), manager.zeros(k), manager.zeros(k)), false));
        assertEquals("queries (2, 1, 6), keys (2, 7, 3) and values (2, 7, 3) do not fit: this AdditiveAttention(8 hidden "
                + "units) was built for queries of 5 features (last axis), got 6", error.getMessage());
    }

    @Test
    void multiHeadAttentionNamesTheFeatureSizeItWasBuiltFor() {
        MultiHeadAttention attention = new MultiHeadAttention(8, 2);
        Shape x = new Shape(3, 4, 8);
        attention.initialize(manager, DataType.FLOAT32, x, x, x);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> attention.forward(parameters,
                new NDList(manager.zeros(x), manager.zeros(x), manager.zeros(new Shape(3, 4, 6))), false));
        assertEquals("queries (3, 4, 8), keys (3, 4, 8) and values (3, 4, 6) do not fit: this MultiHeadAttention(2 heads, "
                + "8 features) was built for values of 8 features (last axis), got 6", error.getMessage());
    }
}

package dlcourse.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import dlcourse.data.DateTranslationDataset;
import dlcourse.tensor.Seeds;
import dlcourse.train.TranslationTraining;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The translation models compute the same loss, the same gradient and the same training steps on
 * whichever engine the build has, given the same parameters and input: every parameter gets a
 * value worked out in Java from its name, and the expected numbers were worked out on MXNet (on
 * PyTorch they agree to 6 digits). So when a notebook's model learns differently on the two
 * engines, the cause is where the engines differ on purpose: their random streams, which draw
 * different initial parameters.
 */
class EngineAgreementTest {

    /** d·∇loss for each parameter of the attention model, d its direction(), on MXNet. */
    private static final Map<String, Double> ATTENTION_SLOPES = Map.ofEntries(
            Map.entry("01encoder_01embedding_01projection_weight", -0.021998),
            Map.entry("01encoder_02gru_l_0_i2h_WEIGHT", -0.021722),
            Map.entry("01encoder_02gru_l_0_h2h_WEIGHT", 0.011398),
            Map.entry("01encoder_02gru_l_0_i2h_BIAS", -0.058260),
            Map.entry("01encoder_02gru_l_0_h2h_BIAS", 0.039651),
            Map.entry("02decoder_01embedding_01projection_weight", -0.004433),
            Map.entry("02decoder_02attention_01queryProjection_weight", 0.000022),
            Map.entry("02decoder_02attention_02keyProjection_weight", 0.000146),
            Map.entry("02decoder_02attention_03scoreProjection_weight", -0.000073),
            Map.entry("02decoder_03gru_l_0_i2h_WEIGHT", 0.036579),
            Map.entry("02decoder_03gru_l_0_h2h_WEIGHT", 0.007752),
            Map.entry("02decoder_03gru_l_0_i2h_BIAS", 0.136272),
            Map.entry("02decoder_03gru_l_0_h2h_BIAS", 0.073626),
            Map.entry("02decoder_04dense_weight", 0.173841),
            Map.entry("02decoder_04dense_bias", -0.062642));

    /** The same for the transformer (one layer each side, 4 features, 2 heads), on MXNet. */
    private static final Map<String, Double> TRANSFORMER_SLOPES = Map.ofEntries(
            Map.entry("01encoder_01embedding_01projection_weight", 0.000650),
            Map.entry("01encoder_02layer0_01attention_01queryProjection_weight", -0.000326),
            Map.entry("01encoder_02layer0_01attention_02keyProjection_weight", -0.000724),
            Map.entry("01encoder_02layer0_01attention_03valueProjection_weight", -0.001459),
            Map.entry("01encoder_02layer0_01attention_04outputProjection_weight", -0.001177),
            Map.entry("01encoder_02layer0_02norm1_gamma", -0.001194),
            Map.entry("01encoder_02layer0_02norm1_beta", 0.004501),
            Map.entry("01encoder_02layer0_03feedForward_01Linear_weight", 0.001353),
            Map.entry("01encoder_02layer0_03feedForward_01Linear_bias", 0.001385),
            Map.entry("01encoder_02layer0_03feedForward_03Linear_weight", 0.001018),
            Map.entry("01encoder_02layer0_03feedForward_03Linear_bias", -0.002375),
            Map.entry("01encoder_02layer0_04norm2_gamma", -0.011816),
            Map.entry("01encoder_02layer0_04norm2_beta", -0.022929),
            Map.entry("02decoder_01embedding_01projection_weight", -0.035511),
            Map.entry("02decoder_02layer0_01selfAttention_01queryProjection_weight", 0.000393),
            Map.entry("02decoder_02layer0_01selfAttention_02keyProjection_weight", 0.001085),
            Map.entry("02decoder_02layer0_01selfAttention_03valueProjection_weight", 0.008044),
            Map.entry("02decoder_02layer0_01selfAttention_04outputProjection_weight", 0.019679),
            Map.entry("02decoder_02layer0_02norm1_gamma", -0.015597),
            Map.entry("02decoder_02layer0_02norm1_beta", -0.000999),
            Map.entry("02decoder_02layer0_03crossAttention_01queryProjection_weight", -0.000985),
            Map.entry("02decoder_02layer0_03crossAttention_02keyProjection_weight", -0.001142),
            Map.entry("02decoder_02layer0_03crossAttention_03valueProjection_weight", -0.019679),
            Map.entry("02decoder_02layer0_03crossAttention_04outputProjection_weight", -0.004098),
            Map.entry("02decoder_02layer0_04norm2_gamma", 0.011909),
            Map.entry("02decoder_02layer0_04norm2_beta", -0.007248),
            Map.entry("02decoder_02layer0_05feedForward_01Linear_weight", 0.041751),
            Map.entry("02decoder_02layer0_05feedForward_01Linear_bias", -0.008347),
            Map.entry("02decoder_02layer0_05feedForward_03Linear_weight", 0.032646),
            Map.entry("02decoder_02layer0_05feedForward_03Linear_bias", -0.012224),
            Map.entry("02decoder_02layer0_06norm3_gamma", 0.113630),
            Map.entry("02decoder_02layer0_06norm3_beta", 0.132981),
            Map.entry("02decoder_03dense_weight", 0.225676),
            Map.entry("02decoder_03dense_bias", -0.062899));

    private static EncoderDecoder attentionModel(int sources, int targets, int embedding, int hidden) {
        return new EncoderDecoder(new RecurrentEncoder(sources, embedding, hidden, 1),
                new AttentionDecoder(targets, embedding, hidden, 1));
    }

    private static EncoderDecoder transformer() {
        return new EncoderDecoder(new TransformerEncoder(7, 4, 8, 2, 1), new TransformerDecoder(6, 4, 8, 2, 1));
    }

    /** amplitude·sin(1.3 h + 0.71 j + phase) for element j, h from the parameter's name: the same on every engine. */
    private static float[] wave(String name, long size, double amplitude, double phase) {
        float[] values = new float[Math.toIntExact(size)];
        int h = Math.floorMod(name.hashCode(), 97);
        for (int j = 0; j < values.length; j++) {
            values[j] = (float) (amplitude * Math.sin(1.3 * h + 0.71 * j + phase));
        }
        return values;
    }

    /** Overwrites every parameter of an initialised model with its wave. */
    private static void setParameters(NDManager manager, EncoderDecoder model, double amplitude) {
        for (Pair<String, Parameter> parameter : model.getParameters()) {
            NDArray w = parameter.getValue().getArray();
            w.muli(0).addi(manager.create(wave(parameter.getKey(), w.size(), amplitude, 0), w.getShape()));
        }
    }

    private static NDArray direction(NDManager manager, String name, NDArray w) {
        return manager.create(wave(name, w.size(), 0.6, 0.5), w.getShape());
    }

    /** Two sources (5 and 3 real tokens) and their targets (4 and 3), fed with teacher forcing. */
    private static NDList inputs(NDManager manager) {
        return new NDList(manager.create(new int[] {1, 2, 3, 4, 5, 6, 5, 4, 0, 0}, new Shape(2, 5)),
                manager.create(new int[] {5, 3}), manager.create(new int[] {1, 2, 3, 4, 1, 5, 2, 0}, new Shape(2, 4)));
    }

    private static NDList labels(NDManager manager) {
        return new NDList(manager.create(new int[] {2, 3, 4, 5, 5, 2, 3, 0}, new Shape(2, 4)),
                manager.create(new int[] {4, 3}));
    }

    private static double loss(EncoderDecoder model, ParameterStore store, NDList inputs, NDList labels) {
        NDArray scores = model.forward(store, inputs, false).head();
        return new SequenceMaskedCrossEntropyLoss().evaluate(labels, new NDList(scores)).getFloat();
    }

    /** Initialises {@code model} for the fixed batch, sets its waves and runs backward; returns the loss. */
    private static double backward(NDManager manager, EncoderDecoder model, ParameterStore store) {
        model.initialize(manager, DataType.FLOAT32, new Shape(2, 5), new Shape(2), new Shape(2, 4));
        setParameters(manager, model, 0.6);
        for (Pair<String, Parameter> parameter : model.getParameters()) {
            parameter.getValue().getArray().setRequiresGradient(true);
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray scores = model.forward(store, inputs(manager), true).head();
            NDArray loss = new SequenceMaskedCrossEntropyLoss().evaluate(labels(manager), new NDList(scores));
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    private static void assertSlopes(NDManager manager, EncoderDecoder model, Map<String, Double> expected) {
        assertEquals(expected.keySet(), Set.copyOf(model.getParameters().keys()));
        for (Pair<String, Parameter> parameter : model.getParameters()) {
            NDArray w = parameter.getValue().getArray();
            double slope = w.getGradient().mul(direction(manager, parameter.getKey(), w)).sum().getFloat();
            assertEquals(expected.get(parameter.getKey()), slope, 5e-6,
                    parameter.getKey() + " on " + Engine.getInstance().getEngineName());
        }
    }

    @Test
    void theAttentionModelHasMXNetsLossAndGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoder model = attentionModel(7, 6, 3, 4);
            assertEquals(1.7819132, backward(manager, model, new ParameterStore(manager, false)), 5e-6);
            assertSlopes(manager, model, ATTENTION_SLOPES);
        }
    }

    @Test
    void theTransformerHasMXNetsLossAndGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoder model = transformer();
            assertEquals(1.8408736, backward(manager, model, new ParameterStore(manager, false)), 5e-6);
            assertSlopes(manager, model, TRANSFORMER_SLOPES);
        }
    }

    @Test
    void theAttentionModelsGradientIsTheSlopeOfItsLoss() {
        // Central differences along each parameter's direction, against the engine's gradient.
        try (NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoder model = attentionModel(7, 6, 3, 4);
            ParameterStore store = new ParameterStore(manager, false);
            backward(manager, model, store);
            double epsilon = 3e-3;
            for (Pair<String, Parameter> parameter : model.getParameters()) {
                NDArray w = parameter.getValue().getArray();
                NDArray d = direction(manager, parameter.getKey(), w);
                double slope = w.getGradient().mul(d).sum().getFloat();
                NDArray original = w.duplicate();
                w.addi(d.mul((float) epsilon));
                double plus = loss(model, store, inputs(manager), labels(manager));
                w.muli(0).addi(original).subi(d.mul((float) epsilon));
                double minus = loss(model, store, inputs(manager), labels(manager));
                w.muli(0).addi(original);
                double numerical = (plus - minus) / (2 * epsilon);
                assertEquals(numerical, slope, 2e-4 + 0.01 * Math.abs(numerical), parameter.getKey());
            }
        }
    }

    @Test
    void trainingFromTheSameParametersGivesMXNetsLosses() {
        // Adam, gradient clipping and the length-bucketed batches included: same start, same path.
        DateTranslationDataset dates = DateTranslationDataset.generate(600, 42, 2);
        try (NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoder model = attentionModel(dates.sourceVocab().size(), dates.targetVocab().size(), 8, 16);
            model.initialize(manager, DataType.FLOAT32, new Shape(1, dates.sourceSteps()), new Shape(1),
                    new Shape(1, dates.targetSteps()));
            // Before the trainer exists: MXNet's trainer keeps its own copy of the parameters it starts from.
            setParameters(manager, model, 0.3);
            Trainer trainer = TranslationTraining.newTrainer(manager, model, dates, 0.01f);
            DateTranslationDataset.Arrays train = dates.arrays(manager, DateTranslationDataset.Split.TRAIN);
            DateTranslationDataset.Arrays validation = dates.arrays(manager,
                    dates.examples(DateTranslationDataset.Split.VALIDATION).subList(0, 8));
            Seeds.set(1);
            TranslationTraining training = new TranslationTraining(trainer, dates, 64).withGradientClipping(1.0);
            double[] losses = training.fit(train, validation, 2).values(TranslationTraining.TRAIN_LOSS);
            assertEquals(2.6189424, losses[0], 1e-5);
            assertEquals(2.3417481, losses[1], 1e-5);
        }
    }
}

package dlcourse.nn;

import ai.djl.engine.Engine;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.RecurrentBlock;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a DJL recurrent layer's parameters in the order the PyTorch engine reads them. DJL 0.36
 * hands RNN, LSTM and GRU parameters to the engine in the order it made them: per layer, all
 * weights, then all biases, each for the left-to-right then the right-to-left direction. PyTorch
 * reads, per layer and direction, the input and state weights and then their biases. For a layer
 * in one direction both orders agree; for a bidirectional one PyTorch would take the right-to-left
 * input weights for a bias and refuse the layer ("The size of tensor a (192) must match the size
 * of tensor b (28)"). MXNet reads DJL's order, so on MXNet nothing changes.
 */
final class RecurrentParameterOrder {

    private static final String PYTORCH = "PyTorch";

    private RecurrentParameterOrder() {
    }

    /** Reorders {@code layer}'s parameters for PyTorch when the engine is PyTorch; else leaves them. */
    static void forEngine(Block layer) {
        if (layer instanceof RecurrentBlock && PYTORCH.equals(Engine.getInstance().getEngineName())) {
            reorder((RecurrentBlock) layer);
        }
    }

    /** Names are DIRECTION_LAYER_GATE_TYPE, e.g. r_0_i2h_WEIGHT: sorted by layer, direction, type, gate. */
    static void reorder(RecurrentBlock layer) {
        Map<String, Parameter> parameters = parameters(layer);
        List<Map.Entry<String, Parameter>> entries = new ArrayList<>(parameters.entrySet());
        entries.sort(Comparator.<Map.Entry<String, Parameter>>comparingInt(e -> Integer.parseInt(part(e, 1)))
                .thenComparing(e -> part(e, 0))                                // l before r
                .thenComparing(e -> part(e, 3), Comparator.reverseOrder())     // WEIGHT before BIAS
                .thenComparing(e -> part(e, 2), Comparator.reverseOrder()));   // i2h before h2h
        parameters.clear();
        for (Map.Entry<String, Parameter> entry : entries) {
            parameters.put(entry.getKey(), entry.getValue());
        }
    }

    private static String part(Map.Entry<String, Parameter> entry, int index) {
        return entry.getKey().split("_")[index];
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Parameter> parameters(RecurrentBlock layer) {
        try {
            Field field = AbstractBlock.class.getDeclaredField("parameters");
            field.setAccessible(true);
            return (LinkedHashMap<String, Parameter>) field.get(layer);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException("DJL's AbstractBlock no longer keeps its parameters in the field "
                    + "'parameters'; dlcourse.nn.RecurrentParameterOrder needs updating for this DJL version", e);
        }
    }
}

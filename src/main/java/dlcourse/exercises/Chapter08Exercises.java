package dlcourse.exercises;

import static dlcourse.notebook.Exercise.require;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RNN;
import dlcourse.notebook.Exercise;
import dlcourse.notebook.Messages;
import java.util.Arrays;
import java.util.List;

/** Checkers for the exercises of notebook 08, LSTM and GRU. */
public final class Chapter08Exercises {

    private Chapter08Exercises() {
    }

    /** A formula for the number of weights of a recurrent layer. */
    @FunctionalInterface
    public interface ParameterCount {
        long count(int gates, int inputSize, int hiddenSize, int layers);
    }

    /**
     * Exercise 1: the number of parameters of a recurrent layer stack, as a function of the number
     * of gate-like blocks (RNN 1, GRU 3, LSTM 4), the input size, the hidden size and the number of
     * layers. Checked against the parameter count of DJL's own RNN, GRU and LSTM blocks.
     */
    public static boolean parameterCount(ParameterCount answer) {
        return Exercise.check(Messages.text("ch08.parameterCount.name"), () -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                for (int[] c : List.of(new int[] {1, 29, 128, 1}, new int[] {3, 29, 128, 1}, new int[] {4, 29, 128, 1},
                        new int[] {4, 29, 128, 2}, new int[] {3, 5, 7, 3}, new int[] {1, 10, 4, 2})) {
                    String name = c[0] == 1 ? "RNN" : c[0] == 3 ? "GRU" : "LSTM";
                    long expected = djlParameters(manager, c[0], c[1], c[2], c[3]);
                    long actual = answer.count(c[0], c[1], c[2], c[3]);
                    require(actual == expected, Messages.text("ch08.parameterCount.wrong", c[3], name, c[0], c[1], c[2],
                            expected, actual, Messages.text(c[3] > 1 ? "ch08.parameterCount.hintLayers"
                                    : "ch08.parameterCount.hintBiases")));
                }
            }
        });
    }

    /** The number of parameters DJL gives a recurrent block with these sizes. */
    static long djlParameters(NDManager manager, int gates, int inputSize, int hiddenSize, int layers) {
        Block block = switch (gates) {
            case 1 -> RNN.builder().setStateSize(hiddenSize).setNumLayers(layers).setActivation(RNN.Activation.TANH).build();
            case 3 -> GRU.builder().setStateSize(hiddenSize).setNumLayers(layers).build();
            case 4 -> LSTM.builder().setStateSize(hiddenSize).setNumLayers(layers).build();
            default -> throw new IllegalArgumentException("gates must be 1 (RNN), 3 (GRU) or 4 (LSTM), got " + gates);
        };
        block.initialize(manager, DataType.FLOAT32, new Shape(2, 3, inputSize));
        return block.getParameters().values().stream().mapToLong(parameter -> parameter.getArray().size()).sum();
    }

    /** One step of a GRU: the new hidden state from the input, the old state and the parameters. */
    @FunctionalInterface
    public interface GruStep {
        NDArray step(NDArray x, NDArray h, NDList parameters);
    }

    /**
     * Exercise 2: one step of the GRU as the d2l book writes it, the reset gate applied before the
     * multiplication by W_hh. Parameters in the order W_xz, W_hz, b_z, W_xr, W_hr, b_r, W_xh, W_hh, b_h,
     * each W of shape (in, out). Checked on random weights and on the gates' extreme settings.
     */
    public static boolean gruStep(GruStep answer) {
        return Exercise.check(Messages.text("ch08.gruStep.name"), () -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                manager.getEngine().setRandomSeed(8);
                NDArray x = manager.randomNormal(new Shape(3, 5));
                NDArray h = manager.randomNormal(new Shape(3, 4)).tanh();
                NDList parameters = randomGruParameters(manager, 5, 4);
                compare(answer.step(x, h, parameters), reference(x, h, parameters),
                        Messages.text("ch08.gruStep.random"));

                NDList keep = parameters.stream().map(NDArray::duplicate).collect(NDList::new, NDList::add, NDList::addAll);
                keep.set(2, manager.full(new Shape(4), 30f));
                compare(answer.step(x, h, keep), h, Messages.text("ch08.gruStep.keep"));

                NDList reset = parameters.stream().map(NDArray::duplicate).collect(NDList::new, NDList::add, NDList::addAll);
                reset.set(2, manager.full(new Shape(4), -30f));
                reset.set(5, manager.full(new Shape(4), -30f));
                NDArray fresh = x.matMul(parameters.get(6)).add(parameters.get(8)).tanh();
                compare(answer.step(x, h, reset), fresh, Messages.text("ch08.gruStep.reset"));
            }
        });
    }

    static NDList randomGruParameters(NDManager manager, int inputs, int hidden) {
        NDList parameters = new NDList();
        for (int gate = 0; gate < 3; gate++) {
            parameters.add(manager.randomNormal(0, 0.5f, new Shape(inputs, hidden), DataType.FLOAT32));
            parameters.add(manager.randomNormal(0, 0.5f, new Shape(hidden, hidden), DataType.FLOAT32));
            parameters.add(manager.randomNormal(0, 0.5f, new Shape(hidden), DataType.FLOAT32));
        }
        return parameters;
    }

    private static NDArray reference(NDArray x, NDArray h, NDList p) {
        NDArray update = Activation.sigmoid(x.matMul(p.get(0)).add(h.matMul(p.get(1))).add(p.get(2)));
        NDArray reset = Activation.sigmoid(x.matMul(p.get(3)).add(h.matMul(p.get(4))).add(p.get(5)));
        NDArray candidate = x.matMul(p.get(6)).add(reset.mul(h).matMul(p.get(7))).add(p.get(8)).tanh();
        return update.mul(h).add(update.neg().add(1).mul(candidate));
    }

    private static void compare(NDArray actual, NDArray expected, String when) {
        require(actual != null, Messages.text("ch08.gruStep.null", when));
        require(actual.getShape().equals(expected.getShape()),
                Messages.text("ch08.gruStep.shape", when, actual.getShape(), expected.getShape()));
        float[] a = actual.toType(DataType.FLOAT32, false).toFloatArray();
        float[] e = expected.toFloatArray();
        float worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Float.isNaN(a[i]) ? Float.POSITIVE_INFINITY : Math.abs(a[i] - e[i]));
        }
        require(worst <= 1e-4f, Messages.text("ch08.gruStep.values", when, worst, Arrays.toString(Arrays.copyOf(a, 4)),
                Arrays.toString(Arrays.copyOf(e, 4))));
    }
}

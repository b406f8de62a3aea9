package dlcourse.solutions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/** Reference answers to the checked exercises of notebook 08, LSTM and GRU. */
public final class Chapter08Solutions {

    private Chapter08Solutions() {
    }

    /**
     * Exercise 1: each of the {@code gates} blocks of a layer has W_x (input x hidden), W_h
     * (hidden x hidden) and, in DJL (as in cuDNN), two bias vectors b_x and b_h. The first layer reads
     * the input; every later layer reads the hidden state of the one below, so its input size is
     * {@code hiddenSize}.
     */
    public static long parameterCount(int gates, int inputSize, int hiddenSize, int layers) {
        long perGate = (long) inputSize * hiddenSize + (long) hiddenSize * hiddenSize + 2L * hiddenSize;
        long perLaterGate = 2L * hiddenSize * hiddenSize + 2L * hiddenSize;
        return gates * (perGate + (layers - 1) * perLaterGate);
    }

    /**
     * Exercise 2: one GRU step as the d2l book writes it. p holds W_xz, W_hz, b_z, W_xr, W_hr, b_r,
     * W_xh, W_hh, b_h; the reset gate scales the old state before it is multiplied by W_hh.
     */
    public static NDArray gruStep(NDArray x, NDArray h, NDList p) {
        NDArray update = Activation.sigmoid(x.matMul(p.get(0)).add(h.matMul(p.get(1))).add(p.get(2)));
        NDArray reset = Activation.sigmoid(x.matMul(p.get(3)).add(h.matMul(p.get(4))).add(p.get(5)));
        NDArray candidate = x.matMul(p.get(6)).add(reset.mul(h).matMul(p.get(7))).add(p.get(8)).tanh();
        return update.mul(h).add(update.neg().add(1).mul(candidate));      // Z * H + (1 - Z) * candidate
    }
}

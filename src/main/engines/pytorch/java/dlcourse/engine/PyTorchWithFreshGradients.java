package dlcourse.engine;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SymbolBlock;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.lang.reflect.Field;

/**
 * DJL's PyTorch engine, with one difference: a new gradient collector starts from zero gradients,
 * as MXNet's does. PyTorch adds every backward pass to the gradients already there and DJL 0.36
 * leaves the zeroing to its optimisers, so without this a hand-written step
 * ({@code w.subi(w.getGradient().mul(rate))}) would follow the sum of all earlier gradients.
 */
final class PyTorchWithFreshGradients extends Engine {

    /** PtNDArray's record of setRequiresGradient: true on the leaves that collect gradients. */
    private static final Field REQUIRES_GRADIENT = requiresGradientField();

    private final Engine pytorch;

    PyTorchWithFreshGradients(Engine pytorch) {
        this.pytorch = pytorch;
    }

    private static Field requiresGradientField() {
        try {
            Field field = PtNDArray.class.getDeclaredField("hasGradient");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DJL's PtNDArray no longer has the field hasGradient; "
                    + "dlcourse.engine.PyTorchWithFreshGradients needs updating for this DJL version", e);
        }
    }

    @Override
    public GradientCollector newGradientCollector() {
        GradientCollector collector = pytorch.newGradientCollector();
        zeroGradients();
        return collector;
    }

    /**
     * Sets the gradient of every array that collects one to zero. Only the arrays marked with
     * setRequiresGradient (parameters, attachGradient): asking PyTorch for the gradient of an
     * intermediate result would print a warning.
     */
    private void zeroGradients() {
        NDManager systemManager;
        // The root of every PyTorch array's manager (PtNDManager's getter is not public).
        try (NDManager base = pytorch.newBaseManager()) {
            systemManager = base.getParentManager();
        }
        for (NDArray array : systemManager.getManagedArrays()) {
            try {
                if (Boolean.TRUE.equals(REQUIRES_GRADIENT.get(array))) {
                    JniUtils.zeroGrad((PtNDArray) array);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public Engine getAlternativeEngine() {
        return pytorch.getAlternativeEngine();
    }

    @Override
    public String getEngineName() {
        return pytorch.getEngineName();
    }

    @Override
    public int getRank() {
        return pytorch.getRank();
    }

    @Override
    public String getVersion() {
        return pytorch.getVersion();
    }

    @Override
    public boolean hasCapability(String capability) {
        return pytorch.hasCapability(capability);
    }

    @Override
    public Device defaultDevice() {
        return pytorch.defaultDevice();
    }

    @Override
    public Device[] getDevices(int maxGpus) {
        return pytorch.getDevices(maxGpus);
    }

    @Override
    public int getGpuCount() {
        return pytorch.getGpuCount();
    }

    @Override
    public SymbolBlock newSymbolBlock(NDManager manager) {
        return pytorch.newSymbolBlock(manager);
    }

    @Override
    public Model newModel(String name, Device device) {
        return pytorch.newModel(name, device);
    }

    @Override
    public NDManager newBaseManager() {
        return pytorch.newBaseManager();
    }

    @Override
    public NDManager newBaseManager(Device device) {
        return pytorch.newBaseManager(device);
    }

    @Override
    public void setRandomSeed(int seed) {
        pytorch.setRandomSeed(seed);
    }

    @Override
    public String toString() {
        return pytorch.toString();
    }
}

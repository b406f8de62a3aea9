package dlcourse.engine;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineProvider;
import ai.djl.pytorch.engine.PtEngineProvider;

/**
 * Registers {@link PyTorchWithFreshGradients} under DJL's name for PyTorch, "PyTorch". DJL keeps
 * the first provider of a name it finds, so the course's jar comes before DJL's jars on every
 * classpath (the kernelspec, the tests, the README's IJava and JJava set-up).
 */
public final class PyTorchWithFreshGradientsProvider implements EngineProvider {

    private static volatile Engine engine;

    private final PtEngineProvider pytorch = new PtEngineProvider();

    @Override
    public String getEngineName() {
        return pytorch.getEngineName();
    }

    @Override
    public int getEngineRank() {
        return pytorch.getEngineRank();
    }

    @Override
    public Engine getEngine() {
        if (engine == null) {
            synchronized (PyTorchWithFreshGradientsProvider.class) {
                if (engine == null) {
                    engine = new PyTorchWithFreshGradients(pytorch.getEngine());
                }
            }
        }
        return engine;
    }
}

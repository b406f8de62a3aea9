package dlcourse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Frees, with the manager that owns a trainer's model, the native memory that DJL 0.36 leaves
 * behind when the model is closed: the trainer's parameter server (with MXNet a KVStore holding
 * its own copy of every parameter, which {@link Trainer#close()} does not close) and the
 * optimiser's state arrays (Adam's moments, SGD's momentum), which DJL detaches from every
 * manager, waiting for a garbage collector that MXNet's arrays do not have. Nothing in a notebook
 * can reach either, so each run of a notebook leaked them: notebook 04 run again in one kernel
 * grew 25 MiB a run (three 512-512 MLPs' Adam moments and KVStore copies).
 *
 * <p>Both are private in DJL; they are read by their names in DJL 0.36, as {@link
 * OptimizerSettings} reads the optimiser's settings. A DJL whose fields differ fails here, at
 * once, rather than leaking in silence.
 */
final class TrainerResources {

    private TrainerResources() {
    }

    /** Closes {@code trainer}'s parameter server and {@code optimizer}'s state arrays when {@code owner} is closed. */
    static void closeWith(NDManager owner, Trainer trainer, Optimizer optimizer) {
        ParameterServer server = (ParameterServer) read(read(trainer, Trainer.class, "parameterStore"),
                ParameterStore.class, "parameterServer");
        owner.attachInternal("trainer resources " + UUID.randomUUID(), () -> {
            server.close();
            closeStates(optimizer);
        });
    }

    /**
     * The optimiser's state arrays: every NDArray in its fields that map a parameter to one state
     * per device (DJL's optimisers keep all their states so).
     */
    static List<NDArray> states(Optimizer optimizer) {
        List<NDArray> states = new ArrayList<>();
        for (Map<?, ?> perParameter : stateMaps(optimizer)) {
            for (Object perDevice : perParameter.values()) {
                if (perDevice instanceof Map<?, ?> arrays) {
                    for (Object state : arrays.values()) {
                        if (state instanceof NDArray array) {
                            states.add(array);
                        }
                    }
                }
            }
        }
        return states;
    }

    /** Closes the state arrays and forgets them: an update after this starts from fresh states, not closed ones. */
    static void closeStates(Optimizer optimizer) {
        states(optimizer).forEach(NDArray::close);
        stateMaps(optimizer).forEach(Map::clear);
    }

    private static List<Map<?, ?>> stateMaps(Optimizer optimizer) {
        List<Map<?, ?>> maps = new ArrayList<>();
        for (Class<?> type = optimizer.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && Map.class.isAssignableFrom(field.getType())
                        && read(optimizer, field) instanceof Map<?, ?> map) {
                    maps.add(map);
                }
            }
        }
        return maps;
    }

    /** The private field {@code name} of {@code type} in {@code owner}; an IllegalStateException naming it if DJL has none. */
    static Object read(Object owner, Class<?> type, String name) {
        try {
            return read(owner, type.getDeclaredField(name));
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(type.getName() + " has no field '" + name + "' (the course reads it in "
                    + "DJL 0.36 to free the trainer's native memory); update dlcourse.train.TrainerResources", e);
        }
    }

    private static Object read(Object owner, Field field) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + field + " (the course reads it to free the trainer's "
                    + "native memory): " + e, e);
        }
    }
}

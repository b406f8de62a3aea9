package dlcourse.train;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Locale;

/**
 * Refuses an optimiser whose settings cannot train: a learning rate that is NaN, infinite or
 * negative, a momentum or beta outside [0, 1), an epsilon that is not positive, a negative weight
 * decay. DJL's builders accept all of them, and training then quietly fills the weights with NaN;
 * checked when the trainer is made, the learner gets a message that names the setting and its
 * value before anything runs. DJL keeps these settings in private fields of its optimisers, so
 * they are read by their names in DJL 0.36; a setting an optimiser does not have is not checked.
 */
final class OptimizerSettings {

    /** Learning-rate schedules are looked at after these numbers of updates. */
    private static final int[] UPDATES = {1, 10, 100, 1_000, 10_000, 100_000};

    private OptimizerSettings() {
    }

    /** Throws, naming the setting and its value, unless every setting of {@code optimizer} can train. */
    static void check(Optimizer optimizer) {
        String name = optimizer.getClass().getSimpleName();
        for (Class<?> type = optimizer.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value = read(field, optimizer);
                if (value instanceof Tracker tracker) {
                    checkLearningRate(name, tracker);
                } else if (value instanceof Float setting) {
                    checkSetting(name, field.getName(), setting);
                }
            }
        }
    }

    private static void checkLearningRate(String optimizer, Tracker tracker) {
        for (int update : UPDATES) {
            float rate = tracker.getNewValue(update);
            if (!Float.isFinite(rate) || rate < 0) {
                throw new IllegalArgumentException(optimizer + "'s learning rate is " + rate + " at update " + update
                        + (rate < 0 ? ": a negative rate climbs the loss instead of descending it" : "")
                        + "; give the optimiser a positive, finite rate, for example Tracker.fixed(0.01f)");
            }
        }
    }

    private static void checkSetting(String optimizer, String setting, float value) {
        String range = switch (setting) {
            case "momentum", "beta1", "beta2", "rho" -> value >= 0 && value < 1 ? null : "in [0, 1)";
            case "epsilon", "rescaleGrad" -> value > 0 && Float.isFinite(value) ? null : "positive and finite";
            case "weightDecays" -> value >= 0 && Float.isFinite(value) ? null : "0 or more, and finite";
            default -> Float.isNaN(value) ? "a number" : null;
        };
        if (range != null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s's %s is %s; it must be %s",
                    optimizer, setting.equals("weightDecays") ? "weight decay" : setting, value, range));
        }
    }

    /** The field's value, or null where the runtime does not let it be read. */
    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            return null;
        }
    }
}

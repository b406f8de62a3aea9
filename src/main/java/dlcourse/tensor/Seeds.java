package dlcourse.tensor;

import ai.djl.engine.Engine;
import java.util.Random;

/** One seed for everything random in a notebook, so a re-run gives the same numbers. */
public final class Seeds {

    private static Random random = new Random(0);

    private Seeds() {
    }

    /** Seeds the engine's random number generator and the course's Java {@link Random}. */
    public static void set(long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        random = new Random(seed);
    }

    /** The Java random generator seeded by {@link #set(long)}, for shuffles and samples done in Java. */
    public static Random random() {
        return random;
    }
}

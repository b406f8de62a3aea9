package dlcourse.exercises;

import dlcourse.notebook.Course;
import java.util.function.BooleanSupplier;

/** Runs a checker as a Chinese notebook does (after {@code Course.language("zh")}), then back to English. */
final class Chinese {

    private Chinese() {
    }

    static Printed run(BooleanSupplier checker) {
        Course.language("zh");
        try {
            return Printed.run(checker);
        } finally {
            Course.language("en");
        }
    }
}

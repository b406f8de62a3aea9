package dlcourse.exercises;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/** Runs a checker, capturing the line it prints, so tests can assert both its verdict and its message. */
record Printed(boolean passed, String text) {

    static Printed run(BooleanSupplier checker) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        boolean passed;
        try {
            passed = checker.getAsBoolean();
        } finally {
            System.setOut(original);
        }
        return new Printed(passed, bytes.toString(StandardCharsets.UTF_8));
    }

    boolean right() {
        return passed && text.startsWith("✔");
    }

    boolean wrong() {
        return !passed && text.startsWith("✘");
    }

    boolean unanswered() {
        return !passed && text.startsWith("…") && text.contains("not answered yet");
    }
}

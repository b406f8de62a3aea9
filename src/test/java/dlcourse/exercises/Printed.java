package dlcourse.exercises;

import java.util.function.BooleanSupplier;

/** Runs a checker, capturing the line it prints, so tests can assert both its verdict and its message. */
record Printed(boolean passed, String text) {

    static Printed run(BooleanSupplier checker) {
        boolean[] passed = new boolean[1];
        String text = dlcourse.SystemOut.capture(() -> passed[0] = checker.getAsBoolean());
        return new Printed(passed[0], text);
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

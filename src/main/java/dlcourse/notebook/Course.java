package dlcourse.notebook;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Course-wide settings a notebook reads: its language, fast mode, where the project lives, where data is.
 *
 * <p>The language ({@link #language(String)}: "en", the default, or "zh") is the one everything the
 * library prints or draws speaks (see {@link Messages}); a Chinese notebook sets it in its first cell.
 *
 * <p>Fast mode ({@code DLCOURSE_FAST=1}, set by {@code ./course test}) shrinks epochs and data
 * so every notebook runs in seconds; {@link #pick(int, int)} chooses the size for the mode.
 */
public final class Course {

    /** The languages with a message table (dlcourse/messages_CODE.properties). */
    private static final java.util.Set<String> LANGUAGES = java.util.Set.of("en", "zh");

    private static NDManager notebookManager;
    private static volatile String language = "en";

    private Course() {
    }

    /**
     * Sets the language of everything the library prints or draws from now on: "en" (the default)
     * or "zh". A Chinese notebook's first code cell starts with {@code Course.language("zh");}.
     */
    public static void language(String code) {
        language = checkedLanguage(code);
    }

    /** The current language's code, "en" or "zh". */
    public static String language() {
        return language;
    }

    static String checkedLanguage(String code) {
        if (code == null || !LANGUAGES.contains(code)) {
            throw new IllegalArgumentException("the course speaks \"en\" and \"zh\", not "
                    + (code == null ? "null" : "\"" + code + "\"") + "; call Course.language(\"en\") or Course.language(\"zh\")");
        }
        return code;
    }

    /**
     * A new NDManager for a notebook's arrays. It closes the one the previous call made, so that
     * re-running the cell frees the native memory of the old arrays instead of leaking it, and then
     * collects the Java heap: the previous run's objects are garbage now, and a collection here
     * lets the JVM give their memory back before the next run grows it again (the kernel's
     * MaxHeapFreeRatio), so that every "Run All" starts from the same heap.
     */
    public static synchronized NDManager newManager() {
        if (notebookManager != null) {
            notebookManager.close();
            System.gc();
        }
        notebookManager = NDManager.newBaseManager();
        return notebookManager;
    }

    /** True when {@code DLCOURSE_FAST} is set to 1, true or yes. */
    public static boolean isFast() {
        String value = System.getenv("DLCOURSE_FAST");
        if (value == null) {
            value = System.getProperty("dlcourse.fast", "");
        }
        value = value.trim().toLowerCase(Locale.ROOT);
        return value.equals("1") || value.equals("true") || value.equals("yes");
    }

    /** Returns {@code fast} in fast mode and {@code full} otherwise. */
    public static int pick(int fast, int full) {
        return isFast() ? fast : full;
    }

    /** Returns {@code fast} in fast mode and {@code full} otherwise. */
    public static double pick(double fast, double full) {
        return isFast() ? fast : full;
    }

    /** "fast" or "full" (a code, in every language; {@link #summary()} prints it in the course's language). */
    public static String mode() {
        return isFast() ? "fast" : "full";
    }

    /**
     * The course's top folder: {@code DLCOURSE_HOME} (the kernelspec sets it), else the
     * nearest folder above the working directory that holds the {@code course} launcher.
     */
    public static Path home() {
        String env = System.getenv("DLCOURSE_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("course")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return dir;
    }

    /** The user's data folder from {@code DLCOURSE_DATA}, or null when it is not set. */
    public static Path userDataDir() {
        String env = System.getenv("DLCOURSE_DATA");
        return env == null || env.isBlank() ? null : Path.of(env).toAbsolutePath().normalize();
    }

    /** One line that says what this kernel runs with; notebooks print it in their first code cell. */
    public static String summary() {
        return Messages.text("course.summary", Messages.text("course.mode." + mode()), Runtime.version().feature(),
                engineName(), home());
    }

    private static String engineName() {
        ai.djl.engine.Engine engine = ai.djl.engine.Engine.getInstance();
        return engine.getEngineName() + " " + engine.getVersion();
    }
}

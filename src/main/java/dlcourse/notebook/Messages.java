package dlcourse.notebook;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the library prints or draws, in the notebook's language: Check's and the exercise
 * checkers' verdicts, training progress and its messages, the charts' default titles and labels,
 * {@link Course#summary()}.
 *
 * <p>One table per language, {@code dlcourse/messages_en.properties} and
 * {@code dlcourse/messages_zh.properties} on the class path (UTF-8). A value is a
 * {@link java.util.Formatter} pattern, formatted with {@link Locale#ROOT} so that numbers read
 * {@code 0.50} in every language; both tables hold the same keys with the same %-specifiers (a test
 * checks it), and there is no fallback from one language to the other. The library's keys
 * ({@code check.…}, {@code exercise.…}, {@code course.…}, {@code train.…}, {@code plot.…}) sit in the
 * tables' "library" section, chapter NN's exercise checkers' keys ({@code chNN.<exercise>.<what>}) in
 * its "chapter NN" section.
 *
 * <pre>
 * Course.language("zh");                                  // a Chinese notebook's first line
 * Messages.text("check.failed", "the loss is finite");   // "检查未通过：the loss is finite"
 * </pre>
 */
public final class Messages {

    private static final Map<String, Properties> TABLES = new ConcurrentHashMap<>();

    private Messages() {
    }

    /** The message {@code key} in the language {@link Course#language()} names, with {@code args} filled in. */
    public static String text(String key, Object... args) {
        String language = Course.language();
        String pattern = loaded(language).getProperty(key);
        if (pattern == null) {
            throw new IllegalArgumentException("no message \"" + key + "\" in " + file(language)
                    + "; add it there and, with the same %-specifiers, to every messages_*.properties");
        }
        return String.format(Locale.ROOT, pattern, args);
    }

    /**
     * A name the library shows as a table header, chart axis or legend entry, such as the metric
     * "train loss": the table's {@code term.<name, with _ for each space>} in the course's language
     * ({@code term.train_loss=训练损失}), or {@code name} as given where the tables have no such term
     * (a name the notebook chose, which the notebook translates itself). Code keeps using the
     * English name; only what is shown changes.
     */
    public static String term(String name) {
        String shown = loaded(Course.language()).getProperty("term." + name.replace(' ', '_'));
        return shown == null ? name : shown;
    }

    /** The class-path name of a language's table, e.g. {@code dlcourse/messages_zh.properties}. */
    public static String file(String language) {
        return "dlcourse/messages_" + Course.checkedLanguage(language) + ".properties";
    }

    /** Every key and pattern of a language's table, as read from its file (a copy: changing it changes nothing). */
    public static Properties table(String language) {
        Properties copy = new Properties();
        copy.putAll(loaded(language));
        return copy;
    }

    private static Properties loaded(String language) {
        return TABLES.computeIfAbsent(Course.checkedLanguage(language), Messages::load);
    }

    private static Properties load(String language) {
        String file = file(language);
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is not on the class path; rebuild the library with ./course setup");
            }
            Properties table = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                table.load(reader);
            }
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}

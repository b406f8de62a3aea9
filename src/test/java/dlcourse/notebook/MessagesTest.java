package dlcourse.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessagesTest {

    /** A java.util.Formatter specifier: index, flags, width, precision, conversion. */
    private static final Pattern SPECIFIER = Pattern.compile("%(\\d+\\$|<)?([-#+ 0,(]*)(\\d+)?(\\.\\d+)?([tT]?[a-zA-Z%])");
    private static final Pattern KEY_LINE = Pattern.compile("^([A-Za-z0-9_.]+)\\s*[=:]");

    @AfterEach
    void backToEnglish() {
        Course.language("en");
    }

    @Test
    void englishIsTheDefaultAndALanguageCanBeChosen() {
        assertEquals("en", Course.language());
        assertEquals("Check failed: the loss is finite", Messages.text("check.failed", "the loss is finite"));
        Course.language("zh");
        assertEquals("zh", Course.language());
        assertEquals("检查未通过：the loss is finite", Messages.text("check.failed", "the loss is finite"));
    }

    @Test
    void numbersAreFormattedTheSameInEveryLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("loss is 1.50000, expected 1.00000 (tolerance 0.10)",
                    Messages.text("exercise.close", "loss", 1.5, 1.0, 0.1));
            Course.language("zh");
            assertEquals("loss 为 1.50000，应为 1.00000（容差 0.10）", Messages.text("exercise.close", "loss", 1.5, 1.0, 0.1));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void aTermIsShownInTheCourseLanguageAndANameWithoutATermAsGiven() {
        assertEquals("train loss", Messages.term("train loss"));
        Course.language("zh");
        assertEquals("训练损失", Messages.term("train loss"));
        assertEquals("轮", Messages.term("epoch"));
        assertEquals("my own metric", Messages.term("my own metric"));
    }

    @Test
    void anUnknownLanguageNamesTheValidOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Course.language("fr"));
        assertEquals("the course speaks \"en\" and \"zh\", not \"fr\"; call Course.language(\"en\") or Course.language(\"zh\")",
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Course.language(null));
        assertThrows(IllegalArgumentException.class, () -> Messages.table("de"));
        assertEquals("en", Course.language(), "a refused language leaves the current one");
    }

    @Test
    void aMissingKeyNamesTheKeyAndTheFile() {
        Course.language("zh");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Messages.text("check.noSuchMessage"));
        assertEquals("no message \"check.noSuchMessage\" in dlcourse/messages_zh.properties; add it there and,"
                + " with the same %-specifiers, to every messages_*.properties", error.getMessage());
    }

    @Test
    void bothTablesHaveTheSameKeys() {
        Set<String> english = new TreeSet<>(Messages.table("en").stringPropertyNames());
        Set<String> chinese = new TreeSet<>(Messages.table("zh").stringPropertyNames());
        Set<String> onlyEnglish = new TreeSet<>(english);
        onlyEnglish.removeAll(chinese);
        Set<String> onlyChinese = new TreeSet<>(chinese);
        onlyChinese.removeAll(english);
        assertEquals(Set.of(), onlyEnglish, "keys in messages_en.properties missing from messages_zh.properties");
        assertEquals(Set.of(), onlyChinese, "keys in messages_zh.properties missing from messages_en.properties");
        assertTrue(english.contains("check.failed"), "the tables were read");
    }

    @Test
    void everyKeyHasTheSameSpecifiersForTheSameArgumentsInBothTables() {
        Properties english = Messages.table("en");
        Properties chinese = Messages.table("zh");
        List<String> differ = new ArrayList<>();
        for (String key : new TreeSet<>(english.stringPropertyNames())) {
            String zh = chinese.getProperty(key);
            if (zh != null && !specifiers(english.getProperty(key)).equals(specifiers(zh))) {
                differ.add(key + ": en " + specifiers(english.getProperty(key)) + ", zh " + specifiers(zh));
            }
        }
        assertEquals(List.of(), differ, "keys whose %-specifiers differ between the languages");
    }

    @Test
    void specifiersAreComparedByArgument() {
        assertEquals(specifiers("%s got %.3g"), specifiers("得到 %2$.3g，%1$s"), "explicit indexes may reorder");
        assertTrue(!specifiers("%s got %.3g").equals(specifiers("%s got %.2f")), "a different precision differs");
        assertTrue(!specifiers("%s and %d").equals(specifiers("%s")), "a lost argument differs");
        assertEquals(specifiers("100%% of %s%n"), specifiers("%s 的 100%%"), "%% and %n take no argument");
    }

    @Test
    void eachKeySitsInItsSectionInBothFiles() throws IOException {
        for (String language : List.of("en", "zh")) {
            String section = "";
            List<String> misplaced = new ArrayList<>();
            for (String line : read(Messages.file(language)).split("\n")) {
                if (line.startsWith("# library:")) {
                    section = "library";
                } else if (line.startsWith("# chapter ")) {
                    section = "ch" + line.substring("# chapter ".length(), "# chapter ".length() + 2);
                }
                Matcher key = KEY_LINE.matcher(line);
                if (key.find()) {
                    boolean chapterKey = key.group(1).matches("ch\\d\\d\\..+");
                    boolean placed = chapterKey ? key.group(1).startsWith(section + ".") : section.equals("library");
                    if (!placed) {
                        misplaced.add(key.group(1) + " under " + (section.isEmpty() ? "no section" : section));
                    }
                }
            }
            assertEquals(List.of(), misplaced, "chNN.* keys belong under '# chapter NN', the others under '# library' in "
                    + Messages.file(language));
        }
    }

    /** For each argument index, the specifiers that format it (flags, width, precision, conversion). */
    private static Map<Integer, Set<String>> specifiers(String pattern) {
        Map<Integer, Set<String>> byArgument = new TreeMap<>();
        Matcher m = SPECIFIER.matcher(pattern);
        int ordinary = 0;
        int last = 0;
        while (m.find()) {
            String conversion = m.group(5);
            if (conversion.equals("%") || conversion.equals("n")) {
                continue;
            }
            String index = m.group(1);
            int argument = index == null ? ++ordinary : index.equals("<") ? last : Integer.parseInt(index.substring(0, index.length() - 1));
            last = argument;
            String spec = m.group(2) + (m.group(3) == null ? "" : m.group(3)) + (m.group(4) == null ? "" : m.group(4)) + conversion;
            byArgument.computeIfAbsent(argument, a -> new TreeSet<>()).add(spec);
        }
        return byArgument;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

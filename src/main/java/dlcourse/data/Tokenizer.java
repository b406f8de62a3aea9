package dlcourse.data;

import java.util.List;
import java.util.Locale;

/**
 * Splits text into tokens and joins tokens back into text. {@link #characters()} makes one
 * token per character, {@link #words()} one per word; {@link #simplify(String)} is the usual
 * first step, which keeps only lower-case letters and single spaces.
 *
 * <pre>
 * String text = Tokenizer.simplify("ABASEMENT, n.  A decent ...");   // "abasement n a decent"
 * Tokenizer.words().tokenize(text);                                  // [abasement, n, a, decent]
 * Tokenizer.characters().tokenize("a b");                            // [a,  , b]
 * </pre>
 */
public interface Tokenizer {

    /** The tokens of {@code text}, in order. */
    List<String> tokenize(String text);

    /** The text that {@code tokens} stand for (the inverse of tokenize on simplified text). */
    String join(List<String> tokens);

    /** One token per character (Unicode code point). */
    static Tokenizer characters() {
        return Characters.INSTANCE;
    }

    /** One token per run of characters between spaces. */
    static Tokenizer words() {
        return Words.INSTANCE;
    }

    /** Lower case, every run of characters other than the letters a to z turned into one space, trimmed. */
    static String simplify(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ").strip();
    }

    /** One token per character. */
    final class Characters implements Tokenizer {
        private static final Characters INSTANCE = new Characters();

        private Characters() {
        }

        @Override
        public List<String> tokenize(String text) {
            return text.codePoints().mapToObj(Character::toString).toList();
        }

        @Override
        public String join(List<String> tokens) {
            return String.join("", tokens);
        }

        @Override
        public String toString() {
            return "character tokenizer";
        }
    }

    /** One token per word, words separated by whitespace. */
    final class Words implements Tokenizer {
        private static final Words INSTANCE = new Words();

        private Words() {
        }

        @Override
        public List<String> tokenize(String text) {
            String trimmed = text.strip();
            return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
        }

        @Override
        public String join(List<String> tokens) {
            return String.join(" ", tokens);
        }

        @Override
        public String toString() {
            return "word tokenizer";
        }
    }
}

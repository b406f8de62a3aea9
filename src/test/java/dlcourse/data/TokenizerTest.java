package dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void simplifyKeepsLowerCaseLettersAndSingleSpaces() {
        assertEquals("abasement n a decent attitude", Tokenizer.simplify("ABASEMENT, n.  A decent\nattitude. "));
        assertEquals("", Tokenizer.simplify(" 1906 -- !"));
        assertEquals("", Tokenizer.simplify(""));
    }

    @Test
    void charactersGiveOneTokenPerCharacterAndJoinBack() {
        Tokenizer characters = Tokenizer.characters();
        assertEquals(List.of("a", " ", "b", "c"), characters.tokenize("a bc"));
        assertEquals("a bc", characters.join(characters.tokenize("a bc")));
        assertEquals(List.of(), characters.tokenize(""));
        assertEquals(List.of("\uD83D\uDE00"), characters.tokenize("\uD83D\uDE00"), "a character outside the BMP is one token");
    }

    @Test
    void wordsSplitOnWhitespaceAndJoinWithSpaces() {
        Tokenizer words = Tokenizer.words();
        assertEquals(List.of("the", "devil", "s"), words.tokenize("  the devil\n s "));
        assertEquals("the devil s", words.join(words.tokenize("the devil s")));
        assertEquals(List.of(), words.tokenize("   "));
        assertEquals(List.of(), words.tokenize(""));
    }
}

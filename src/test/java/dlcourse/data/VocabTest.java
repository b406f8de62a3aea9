package dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VocabTest {

    private static final List<String> TOKENS = List.of("b", "a", "c", "a", "b", "a", "d");

    @Test
    void unknownAndPaddingComeFirstThenTokensByFrequency() {
        Vocab vocab = Vocab.of(TOKENS);
        assertEquals(List.of(Vocab.UNKNOWN, Vocab.PADDING, "a", "b", "c", "d"), vocab.tokens());
        assertEquals(6, vocab.size());
        assertEquals(0, vocab.unknownIndex());
        assertEquals(1, vocab.paddingIndex());
        assertEquals(2, vocab.index("a"));
        assertEquals(3, vocab.index("b"));
    }

    @Test
    void unknownTokensMapToTheUnknownIndex() {
        Vocab vocab = Vocab.of(TOKENS);
        assertEquals(0, vocab.index("z"));
        assertFalse(vocab.contains("z"));
        assertTrue(vocab.contains("a"));
        assertEquals(List.of("a", Vocab.UNKNOWN), vocab.tokens(vocab.indices(List.of("a", "z"))));
    }

    @Test
    void frequenciesCountEveryTokenMostFrequentFirst() {
        Vocab vocab = Vocab.of(TOKENS);
        assertEquals(3, vocab.frequency("a"));
        assertEquals(2, vocab.frequency("b"));
        assertEquals(0, vocab.frequency("z"));
        assertEquals(List.of(Map.entry("a", 3), Map.entry("b", 2), Map.entry("c", 1), Map.entry("d", 1)),
                vocab.frequencies());
    }

    @Test
    void roundTripGivesTheTokensBack() {
        Vocab vocab = Vocab.of(TOKENS);
        int[] indices = vocab.indices(TOKENS);
        assertArrayEquals(new int[] {3, 2, 4, 2, 3, 2, 5}, indices);
        assertEquals(TOKENS, vocab.tokens(indices));
    }

    @Test
    void rareTokensBecomeUnknownAndReservedTokensFollowPadding() {
        Vocab vocab = Vocab.of(TOKENS, 2, "<bos>", "<eos>");
        assertEquals(List.of(Vocab.UNKNOWN, Vocab.PADDING, "<bos>", "<eos>", "a", "b"), vocab.tokens());
        assertEquals(vocab.unknownIndex(), vocab.index("c"));
        assertEquals(1, vocab.frequency("c"), "frequencies still count the rare tokens");
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Vocab.of(List.of())).getMessage().contains("empty"));
        assertThrows(IllegalArgumentException.class, () -> Vocab.of(TOKENS, 0));
        assertThrows(IllegalArgumentException.class, () -> Vocab.of(TOKENS, 1, Vocab.PADDING));
        Vocab vocab = Vocab.of(TOKENS);
        String message = assertThrows(IllegalArgumentException.class, () -> vocab.token(6)).getMessage();
        assertTrue(message.contains("index 6") && message.contains("0 to 5"), message);
        assertThrows(IllegalArgumentException.class, () -> vocab.token(-1));
    }
}

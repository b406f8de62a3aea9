package dlcourse.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dlcourse.data.Vocab;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordVectorsTest {

    // Vocabulary order: <unk>, <pad>, then by frequency: a (3), b (2), c (1), d (1).
    private static final Vocab VOCAB = Vocab.of(List.of("a", "a", "a", "b", "b", "c", "d"));

    private static WordVectors words(NDManager manager) {
        NDArray vectors = manager.create(new float[][] {
            {1, 0}, {1, 0},          // <unk> and <pad> point where a does: they must never be answers
            {3, 0}, {1, 1}, {0, 2}, {-1, 0}});
        return new WordVectors(VOCAB, vectors);
    }

    @Test
    void cosineSimilarityIsWorkedOutByHand() {
        try (NDManager manager = NDManager.newBaseManager()) {
            WordVectors words = words(manager);
            assertEquals(Math.sqrt(0.5), words.similarity("a", "b"), 1e-6);   // (1,0).(1,1)/sqrt 2
            assertEquals(0, words.similarity("a", "c"), 1e-6);
            assertEquals(-1, words.similarity("a", "d"), 1e-6);
            assertArrayEquals(new float[] {(float) Math.sqrt(0.5), -1},
                    words.similarities(new int[] {2, 2}, new int[] {3, 5}).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void nearestLeavesOutTheWordAndTheSpecialTokens() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<WordVectors.Neighbour> nearest = words(manager).nearest("a", 3);
            assertEquals(List.of("b", "c", "d"), nearest.stream().map(WordVectors.Neighbour::word).toList());
            assertEquals(Math.sqrt(0.5), nearest.get(0).similarity(), 1e-6);
        }
    }

    @Test
    void analogyIsVectorArithmetic() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // a, b and c are left out of the answers, so of the words only d remains.
            List<WordVectors.Neighbour> answer = words(manager).analogy("a", "b", "c", 1);
            assertEquals("d", answer.get(0).word());
        }
    }

    @Test
    void badInputIsExplained() {
        try (NDManager manager = NDManager.newBaseManager()) {
            WordVectors words = words(manager);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> words.nearest("zebra", 2));
            assertTrue(e.getMessage().contains("'zebra' is not in the vocabulary"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new WordVectors(VOCAB, manager.ones(new ai.djl.ndarray.types.Shape(3, 2))));
            assertThrows(IllegalArgumentException.class, () -> words.similarities(new int[] {2}, new int[] {2, 3}));
        }
    }
}

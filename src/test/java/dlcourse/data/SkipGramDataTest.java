package dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SkipGramDataTest {

    @Test
    void sentencesAreVocabularyIndicesWithUnknownWordsDropped() {
        Vocab vocab = Vocab.of(List.of("the", "cat", "the", "dog", "cat", "the"), 2);   // the=2, cat=3; dog unknown
        int[][] sentences = SkipGramData.sentences(List.of("The cat, the DOG.", "dog"), vocab);
        assertArrayEquals(new int[] {2, 3, 2}, sentences[0]);
        assertArrayEquals(new int[] {}, sentences[1]);
    }

    @Test
    void windowOfOnePairsEachWordWithItsNeighbours() {
        // maxWindow 1: every center's window is exactly 1, whatever the random draw.
        SkipGramData pairs = SkipGramData.of(new int[][] {{5, 6, 7}, {8}}, 1, new Random(0));
        assertArrayEquals(new int[] {5, 6, 6, 7}, pairs.centers());
        assertArrayEquals(new int[] {6, 5, 7, 6}, pairs.contexts());
        assertEquals(4, pairs.size());
    }

    @Test
    void windowsAreDrawnBetweenOneAndTheMaximum() {
        int[] sentence = new int[50];
        for (int i = 0; i < sentence.length; i++) {
            sentence[i] = i;
        }
        SkipGramData pairs = SkipGramData.of(new int[][] {sentence}, 3, new Random(1));
        int[] centers = pairs.centers();
        int[] contexts = pairs.contexts();
        for (int i = 0; i < pairs.size(); i++) {
            int distance = Math.abs(centers[i] - contexts[i]);
            assertTrue(distance >= 1 && distance <= 3, "distance " + distance);
        }
        // A full window of 3 on both sides would give 6 pairs per inner word; a random one gives fewer.
        assertTrue(pairs.size() > 2 * 50 && pairs.size() < 6 * 50, "pairs " + pairs.size());
    }

    @Test
    void keepProbabilityIsTheSquareRootOfThresholdOverFrequency() {
        // Word 2 is 8 of 10 words (f = 0.8), word 3 is 2 of 10 (f = 0.2), word 4 never occurs.
        int[][] sentences = {{2, 2, 2, 2, 3}, {2, 2, 2, 2, 3}};
        double[] keep = SkipGramData.keepProbabilities(sentences, 5, 0.05);
        assertEquals(Math.sqrt(0.05 / 0.8), keep[2], 1e-12);   // 0.25
        assertEquals(0.5, keep[3], 1e-12);                     // sqrt(0.05 / 0.2)
        assertEquals(1, keep[4], 1e-12);
        assertEquals(1, SkipGramData.keepProbabilities(sentences, 5, 1)[3], 1e-12);   // capped at 1
        assertThrows(IllegalArgumentException.class, () -> SkipGramData.keepProbabilities(sentences, 5, 0));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> SkipGramData.keepProbabilities(sentences, 3, 0.01));
        assertTrue(outside.getMessage().contains("index 3"), outside.getMessage());
    }

    @Test
    void subsamplingKeepsAboutTheExpectedShare() {
        int[] sentence = new int[10_000];
        java.util.Arrays.fill(sentence, 2);
        double[] keep = {1, 1, 0.25};
        int kept = SkipGramData.subsample(new int[][] {sentence}, keep, new Random(3))[0].length;
        assertEquals(2500, kept, 150);
        int[][] all = SkipGramData.subsample(new int[][] {{0, 1, 0}}, keep, new Random(3));
        assertArrayEquals(new int[] {0, 1, 0}, all[0]);
    }

    @Test
    void mostFrequentPairsCountBothOrdersAndSkipTheCommonestWords() {
        SkipGramData pairs = SkipGramData.of(new int[][] {{2, 5, 6, 5, 6}}, 1, new Random(0));
        // Pairs: 2-5, 5-2, 5-6, 6-5, 6-5, 5-6, 5-6, 6-5: {5,6} eight times, {2,5} twice.
        List<int[]> top = pairs.mostFrequentPairs(5, 0);
        assertArrayEquals(new int[] {5, 6, 6}, top.get(0));
        assertArrayEquals(new int[] {2, 5, 2}, top.get(1));
        assertEquals(2, top.size());
        assertEquals(1, pairs.mostFrequentPairs(5, 3).size());
    }

    @Test
    void badInputIsExplained() {
        assertThrows(IllegalArgumentException.class, () -> SkipGramData.of(new int[][] {{1, 2}}, 0, new Random(0)));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> SkipGramData.of(new int[][] {{1}, {}}, 2, new Random(0)));
        assertTrue(none.getMessage().contains("fewer than 2 words"), none.getMessage());
    }
}

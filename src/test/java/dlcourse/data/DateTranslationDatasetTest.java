package dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DateTranslationDatasetTest {

    private static final DateTranslationDataset DATES = DateTranslationDataset.generate(2000, 7);

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOtherData() {
        DateTranslationDataset again = DateTranslationDataset.generate(2000, 7);
        DateTranslationDataset other = DateTranslationDataset.generate(2000, 8);
        for (DateTranslationDataset.Split split : DateTranslationDataset.Split.values()) {
            assertEquals(DATES.examples(split), again.examples(split));
            assertNotEquals(DATES.examples(split), other.examples(split));
        }
        assertEquals(DATES.sourceVocab().tokens(), again.sourceVocab().tokens());
    }

    @Test
    void splitsAreEightyTenTenAndShareNoDate() {
        assertEquals(1600, DATES.examples(DateTranslationDataset.Split.TRAIN).size());
        assertEquals(200, DATES.examples(DateTranslationDataset.Split.VALIDATION).size());
        assertEquals(200, DATES.examples(DateTranslationDataset.Split.TEST).size());
        Set<LocalDate> seen = new HashSet<>();
        for (DateTranslationDataset.Split split : DateTranslationDataset.Split.values()) {
            for (DateTranslationDataset.Example example : DATES.examples(split)) {
                assertTrue(seen.add(example.date()), example.date() + " is in two examples");
            }
        }
    }

    @Test
    void everyTargetIsIsoAndParsesBackToItsDate() {
        for (DateTranslationDataset.Example example : DATES.examples(DateTranslationDataset.Split.TRAIN)) {
            assertEquals(example.date(), LocalDate.parse(example.target()));
            assertEquals(DateTranslationDataset.DATE_LENGTH, example.target().length());
        }
    }

    @Test
    void everyLanguageAppearsAndWritesTheYear() {
        Set<String> languages = new HashSet<>();
        for (DateTranslationDataset.Example example : DATES.examples(DateTranslationDataset.Split.TRAIN)) {
            languages.add(example.language());
            assertTrue(example.source().contains(String.valueOf(example.date().getYear())), example.source());
        }
        assertEquals(Set.copyOf(DateTranslationDataset.languages()), languages);
        assertEquals(List.of("English", "French", "German", "Spanish", "Chinese"), DateTranslationDataset.languages());
    }

    @Test
    void arraysArePaddedAndCarryValidLengths() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<DateTranslationDataset.Example> two = DATES.examples(DateTranslationDataset.Split.TEST).subList(0, 2);
            DateTranslationDataset.Arrays arrays = DATES.arrays(manager, two);
            int steps = DATES.sourceSteps();
            assertEquals(new Shape(2, steps), arrays.sources().getShape());
            assertEquals(new Shape(2, 11), arrays.targetInputs().getShape());
            assertEquals(new Shape(2, 11), arrays.targetOutputs().getShape());
            int[] lengths = arrays.sourceValidLengths().toIntArray();
            int[] sources = arrays.sources().toIntArray();
            for (int i = 0; i < 2; i++) {
                String source = two.get(i).source();
                assertEquals(source.codePointCount(0, source.length()), lengths[i]);
                for (int t = lengths[i]; t < steps; t++) {
                    assertEquals(DATES.sourceVocab().paddingIndex(), sources[i * steps + t]);
                }
            }
            int[] inputs = arrays.targetInputs().toIntArray();
            int[] outputs = arrays.targetOutputs().toIntArray();
            Vocab target = DATES.targetVocab();
            assertEquals(target.index(DateTranslationDataset.BEGIN), inputs[0]);
            assertEquals(target.index(DateTranslationDataset.END), outputs[10]);
            assertArrayEquals(java.util.Arrays.copyOfRange(inputs, 1, 11), java.util.Arrays.copyOfRange(outputs, 0, 10));
            assertEquals(two.get(0).target(), DATES.decodeTarget(java.util.Arrays.copyOfRange(outputs, 0, 11)));
            assertArrayEquals(new int[] {11, 11}, arrays.targetValidLengths().toIntArray());
        }
    }

    @Test
    void decodingStopsAtEndAndDropsSpecialTokens() {
        Vocab target = DATES.targetVocab();
        int[] indices = {target.index(DateTranslationDataset.BEGIN), target.index("1"), target.index("-"),
            target.index(DateTranslationDataset.END), target.index("2")};
        assertEquals("1-", DATES.decodeTarget(indices));
    }

    @Test
    void tooFewOrTooManyDatesAreRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DateTranslationDataset.generate(5, 1));
        assertTrue(error.getMessage().contains("asked for 5"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DateTranslationDataset.generate(40_000, 1));
        assertThrows(IllegalArgumentException.class, () -> DateTranslationDataset.patterns("Klingon"));
    }
}

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

    @Test
    void listsHoldOneToMaxDatesInOneLanguageAndPatternAndShareNoDate() {
        DateTranslationDataset lists = DateTranslationDataset.generate(600, 3, 3);
        assertEquals(3, lists.maxDates());
        assertEquals(33, lists.targetSteps());
        assertTrue(lists.targetVocab().tokens().contains(DateTranslationDataset.TARGET_SEPARATOR));
        Set<LocalDate> seen = new HashSet<>();
        Set<Integer> counts = new HashSet<>();
        for (DateTranslationDataset.Split split : DateTranslationDataset.Split.values()) {
            for (DateTranslationDataset.Example example : lists.examples(split)) {
                List<LocalDate> dates = example.dates();
                counts.add(dates.size());
                String[] sources = example.source().split(DateTranslationDataset.SOURCE_SEPARATOR);
                String[] targets = example.target().split(DateTranslationDataset.TARGET_SEPARATOR);
                assertEquals(dates.size(), sources.length, example.source());
                assertEquals(dates.size(), targets.length, example.target());
                for (int i = 0; i < dates.size(); i++) {
                    assertTrue(seen.add(dates.get(i)), dates.get(i) + " is in two examples");
                    assertEquals(dates.get(i), LocalDate.parse(targets[i]));
                    assertTrue(sources[i].contains(String.valueOf(dates.get(i).getYear())), sources[i]);
                }
                if (dates.size() > 1) {
                    IllegalStateException error = assertThrows(IllegalStateException.class, example::date);
                    assertTrue(error.getMessage().contains("dates()"), error.getMessage());
                }
            }
        }
        assertEquals(Set.of(1, 2, 3), counts);
    }

    @Test
    void listArraysPadDecoderInputsAndRepeatEndInOutputsWithElevenTokensPerDate() {
        DateTranslationDataset lists = DateTranslationDataset.generate(200, 4, 2);
        DateTranslationDataset.Example one = lists.examples(DateTranslationDataset.Split.TRAIN).stream()
                .filter(example -> example.dates().size() == 1).findFirst().orElseThrow();
        DateTranslationDataset.Example two = lists.examples(DateTranslationDataset.Split.TRAIN).stream()
                .filter(example -> example.dates().size() == 2).findFirst().orElseThrow();
        try (NDManager manager = NDManager.newBaseManager()) {
            DateTranslationDataset.Arrays arrays = lists.arrays(manager, List.of(one, two));
            assertEquals(new Shape(2, 22), arrays.targetInputs().getShape());
            assertArrayEquals(new int[] {11, 22}, arrays.targetValidLengths().toIntArray());
            Vocab target = lists.targetVocab();
            int[] inputs = arrays.targetInputs().toIntArray();
            int[] outputs = arrays.targetOutputs().toIntArray();
            for (int t = 11; t < 22; t++) {
                assertEquals(target.paddingIndex(), inputs[t], "decoder input " + t + " of a one-date example");
                assertEquals(target.index(DateTranslationDataset.END), outputs[t - 1], "output " + (t - 1));
            }
            assertEquals(target.index(DateTranslationDataset.END), outputs[21]);
            assertEquals(two.target(), lists.decodeTarget(java.util.Arrays.copyOfRange(outputs, 22, 44)));
            assertEquals(one.target(), lists.decodeTarget(java.util.Arrays.copyOfRange(outputs, 0, 22)));
            assertEquals(target.index(DateTranslationDataset.TARGET_SEPARATOR), outputs[22 + 10]);
        }
    }

    @Test
    void oneDatePerExampleIsTheDataSetWithoutListsAndItsTargetsHaveNoSeparator() {
        DateTranslationDataset single = DateTranslationDataset.generate(2000, 7, 1);
        for (DateTranslationDataset.Split split : DateTranslationDataset.Split.values()) {
            assertEquals(DATES.examples(split), single.examples(split));
        }
        assertEquals(DATES.targetVocab().tokens(), single.targetVocab().tokens());
        assertTrue(!DATES.targetVocab().tokens().contains(DateTranslationDataset.TARGET_SEPARATOR));
        assertEquals("2025-03-03", new DateTranslationDataset.Example("3 mars 2025", "2025-03-03", "French",
                List.of(LocalDate.of(2025, 3, 3))).date().toString());
    }

    @Test
    void listsThatNeedMoreDatesThanTheCenturyHoldAreRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DateTranslationDataset.generate(20_000, 1, 2));
        assertTrue(error.getMessage().contains("18262 examples of up to 2"), error.getMessage());
        assertTrue(error.getMessage().contains("fewer examples"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DateTranslationDataset.generate(100, 1, 0));
    }
}

package dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dlcourse.data.SequenceBatches.Batch;
import dlcourse.data.SequenceBatches.Partitioning;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SequenceBatchesTest {

    private NDManager manager;
    /** Token i of this corpus is i, so a batch shows where in the corpus it was cut. */
    private NDArray corpus;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        corpus = manager.arange(0, 100, 1, DataType.INT32);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private List<Batch> epoch(Partitioning partitioning, long seed) {
        return new SequenceBatches(corpus, 3, 5, partitioning, new Random(seed)).epoch(manager);
    }

    @ParameterizedTest
    @EnumSource(Partitioning.class)
    void batchesHaveTheirShapeAndTargetsAreInputsShiftedByOne(Partitioning partitioning) {
        for (long seed = 0; seed < 5; seed++) {
            List<Batch> batches = epoch(partitioning, seed);
            assertTrue(batches.size() == 6, "99 usable tokens give 6 batches of 3 x 5 from any offset 0..4, got "
                    + batches.size());
            for (Batch batch : batches) {
                assertEquals(new Shape(3, 5), batch.inputs().getShape());
                assertEquals(new Shape(3, 5), batch.targets().getShape());
                assertEquals(DataType.INT32, batch.inputs().getDataType());
                assertArrayEquals(batch.inputs().add(1).toIntArray(), batch.targets().toIntArray());
                NDArray steps = batch.inputs().get(":, 1:").sub(batch.inputs().get(":, :-1"));
                assertTrue(steps.eq(1).all().getBoolean(), "each row is consecutive tokens of the corpus");
            }
        }
    }

    @Test
    void randomPartitioningUsesDisjointSubsequencesFromOneOffsetInRandomOrder() {
        List<Batch> batches = epoch(Partitioning.RANDOM, 7);
        Set<Integer> starts = new HashSet<>();
        int offset = batches.get(0).inputs().getInt(0, 0) % 5;
        for (Batch batch : batches) {
            for (int start : batch.inputs().get(":, 0").toIntArray()) {
                assertEquals(offset, start % 5, "every subsequence starts at the epoch's offset plus a multiple of 5");
                assertTrue(starts.add(start), "subsequence " + start + " appears twice");
            }
        }
        List<Batch> again = epoch(Partitioning.RANDOM, 7);
        assertArrayEquals(batches.get(0).inputs().toIntArray(), again.get(0).inputs().toIntArray(), "same seed, same batches");
        List<Integer> firstStarts = starts.stream().sorted().toList();
        assertTrue(batches.get(0).inputs().getInt(0, 0) != firstStarts.get(0)
                || batches.get(0).inputs().getInt(1, 0) != firstStarts.get(1), "the subsequences are shuffled");
    }

    @Test
    void sequentialPartitioningContinuesEachRowInTheNextBatch() {
        List<Batch> batches = epoch(Partitioning.SEQUENTIAL, 3);
        for (int i = 1; i < batches.size(); i++) {
            NDArray previousEnd = batches.get(i - 1).inputs().get(":, -1");
            NDArray start = batches.get(i).inputs().get(":, 0");
            assertArrayEquals(previousEnd.add(1).toIntArray(), start.toIntArray());
        }
        NDArray firstColumn = batches.get(0).inputs().get(":, 0");
        assertArrayEquals(new int[] {0, 30, 60}, firstColumn.sub(firstColumn.getInt(0)).toIntArray(),
                "row b starts b * (99 - offset) / 3 tokens later, rounded down to whole batches");
    }

    @Test
    void batchesBelongToTheManagerGivenAndAreFreedWithIt() {
        SequenceBatches batches = new SequenceBatches(corpus, 3, 5, Partitioning.RANDOM, new Random(0));
        List<Batch> list;
        try (NDManager epoch = manager.newSubManager()) {
            list = batches.epoch(epoch);
            assertTrue(!list.get(0).inputs().isReleased());
        }
        assertTrue(list.stream().allMatch(b -> b.inputs().isReleased() && b.targets().isReleased()));
        assertTrue(!corpus.isReleased(), "the corpus stays");
    }

    @Test
    void badCorporaAndSizesAreRefusedWithAMessage() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> new SequenceBatches(corpus, 1, 100, Partitioning.RANDOM)).getMessage();
        assertTrue(message.contains("at least 101 tokens") && message.contains("has 100"), message);
        message = assertThrows(IllegalArgumentException.class,
                () -> new SequenceBatches(corpus, 20, 5, Partitioning.SEQUENTIAL)).getMessage();
        assertTrue(message.contains("does not fill one batch"), message);
        assertThrows(IllegalArgumentException.class,
                () -> new SequenceBatches(corpus.reshape(10, 10), 2, 3, Partitioning.RANDOM));
        assertThrows(IllegalArgumentException.class,
                () -> new SequenceBatches(corpus.toType(DataType.FLOAT32, false), 2, 3, Partitioning.RANDOM));
        assertThrows(IllegalArgumentException.class, () -> new SequenceBatches(corpus, 0, 3, Partitioning.RANDOM));
        NDArray empty = manager.create(new int[0]);
        assertThrows(IllegalArgumentException.class, () -> new SequenceBatches(empty, 1, 1, Partitioning.SEQUENTIAL));
    }

    @Test
    void negativeTokensAreRefusedAndTheLargestTokenIsKnown() {
        assertEquals(99, new SequenceBatches(corpus, 2, 3, Partitioning.RANDOM).largestToken());
        String message = assertThrows(IllegalArgumentException.class, () -> new SequenceBatches(
                corpus.sub(1), 2, 3, Partitioning.RANDOM)).getMessage();
        assertEquals("token indices are 0 or more; this corpus holds -1", message);
    }
}

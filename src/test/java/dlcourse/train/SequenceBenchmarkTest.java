package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.data.DevilsDictionary;
import dlcourse.data.Tokenizer;
import dlcourse.data.Vocab;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceBenchmarkTest {

    /** Three LSTM batches of 32 x 35 after one warm-up batch, one held-out batch; 400 dates, 5 batches of 64. */
    private static final SequenceBenchmark.Sizes TINY = new SequenceBenchmark.Sizes(1, 3 * 32 * 35 + 36, 32 * 35 + 36,
            400, 64, 20);

    @Test
    void selectsModelsByNameInTheOrderGiven() {
        assertEquals(List.of("transformer", "lstm"), SequenceBenchmark.selectModels("transformer, lstm"));
    }

    @Test
    void anUnknownModelListsTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceBenchmark.selectModels("lstm,gru"));
        assertTrue(e.getMessage().contains("'gru'") && e.getMessage().contains("[lstm, transformer]"), e.getMessage());
    }

    @Test
    void repeatsAreAWholeNumberOfAtLeastTwo() {
        assertEquals(3, Benchmark.repeats("3"));
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> Benchmark.repeats("1"));
        assertTrue(one.getMessage().contains("at least 2") && one.getMessage().contains("1"), one.getMessage());
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class, () -> Benchmark.repeats("two"));
        assertTrue(word.getMessage().contains("'two'"), word.getMessage());
    }

    @Test
    void memoryRowsShowEachReadingAndTheGrowth() {
        List<Benchmark.MemoryReading> memory = List.of(new Benchmark.MemoryReading("before", 1024, 2048, 512, 0, 0, 0),
                new Benchmark.MemoryReading("after run 1", 3072, 2048, 1536, 5120, 2, 1048576),
                new Benchmark.MemoryReading("after run 2", 5120, 2048, 2560, 5120, 2, 1048576));
        String rows = Benchmark.memoryRows("lstm", 12, memory, 2048, 2);
        assertEquals(List.of("lstm         before              1.0        2.0         0.5            0          0.0",
                "lstm         after run 1         3.0        2.0         1.5            2          1.0",
                "lstm         after run 2         5.0        2.0         2.5            2          1.0",
                "lstm         from run 1 to the last run: RSS +2.0 MiB (+66.7%), malloc in use +1.0 MiB; NDArrays +2 "
                        + "since before the runs"),
                rows.lines().toList());
    }

    @Test
    void aPlatformWithoutGlibcShowsUnknownMallocFigures() {
        List<Benchmark.MemoryReading> memory = List.of(new Benchmark.MemoryReading("before", 1024, 2048, -1, -1, 0, 0),
                new Benchmark.MemoryReading("after run 1", 2048, 2048, -1, -1, 0, 0));
        List<String> rows = Benchmark.memoryRows("mlp", 6, memory, 0, 0).lines().toList();
        assertEquals("mlp    before              1.0        2.0           ?            0          0.0", rows.get(0));
        assertTrue(rows.get(2).contains("malloc in use ?;"), rows.get(2));
    }

    @Test
    void trainsBothModelsTwiceAndReportsTokensMemoryAndTheStep() {
        SequenceBenchmark.Report report = SequenceBenchmark.run(List.of("lstm", "transformer"), 2, TINY);
        assertEquals(List.of("lstm", "transformer"), report.models().stream().map(SequenceBenchmark.ModelResult::model).toList());
        SequenceBenchmark.ModelResult lstm = report.models().get(0);
        SequenceBenchmark.ModelResult transformer = report.models().get(1);
        // 08's 2-layer LSTM on V characters: gates 4 x 128 of inputs, state and two biases per layer, then 128 -> V.
        long vocabulary = Vocab.of(Tokenizer.characters().tokenize(Tokenizer.simplify(DevilsDictionary.load().text())))
                .size();
        assertEquals(4 * 128 * (vocabulary + 128 + 2) + 4 * 128 * (128 + 128 + 2) + 129 * vocabulary, lstm.parameters());
        for (SequenceBenchmark.ModelResult model : report.models()) {
            assertEquals(2, model.runs().size(), model.model());
            assertEquals(3, model.memory().size(), "before and after each run: " + model.model());
            assertTrue(model.trainingTokensPerSecond() > 0 && model.inferenceTokensPerSecond() > 0, model.model());
            assertTrue(model.stepMilliseconds() > 0, model.model());
            assertEquals(0, model.liveArrayGrowth(), "every array of a run is closed with it: " + model.model());
        }
        assertEquals(List.of(3, 3), lstm.runs().stream().map(SequenceBenchmark.Run::trainingSteps).toList());
        assertEquals(List.of(5, 5), transformer.runs().stream().map(SequenceBenchmark.Run::trainingSteps).toList());
        String table = SequenceBenchmark.table(report);
        assertTrue(table.contains("lstm") && table.contains("transformer") && table.contains("train tok/s")
                && table.contains("from run 1 to the last run"), table);
    }
}

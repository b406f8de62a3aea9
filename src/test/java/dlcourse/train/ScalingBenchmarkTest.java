package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dlcourse.data.DateTranslationDataset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScalingBenchmarkTest {

    /** Batches of 32 and 64, one warm-up step and two timed passes of one step; sources of 16, 32 and 64 characters, likewise. */
    private static final ScalingBenchmark.Sizes TINY = new ScalingBenchmark.Sizes(new int[] {32, 64}, 1, 1, 1,
            new int[] {16, 32, 64}, 1, 1, 1, 2);

    @Test
    void selectsModelsByNameInTheOrderGiven() {
        assertEquals(List.of("transformer", "mlp"), ScalingBenchmark.selectModels("transformer, mlp"));
    }

    @Test
    void theLstmIsNotInTheScalingBenchAndTheChoicesAreListed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScalingBenchmark.selectModels("mlp,lstm"));
        assertTrue(e.getMessage().contains("'lstm'") && e.getMessage().contains("[mlp, lenet, transformer]"),
                e.getMessage());
    }

    @Test
    void timedStepsAreAtLeastTheMinimumAndCoverTheItems() {
        assertEquals(256, ScalingBenchmark.timedSteps(4, 8192, 32));
        assertEquals(8, ScalingBenchmark.timedSteps(4, 8192, 1024));
        // 65,536 source tokens in batches of 64 x 256 = 16,384 tokens: 4 steps; of 64 x 48: 21.3, so 22.
        assertEquals(4, ScalingBenchmark.timedSteps(4, 65_536, 64 * 256));
        assertEquals(22, ScalingBenchmark.timedSteps(4, 65_536, 64 * 48));
    }

    @Test
    void theFitRecoversAQuadraticExactly() {
        int[] lengths = {16, 32, 64, 128};
        // 2 + 0.5 L + 0.01 L^2 at those lengths, worked out by hand.
        double[] milliseconds = {12.56, 28.24, 74.96, 229.84};
        ScalingBenchmark.Fit fit = ScalingBenchmark.fit(lengths, milliseconds);
        assertEquals(2, fit.constant(), 1e-6);
        assertEquals(0.5, fit.linear(), 1e-8);
        assertEquals(0.01, fit.quadratic(), 1e-10);
        assertEquals(229.84, fit.at(128), 1e-6);
    }

    @Test
    void aFitWithANegativeTermKeepsTheBestFitWithoutOne() {
        // Through (1, 2), (2, 1), (3, 2) the free fit is 5 - 4L + L^2. Without negative terms the best is
        // a + cL^2 from [3 14; 14 98] [a; c] = [5; 24]: a = 154/98, c = 2/98 (squared error 0.653,
        // against 0.667 for the constant 5/3 alone); b + cL^2 needs c < 0.
        ScalingBenchmark.Fit fit = ScalingBenchmark.fit(new int[] {1, 2, 3}, new double[] {2, 1, 2});
        assertEquals(154.0 / 98, fit.constant(), 1e-9);
        assertEquals(0, fit.linear());
        assertEquals(2.0 / 98, fit.quadratic(), 1e-9);
    }

    @Test
    void aFitNeedsThreeLengthsEachWithATime() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScalingBenchmark.fit(new int[] {16, 32}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("3 or more") && e.getMessage().contains("2 lengths"), e.getMessage());
    }

    @Test
    void aPointIsItsFastestPass() {
        TrainingHistory history = new TrainingHistory("loss");
        history.record(1, 2.5, 0.9);
        history.record(2, 1.5, 0.8);
        history.record(3, 2.0, 0.7);
        assertEquals(1.5, ScalingBenchmark.fastest(history));
    }

    @Test
    void lengthPointsGiveTheTimePerSourceTokenAndTheQuadraticShare() {
        ScalingBenchmark.Fit fit = new ScalingBenchmark.Fit(2, 0.5, 0.01);
        List<ScalingBenchmark.LengthPoint> points = ScalingBenchmark.lengthPoints(TINY, new double[] {12.8, 25.6, 51.2},
                fit);
        // 12.8 ms for 64 x 16 tokens: 12.5 us each; at L = 64, 0.01 x 64^2 = 40.96 of the fitted 74.96 ms.
        assertEquals(12.5, points.get(0).microsecondsPerSourceToken(), 1e-9);
        assertEquals(12.5, points.get(2).microsecondsPerSourceToken(), 1e-9);
        assertEquals(40.96 / 74.96, points.get(2).quadraticShare(), 1e-9);
        assertEquals(List.of(16, 32, 64), points.stream().map(ScalingBenchmark.LengthPoint::sourceLength).toList());
    }

    @Test
    void longSourcesAreDatesOneAfterAnotherCutToTheLengthWithTheFirstDateAsTarget() {
        DateTranslationDataset dates = DateTranslationDataset.generate(100, 42);
        List<DateTranslationDataset.Example> examples = dates.examples(DateTranslationDataset.Split.TRAIN);
        try (NDManager manager = NDManager.newBaseManager()) {
            DateTranslationDataset.Arrays arrays = ScalingBenchmark.longSources(manager, dates, examples, 79, 2, 64);
            assertArrayEquals(new long[] {2, 64}, arrays.sources().getShape().getShape());
            assertArrayEquals(new int[] {64, 64}, arrays.sourceValidLengths().toIntArray());
            int[] row = Arrays.copyOfRange(arrays.sources().toIntArray(), 64, 128);
            // Example 80 is the first after the last (79): the second row starts again at example 0.
            int[] first = dates.encodeSource(examples.get(0).source());
            assertArrayEquals(first, Arrays.copyOf(row, first.length));
            assertEquals(dates.encodeSource(" ")[0], row[first.length]);
            int[] second = dates.encodeSource(examples.get(1).source());
            assertArrayEquals(Arrays.copyOf(second, Math.min(second.length, 64 - first.length - 1)),
                    Arrays.copyOfRange(row, first.length + 1, Math.min(64, first.length + 1 + second.length)));
            DateTranslationDataset.Arrays expected = dates.arrays(manager, List.of(examples.get(79), examples.get(0)));
            assertArrayEquals(expected.targetOutputs().toIntArray(), arrays.targetOutputs().toIntArray());
            assertArrayEquals(expected.targetInputs().toIntArray(), arrays.targetInputs().toIntArray());
        }
    }

    @Test
    void measuresEveryPointWritesRowsAndTwoLabelledCharts(@TempDir Path folder) throws IOException {
        ScalingBenchmark.Report report = ScalingBenchmark.run(ScalingBenchmark.MODELS, TINY, folder);
        assertEquals(List.of("mlp", "mlp", "lenet", "lenet"),
                report.batchSize().stream().map(ScalingBenchmark.BatchPoint::model).toList());
        assertEquals(List.of(32, 64, 32, 64), report.batchSize().stream().map(ScalingBenchmark.BatchPoint::batchSize).toList());
        for (ScalingBenchmark.BatchPoint p : report.batchSize()) {
            assertTrue(p.trainingSamplesPerSecond() > 0, p.toString());
            assertEquals(1000.0 * p.batchSize() / p.trainingSamplesPerSecond(), p.stepMilliseconds(), 1e-9);
        }
        assertEquals(2, report.passes());
        assertEquals(3, report.sourceLength().size());
        assertTrue(report.sourceLength().stream().allMatch(p -> p.stepMilliseconds() > 0));
        assertEquals(List.of(ScalingBenchmark.BATCH_CHART, ScalingBenchmark.LENGTH_CHART), report.charts());
        for (String chart : report.charts()) {
            BufferedImage image = ImageIO.read(folder.resolve(chart).toFile());
            assertTrue(image.getWidth() >= 640 && image.getHeight() >= 400, chart);
        }
        List<String> lines = ScalingBenchmark.table(report).lines().toList();
        assertTrue(lines.contains("model   batch  steps    samples/s    ms/step"), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.matches("mlp +32 +1 +\\d+ +\\d+\\.\\d\\d")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.matches(" +64 +1 +\\d+\\.\\d +-?\\d+\\.\\d\\d +-?\\d+%")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("fit: ms/step = ")), String.join("\n", lines));
    }

    @Test
    void chartsHaveTitlesAxisLabelsAndALegendEntryPerSeries() {
        List<ScalingBenchmark.BatchPoint> batches = List.of(new ScalingBenchmark.BatchPoint("mlp", 32, 4, 1000, 32),
                new ScalingBenchmark.BatchPoint("mlp", 64, 4, 2000, 32),
                new ScalingBenchmark.BatchPoint("lenet", 32, 4, 100, 320));
        var batchChart = ScalingBenchmark.batchChart(batches);
        assertTrue(batchChart.getTitle().contains("batch size"));
        assertEquals("batch size (log scale)", batchChart.getXAxisTitle());
        assertEquals(List.of("MLP of 04", "LeNet of 06"), List.copyOf(batchChart.getSeriesMap().keySet()));
        // Both axes plot log2 and are labelled with the numbers: 5 reads 32, 10 reads 1,024.
        assertEquals("32", batchChart.getStyler().getxAxisTickLabelsFormattingFunction().apply(5.0));
        assertEquals("1,024", batchChart.getStyler().getyAxisTickLabelsFormattingFunction().apply(10.0));
        assertEquals(Math.log(2000) / Math.log(2), batchChart.getSeriesMap().get("MLP of 04").getYData()[1], 1e-12);
        var lengthChart = ScalingBenchmark.lengthChart(ScalingBenchmark.lengthPoints(TINY, new double[] {12.8, 25.6, 51.2},
                new ScalingBenchmark.Fit(2, 0.5, 0.01)), new ScalingBenchmark.Fit(2, 0.5, 0.01));
        assertEquals("microseconds per source token", lengthChart.getYAxisTitle());
        assertEquals(3, lengthChart.getSeriesMap().size());
    }
}

package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

class TrainingHistoryTest {

    private static TrainingHistory twoEpochs() {
        TrainingHistory history = new TrainingHistory("train loss", "test accuracy");
        history.record(1, 2.5, 0.9, 0.70);
        history.record(2, 1.5, 0.6, 0.80);
        return history;
    }

    @Test
    void recordsValuesPerMetric() {
        TrainingHistory history = twoEpochs();
        assertEquals(List.of("train loss", "test accuracy"), history.metrics());
        assertEquals(2, history.size());
        assertArrayEquals(new double[] {0.9, 0.6}, history.values("train loss"));
        assertArrayEquals(new double[] {0.70, 0.80}, history.values("test accuracy"));
        assertEquals(0.80, history.last("test accuracy"));
        assertEquals(4.0, history.totalSeconds(), 1e-12);
    }

    @Test
    void anEmptyHistoryHasNoEpochsAndNoTime() {
        TrainingHistory history = new TrainingHistory("loss");
        assertEquals(0, history.size());
        assertEquals(0, history.values("loss").length);
        assertEquals(0.0, history.totalSeconds());
    }

    @Test
    void tableHasEpochThenMetricsThenSeconds() {
        Table table = twoEpochs().table();
        assertEquals(List.of("epoch", "train loss", "test accuracy", "seconds"), table.columnNames());
        assertEquals(2, table.rowCount());
        assertEquals(2, table.intColumn("epoch").getInt(1));
        assertEquals(1.5, table.doubleColumn("seconds").getDouble(1));
    }

    @Test
    void tablePrintsMetricsWithFourDecimals() {
        TrainingHistory history = new TrainingHistory("loss");
        history.record(1, 12.3456, 0.123456789);
        String text = history.toString();
        assertTrue(text.contains("0.1235"), text);
        assertTrue(text.contains("12.35"), text);
    }

    @Test
    void plotHasOneSeriesPerMetricAgainstTheEpoch() {
        XYChart chart = twoEpochs().plot("Progress", "train loss", "test accuracy");
        assertEquals("Progress", chart.getTitle());
        assertEquals("epoch", chart.getXAxisTitle());
        assertEquals("value", chart.getYAxisTitle());
        assertEquals(List.of("train loss", "test accuracy"), List.copyOf(chart.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {1, 2}, chart.getSeriesMap().get("train loss").getXData());
        assertArrayEquals(new double[] {0.9, 0.6}, chart.getSeriesMap().get("train loss").getYData());
    }

    @Test
    void aChineseNotebookSeesTheAxesAndLegendInChineseAndKeepsTheEnglishNamesInCode() {
        dlcourse.notebook.Course.language("zh");
        try {
            XYChart chart = twoEpochs().plot("训练过程", "train loss", "test accuracy");
            assertEquals("轮", chart.getXAxisTitle());
            assertEquals("值", chart.getYAxisTitle());
            assertEquals(List.of("训练损失", "测试准确率"), List.copyOf(chart.getSeriesMap().keySet()));
            assertEquals("测试准确率", twoEpochs().plot("训练过程", "test accuracy").getYAxisTitle());
            assertEquals(List.of("epoch", "train loss", "test accuracy", "seconds"), twoEpochs().table().columnNames());
        } finally {
            dlcourse.notebook.Course.language("en");
        }
    }

    @Test
    void plotOfOneEpochMarksItsPointsAndLongerHistoriesDrawPlainLines() {
        TrainingHistory oneEpoch = new TrainingHistory("train loss", "test accuracy");
        oneEpoch.record(1, 2.5, 0.9, 0.70);
        for (XYSeries series : oneEpoch.plot("One epoch", "train loss", "test accuracy").getSeriesMap().values()) {
            assertEquals(SeriesMarkers.CIRCLE, series.getMarker(), series.getName());
        }
        for (XYSeries series : twoEpochs().plot("Two epochs", "train loss", "test accuracy").getSeriesMap().values()) {
            assertEquals(SeriesMarkers.NONE, series.getMarker(), series.getName());
        }
    }

    @Test
    void plotOfMetricsEndingInTheSameWordUsesThatWordOnTheYAxis() {
        TrainingHistory history = new TrainingHistory("train perplexity", "validation perplexity", "loss");
        history.record(1, 1.0, 8.5, 9.0, 2.1);
        assertEquals("perplexity", history.plot("Perplexity", "train perplexity", "validation perplexity").getYAxisTitle());
        assertEquals("value", history.plot("All", "train perplexity", "loss").getYAxisTitle());
    }

    @Test
    void plotOfOneMetricUsesItsNameOnTheYAxis() {
        XYChart chart = twoEpochs().plot("Accuracy", "test accuracy");
        assertEquals("test accuracy", chart.getYAxisTitle());
        assertEquals(1, chart.getSeriesMap().size());
    }

    @Test
    void plotWithoutMetricsListsTheMetrics() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> twoEpochs().plot("Nothing"));
        assertEquals("name the metrics to plot, one or more of [train loss, test accuracy]", error.getMessage());
    }

    @Test
    void wrongNumberOfValuesSaysHowManyAreNeeded() {
        TrainingHistory history = new TrainingHistory("train loss", "test accuracy");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> history.record(1, 1.0, 0.5));
        assertEquals("record got 1 values [0.5] but this history has 2 metrics [train loss, test accuracy];"
                + " give one value per metric", error.getMessage());
        assertEquals(0, history.size(), "a refused record adds no row");
    }

    @Test
    void unknownMetricListsTheKnownOnes() {
        TrainingHistory history = twoEpochs();
        IllegalArgumentException values = assertThrows(IllegalArgumentException.class,
                () -> history.values("accuracy"));
        assertEquals("unknown metric 'accuracy'; this history records [train loss, test accuracy]",
                values.getMessage());
        IllegalArgumentException last = assertThrows(IllegalArgumentException.class, () -> history.last("seconds"));
        assertTrue(last.getMessage().contains("unknown metric 'seconds'"), last.getMessage());
        IllegalArgumentException plot = assertThrows(IllegalArgumentException.class,
                () -> history.plot("Loss", "loss"));
        assertTrue(plot.getMessage().contains("unknown metric 'loss'"), plot.getMessage());
    }

    @Test
    void duplicateMetricNamesAreRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new TrainingHistory("loss", "loss"));
        assertEquals("metric names must differ from each other and from 'epoch' and 'seconds', got [loss, loss]",
                error.getMessage());
    }

    @Test
    void reservedMetricNamesAreRefused() {
        IllegalArgumentException epoch = assertThrows(IllegalArgumentException.class,
                () -> new TrainingHistory("loss", "epoch"));
        assertTrue(epoch.getMessage().contains("got [loss, epoch]"), epoch.getMessage());
        IllegalArgumentException seconds = assertThrows(IllegalArgumentException.class,
                () -> new TrainingHistory("seconds"));
        assertTrue(seconds.getMessage().contains("from 'epoch' and 'seconds'"), seconds.getMessage());
    }

    @Test
    void noMetricsIsRefusedWithAnExample() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, TrainingHistory::new);
        assertEquals("name at least one metric, for example new TrainingHistory(\"loss\")", error.getMessage());
    }

    @Test
    void lastBeforeAnyRecordSaysNoEpochIsRecorded() {
        TrainingHistory history = new TrainingHistory("loss");
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> history.last("loss"));
        assertEquals("no epoch recorded yet, so 'loss' has no value", error.getMessage());
    }
}

package dlcourse.train;

import dlcourse.notebook.Messages;
import dlcourse.plot.Plots;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * What happened in each epoch of a training run: a Tablesaw table with one row per epoch
 * (epoch, the metrics named at construction, seconds) that can plot itself.
 *
 * <pre>
 * TrainingHistory history = new TrainingHistory("train loss", "test accuracy");
 * history.record(epoch, seconds, loss, accuracy);
 * show(history.table());
 * show(history.plot("Accuracy", "test accuracy"));
 * </pre>
 */
public final class TrainingHistory {

    public static final String EPOCH = "epoch";
    public static final String SECONDS = "seconds";

    private final List<String> metrics;
    private final Table table;

    /** A history that records the named metrics (for example "train loss", "test accuracy"). */
    public TrainingHistory(String... metrics) {
        if (metrics.length == 0) {
            throw new IllegalArgumentException("name at least one metric, for example new TrainingHistory(\"loss\")");
        }
        this.metrics = List.of(metrics);
        if (this.metrics.stream().distinct().count() != metrics.length
                || this.metrics.contains(EPOCH) || this.metrics.contains(SECONDS)) {
            throw new IllegalArgumentException("metric names must differ from each other and from 'epoch' and 'seconds', got "
                    + this.metrics);
        }
        table = Table.create("Training history");
        table.addColumns(IntColumn.create(EPOCH));
        for (String metric : metrics) {
            DoubleColumn column = DoubleColumn.create(metric);
            column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
            table.addColumns(column);
        }
        DoubleColumn seconds = DoubleColumn.create(SECONDS);
        seconds.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        table.addColumns(seconds);
    }

    /** Adds one epoch: its number, how long it took, and one value per metric, in the order named. */
    public void record(int epoch, double seconds, double... values) {
        if (values.length != metrics.size()) {
            throw new IllegalArgumentException("record got " + values.length + " values " + Arrays.toString(values)
                    + " but this history has " + metrics.size() + " metrics " + metrics + "; give one value per metric");
        }
        table.intColumn(EPOCH).append(epoch);
        for (int i = 0; i < values.length; i++) {
            table.doubleColumn(metrics.get(i)).append(values[i]);
        }
        table.doubleColumn(SECONDS).append(seconds);
    }

    /** The table itself (rows are epochs); {@code show(history.table())} renders it as a table. */
    public Table table() {
        return table;
    }

    /** The metric names, in order. */
    public List<String> metrics() {
        return metrics;
    }

    /** Number of epochs recorded. */
    public int size() {
        return table.rowCount();
    }

    /** All values of one metric, oldest first. */
    public double[] values(String metric) {
        return column(metric).asDoubleArray();
    }

    /** The latest value of one metric. */
    public double last(String metric) {
        DoubleColumn column = column(metric);
        if (column.isEmpty()) {
            throw new IllegalStateException("no epoch recorded yet, so '" + metric + "' has no value");
        }
        return column.get(column.size() - 1);
    }

    /** Total training time of the recorded epochs, in seconds. */
    public double totalSeconds() {
        return table.doubleColumn(SECONDS).sum();
    }

    /**
     * A line chart of the named metrics against the epoch; its axes and legend show the metrics'
     * names in the course's language ({@link Messages#term}).
     */
    public XYChart plot(String title, String... metricsToPlot) {
        if (metricsToPlot.length == 0) {
            throw new IllegalArgumentException("name the metrics to plot, one or more of " + metrics);
        }
        String yLabel = metricsToPlot.length == 1 ? metricsToPlot[0] : commonLastWord(metricsToPlot);
        XYChart chart = Plots.line(title, Messages.term(EPOCH), Messages.term(yLabel));
        double[] epochs = table.intColumn(EPOCH).asDoubleArray();
        for (String metric : metricsToPlot) {
            XYSeries series = Plots.series(chart, metric, epochs, values(metric));   // legend: Messages.term(metric)
            if (epochs.length == 1) {
                series.setMarker(SeriesMarkers.CIRCLE);   // one epoch is one point, and a line draws nothing
            }
        }
        if (metricsToPlot.length > 1) {
            // Accuracies end high and losses low, so any corner inside the plot would hide the last
            // epochs of some curve: the legend goes below the plot, in one row.
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        } else {
            chart.getStyler().setLegendVisible(false);                  // the y axis names the one metric
        }
        return chart;
    }

    /** "perplexity" for "train perplexity" and "validation perplexity"; "value" where the names end differently. */
    private static String commonLastWord(String[] names) {
        String last = names[0].substring(names[0].lastIndexOf(' ') + 1);
        for (String name : names) {
            if (!name.equals(last) && !name.endsWith(" " + last)) {
                return "value";
            }
        }
        return last;
    }

    private DoubleColumn column(String metric) {
        if (!metrics.contains(metric)) {
            throw new IllegalArgumentException("unknown metric '" + metric + "'; this history records " + metrics);
        }
        return table.doubleColumn(metric);
    }

    @Override
    public String toString() {
        return table.printAll();
    }
}

package dlcourse.train;

import dlcourse.notebook.Display;
import org.knowm.xchart.XYChart;

/**
 * A chart of training metrics that is redrawn in place after every epoch, where the kernel can
 * replace an output (rapaio-jupyter-kernel, nbclient). Elsewhere (plain text) it shows the chart
 * once, when {@link #finish(TrainingHistory)} is called.
 */
final class LiveTrainingPlot {

    private final String title;
    private final String[] metrics;
    private Display.Handle handle;

    /** A plot titled {@code title} of the named metrics of a {@link TrainingHistory}. */
    public LiveTrainingPlot(String title, String... metrics) {
        if (metrics.length == 0) {
            throw new IllegalArgumentException("name at least one metric to plot, for example \"train loss\"");
        }
        this.title = title;
        this.metrics = metrics.clone();
    }

    /** Draws the history so far: the first call shows the chart, later calls replace it. */
    public void update(TrainingHistory history) {
        if (!Display.isRich()) {
            return;
        }
        XYChart chart = chart(history);
        if (handle == null) {
            handle = Display.live(chart);
        } else {
            handle.update(chart);
        }
    }

    /** Shows the final chart where no live chart was drawn (plain text output). */
    public void finish(TrainingHistory history) {
        if (handle == null) {
            Display.show(chart(history));
        }
    }

    /** The chart of {@code history}'s metrics against the epoch. */
    public XYChart chart(TrainingHistory history) {
        XYChart chart = history.plot(title, metrics);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setXAxisMin(1.0);
        chart.getStyler().setXAxisMax((double) Math.max(2, history.size()));
        return chart;
    }
}

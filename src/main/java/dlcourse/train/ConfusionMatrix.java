package dlcourse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dlcourse.notebook.Messages;
import dlcourse.plot.Plots;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.HeatMapChart;

/**
 * How often each true class was predicted as each class: row = true class, column = prediction.
 * The diagonal holds the correct predictions; a large entry off it names a pair the model confuses.
 *
 * <pre>
 * ConfusionMatrix matrix = ConfusionMatrix.of(predicted, testLabels, FashionMnist.CLASS_NAMES);
 * show(matrix.chart("Confusion matrix on the test set"));
 * </pre>
 */
public final class ConfusionMatrix {

    private final long[][] counts;
    private final List<String> classNames;

    private ConfusionMatrix(long[][] counts, List<String> classNames) {
        this.counts = counts;
        this.classNames = List.copyOf(classNames);
    }

    /** Counts the pairs (label, prediction) of two 1-D arrays of class indices 0 to classNames.size() - 1. */
    public static ConfusionMatrix of(NDArray predicted, NDArray labels, List<String> classNames) {
        int classes = classNames.size();
        if (classes == 0) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class name");
        }
        if (predicted.getShape().dimension() != 1 || !predicted.getShape().equals(labels.getShape())) {
            throw new IllegalArgumentException("predictions and labels must be 1-D arrays of the same length, got "
                    + predicted.getShape() + " and " + labels.getShape());
        }
        try (NDArray truth = labels.toType(DataType.INT64, true);
             NDArray guess = predicted.toType(DataType.INT64, true)) {
            checkRange(truth, classes, "label");
            checkRange(guess, classes, "prediction");
            // One index per pair, label * classes + prediction, then one batched count of each index.
            try (NDArray pair = truth.mul(classes).add(guess);
                 NDArray onehot = pair.oneHot(classes * classes);
                 NDArray total = onehot.sum(new int[] {0}).toType(DataType.INT64, false)) {
                long[] flat = total.toLongArray();
                long[][] counts = new long[classes][classes];
                for (int r = 0; r < classes; r++) {
                    System.arraycopy(flat, r * classes, counts[r], 0, classes);
                }
                return new ConfusionMatrix(counts, classNames);
            }
        }
    }

    private static void checkRange(NDArray values, int classes, String what) {
        if (values.size() == 0) {
            throw new IllegalArgumentException("a confusion matrix needs at least one " + what);
        }
        long min = values.min().getLong();
        long max = values.max().getLong();
        if (min < 0 || max >= classes) {
            throw new IllegalArgumentException(what + "s run from " + min + " to " + max + ", but there are "
                    + classes + " class names (indices 0 to " + (classes - 1) + ")");
        }
    }

    /** How many examples of class {@code trueClass} were predicted as {@code predictedClass}. */
    public long count(int trueClass, int predictedClass) {
        return counts[trueClass][predictedClass];
    }

    /** The counts, row = true class, column = predicted class (a copy). */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            copy[r] = counts[r].clone();
        }
        return copy;
    }

    /** Fraction of all examples on the diagonal. */
    public double accuracy() {
        long correct = 0;
        long total = 0;
        for (int r = 0; r < counts.length; r++) {
            for (int c = 0; c < counts.length; c++) {
                total += counts[r][c];
                correct += r == c ? counts[r][c] : 0;
            }
        }
        return (double) correct / total;
    }

    /** Fraction of the examples of {@code trueClass} predicted correctly (its recall). */
    public double classAccuracy(int trueClass) {
        long total = 0;
        for (long count : counts[trueClass]) {
            total += count;
        }
        return total == 0 ? 0 : (double) counts[trueClass][trueClass] / total;
    }

    /** The class names, indexed by class. */
    public List<String> classNames() {
        return classNames;
    }

    /** A heat map with the counts written in the cells, true classes down the side (first at the top). */
    public HeatMapChart chart(String title) {
        int classes = counts.length;
        double[][] rows = new double[classes][classes];
        for (int r = 0; r < classes; r++) {
            for (int c = 0; c < classes; c++) {
                // Heat-map rows run up the y axis; reversed so the first class is on top, as in a table.
                rows[classes - 1 - r][c] = counts[r][c];
            }
        }
        List<String> shownNames = classNames.stream().map(Messages::term).toList();
        List<String> yTicks = new ArrayList<>(shownNames);
        Collections.reverse(yTicks);
        HeatMapChart chart = Plots.heatMap(title, Messages.term("predicted class"), Messages.term("true class"),
                rows, shownNames, yTicks);
        // Light colours so the counts stay readable in every cell.
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0xc6dbef), new Color(0x6baed6)});
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern("#");
        chart.getStyler().setValueFont(Plots.font(Font.PLAIN, Plots.size().tickFont() - 1));
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }
}

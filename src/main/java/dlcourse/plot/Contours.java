package dlcourse.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Contour lines of a function of two variables, drawn on an {@link XYChart} so that paths
 * (for example the steps of gradient descent) can be added on top with {@link #path}.
 *
 * <pre>
 * XYChart chart = Contours.of("f(x, y) = x² + 10 y²", "x", "y", (x, y) -&gt; x * x + 10 * y * y, -3, 3, -2, 2);
 * Contours.path(chart, "gradient descent", xs, ys);
 * show(chart);
 * </pre>
 *
 * The lines are found by marching squares on a 120 × 120 grid; the contour series are left out
 * of the legend, which then lists only the series a notebook adds.
 */
public final class Contours {

    /** Grid points along each axis. */
    public static final int GRID = 120;
    /** Number of contour lines {@link #of} draws. */
    public static final int LEVELS = 12;

    private Contours() {
    }

    /**
     * Contour lines of {@code f} over [xMin, xMax] × [yMin, yMax] at {@value #LEVELS} levels
     * spread by rank over the grid's values (dense where f is flat, sparse on steep walls).
     */
    public static XYChart of(String title, String xLabel, String yLabel, DoubleBinaryOperator f,
                             double xMin, double xMax, double yMin, double yMax) {
        double[][] grid = evaluate(f, xMin, xMax, yMin, yMax);
        return of(title, xLabel, yLabel, f, xMin, xMax, yMin, yMax, quantileLevels(grid, LEVELS));
    }

    /** Contour lines of {@code f} at the given {@code levels}. */
    public static XYChart of(String title, String xLabel, String yLabel, DoubleBinaryOperator f,
                             double xMin, double xMax, double yMin, double yMax, double[] levels) {
        if (!(xMax > xMin) || !(yMax > yMin)) {
            throw new IllegalArgumentException("contour plot '" + title + "' needs xMin < xMax and yMin < yMax, got x in ["
                    + xMin + ", " + xMax + "] and y in [" + yMin + ", " + yMax + "]");
        }
        if (levels.length == 0) {
            throw new IllegalArgumentException("contour plot '" + title + "' needs at least one level");
        }
        double[][] grid = evaluate(f, xMin, xMax, yMin, yMax);
        XYChart chart = Plots.line(title, xLabel, yLabel);
        chart.getStyler().setXAxisMin(xMin).setXAxisMax(xMax).setYAxisMin(yMin).setYAxisMax(yMax);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        chart.getStyler().setMarkerSize(5);
        double[] sorted = levels.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < sorted.length; k++) {
            double[][] line = segments(grid, sorted[k], xMin, xMax, yMin, yMax);
            if (line[0].length == 0) {
                continue;
            }
            XYSeries series = chart.addSeries("level " + k + ": " + sorted[k], line[0], line[1]);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineWidth(1f);
            series.setShowInLegend(false);
            float shade = sorted.length == 1 ? 0.5f : (float) k / (sorted.length - 1);
            series.setLineColor(new Color(0.55f + 0.4f * shade, 0.6f + 0.35f * shade, 0.75f + 0.2f * shade));
        }
        return chart;
    }

    /**
     * Adds a path (for example an optimizer's steps) as a solid line with a dot at every point,
     * in the next colour of the course's palette (the contour lines take none).
     */
    public static XYSeries path(XYChart chart, String name, double[] x, double[] y) {
        long paths = chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).count();
        Color[] palette = chart.getStyler().getSeriesColors();
        Color color = palette[(int) (paths % palette.length)];
        XYSeries series = Plots.series(chart, name, x, y);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setLineStyle(SeriesLines.SOLID);
        series.setMarker(SeriesMarkers.CIRCLE);
        return series;
    }

    /** {@code count} levels at evenly spaced ranks of the values in {@code grid} (its quantiles). */
    static double[] quantileLevels(double[][] grid, int count) {
        double[] all = Arrays.stream(grid).flatMapToDouble(Arrays::stream).filter(Double::isFinite).sorted().toArray();
        if (all.length == 0) {
            throw new IllegalArgumentException("the function has no finite value in the plotted box");
        }
        double[] levels = new double[count];
        for (int k = 0; k < count; k++) {
            // Quantiles (k + 0.5) / count, squared so more lines fall near the minimum.
            double q = Math.pow((k + 0.5) / count, 2);
            levels[k] = all[(int) Math.min(all.length - 1, Math.floor(q * all.length))];
        }
        return Arrays.stream(levels).distinct().toArray();
    }

    /** f on the grid: values[j][i] = f(x_i, y_j). */
    static double[][] evaluate(DoubleBinaryOperator f, double xMin, double xMax, double yMin, double yMax) {
        double[][] values = new double[GRID][GRID];
        for (int j = 0; j < GRID; j++) {
            double y = yMin + (yMax - yMin) * j / (GRID - 1);
            for (int i = 0; i < GRID; i++) {
                values[j][i] = f.applyAsDouble(xMin + (xMax - xMin) * i / (GRID - 1), y);
            }
        }
        return values;
    }

    /**
     * Marching squares: the pieces of the line {@code f = level} inside each grid cell, as x and y
     * arrays in which NaN separates one piece from the next (XChart leaves a gap there).
     */
    static double[][] segments(double[][] grid, double level, double xMin, double xMax, double yMin, double yMax) {
        int rows = grid.length;
        int columns = grid[0].length;
        double dx = (xMax - xMin) / (columns - 1);
        double dy = (yMax - yMin) / (rows - 1);
        List<double[]> points = new ArrayList<>();
        double[][] corners = new double[4][];
        for (int j = 0; j < rows - 1; j++) {
            for (int i = 0; i < columns - 1; i++) {
                // Corners counter-clockwise from the bottom left: (x, y, value).
                corners[0] = new double[] {xMin + i * dx, yMin + j * dy, grid[j][i]};
                corners[1] = new double[] {xMin + (i + 1) * dx, yMin + j * dy, grid[j][i + 1]};
                corners[2] = new double[] {xMin + (i + 1) * dx, yMin + (j + 1) * dy, grid[j + 1][i + 1]};
                corners[3] = new double[] {xMin + i * dx, yMin + (j + 1) * dy, grid[j + 1][i]};
                List<double[]> crossings = new ArrayList<>(4);
                for (int e = 0; e < 4; e++) {
                    double[] a = corners[e];
                    double[] b = corners[(e + 1) % 4];
                    if ((a[2] >= level) != (b[2] >= level)) {
                        double t = (level - a[2]) / (b[2] - a[2]);
                        crossings.add(new double[] {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])});
                    }
                }
                for (int c = 0; c + 1 < crossings.size(); c += 2) {
                    points.add(crossings.get(c));
                    points.add(crossings.get(c + 1));
                    points.add(new double[] {Double.NaN, Double.NaN});
                }
            }
        }
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int k = 0; k < points.size(); k++) {
            xs[k] = points.get(k)[0];
            ys[k] = points.get(k)[1];
        }
        return new double[][] {xs, ys};
    }
}

package dlcourse.plot;

import ai.djl.ndarray.NDArray;
import dlcourse.notebook.Course;
import dlcourse.notebook.Messages;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart charts in the course's look. Each method returns the XChart object, so a learner
 * can add series or tweak it with XChart's own API, and {@code show(chart)} draws it. Text is
 * drawn in {@link #font}, which has Chinese glyphs in a Chinese notebook.
 *
 * <pre>
 * XYChart chart = Plots.line("Training loss", "epoch", "loss");
 * Plots.series(chart, "train", epochs, losses);
 * show(chart);
 * </pre>
 */
public final class Plots {

    /** Size of a chart in pixels in a notebook (the {@link Size#NOTEBOOK} preset). */
    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;

    /**
     * Chart size and font presets. {@code NOTEBOOK} suits a notebook on a laptop screen;
     * {@code PRESENTATION} is for slides on a projector (at least 800 px wide, fonts of 14 pt and
     * more). {@code ./course slides} sets {@code DLCOURSE_PLOTS=presentation}, which selects it.
     */
    public enum Size {
        NOTEBOOK(WIDTH, HEIGHT, 16, 13, 12, 11),
        PRESENTATION(1000, 620, 28, 22, 20, 19);

        public final int width;
        public final int height;
        final int titleFont;
        final int axisTitleFont;
        final int legendFont;
        final int tickFont;

        Size(int width, int height, int titleFont, int axisTitleFont, int legendFont, int tickFont) {
            this.width = width;
            this.height = height;
            this.titleFont = titleFont;
            this.axisTitleFont = axisTitleFont;
            this.legendFont = legendFont;
            this.tickFont = tickFont;
        }

        /** The font size of tick labels, for text drawn inside a chart (a heat map's numbers, say). */
        public int tickFont() {
            return tickFont;
        }

        /** The preset named by {@code DLCOURSE_PLOTS} ("presentation"), else NOTEBOOK. */
        static Size fromEnvironment(String value) {
            if (value == null || value.isBlank() || value.equalsIgnoreCase("notebook")) {
                return NOTEBOOK;
            }
            if (value.equalsIgnoreCase("presentation")) {
                return PRESENTATION;
            }
            throw new IllegalArgumentException("DLCOURSE_PLOTS is '" + value
                    + "'; use 'notebook' or 'presentation' (or leave it unset)");
        }
    }

    private static volatile Size size;

    private Plots() {
    }

    /** The size charts are drawn at: set by {@link #useSize}, else from {@code DLCOURSE_PLOTS}. */
    public static Size size() {
        Size current = size;
        if (current == null) {
            current = Size.fromEnvironment(System.getenv("DLCOURSE_PLOTS"));
            size = current;
        }
        return current;
    }

    /** Draws the charts made from now on at this size, e.g. {@code Plots.useSize(Plots.Size.PRESENTATION)}. */
    public static void useSize(Size newSize) {
        size = java.util.Objects.requireNonNull(newSize, "size");
    }

    /**
     * Font families with Chinese glyphs, most wanted first: Debian's {@code fonts-noto-cjk} (what
     * {@code ./course setup} and the Docker image install), then what macOS and Windows ship.
     */
    private static final List<String> CJK_FAMILIES = List.of("Noto Sans CJK SC", "Noto Sans SC",
            "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei");

    private static volatile String cjkFamily;

    /**
     * The font every chart, image grid and diagram of the course writes its text in: the logical
     * SansSerif, and in a Chinese notebook ({@code Course.language("zh")}) the first installed family of
     * {@link #CJK_FAMILIES}, so that Chinese titles, axes and legends show characters, not boxes.
     * Without such a font it stays SansSerif.
     */
    public static Font font(int style, int points) {
        String family = Course.language().equals("zh") ? cjkFamily() : null;
        return new Font(family == null ? Font.SANS_SERIF : family, style, points);
    }

    /** The installed font family with Chinese glyphs that {@link #font} uses for Chinese, or null when none is installed. */
    public static String cjkFamily() {
        String family = cjkFamily;
        if (family == null) {
            java.util.Set<String> installed = java.util.Set.of(
                    java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT));
            family = CJK_FAMILIES.stream().filter(installed::contains).findFirst().orElse("");
            cjkFamily = family;
        }
        return family.isEmpty() ? null : family;
    }

    /**
     * An empty line chart with a title and axis labels. Its series are lines without markers; a series
     * that asks for them ({@code Plots.series(…).setMarker(SeriesMarkers.CIRCLE)}) gets markers of
     * {@link #LINE_MARKER_SIZE} pixels.
     */
    public static XYChart line(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(size().width).height(size().height)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(LINE_MARKER_SIZE);
        return chart;
    }

    /** Diameter in pixels of the markers on a line chart's series that asks for markers. */
    public static final int LINE_MARKER_SIZE = 7;

    /** An empty scatter chart with a title and axis labels. */
    public static XYChart scatter(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(size().width).height(size().height)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(6);
        return chart;
    }

    /**
     * Adds a series of points (x[i], y[i]); the arrays must have the same length. A name the course's
     * message tables know (a metric, a Fashion-MNIST class) is shown in the notebook's language.
     */
    public static XYSeries series(XYChart chart, String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but "
                    + y.length + " y values; give one y for every x");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("series '" + name + "' has no points");
        }
        XYSeries series = chart.addSeries(Messages.term(name), x, y);
        if (chart.getStyler().getDefaultSeriesRenderStyle() == XYSeries.XYSeriesRenderStyle.Line) {
            series.setMarker(SeriesMarkers.NONE);
            series.setLineWidth(2f);
        }
        return series;
    }

    /** Adds a series from two 1-D arrays of the same length. */
    public static XYSeries series(XYChart chart, String name, NDArray x, NDArray y) {
        return series(chart, name, toDoubles(x, "x of series '" + name + "'"), toDoubles(y, "y of series '" + name + "'"));
    }

    /** Adds a series y[i] against i = 1, 2, …, n (for example a loss per epoch). */
    public static XYSeries series(XYChart chart, String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i] = i + 1;
        }
        return series(chart, name, x, y);
    }

    /**
     * A heat map of {@code values[row][column]}; rows run up the y axis, columns along x.
     * {@code xTicks} and {@code yTicks} label the columns and rows (null numbers them from 0, every 5th
     * or 10th number only where there are more than 20).
     */
    public static HeatMapChart heatMap(String title, String xLabel, String yLabel, double[][] values,
                                       List<?> xTicks, List<?> yTicks) {
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("heat map '" + title + "' has no values");
        }
        int rows = values.length;
        int columns = values[0].length;
        for (double[] row : values) {
            if (row.length != columns) {
                throw new IllegalArgumentException("heat map '" + title + "' has rows of different lengths ("
                        + columns + " and " + row.length + "); every row needs one value per column");
            }
        }
        List<?> xs = xTicks != null ? xTicks : numbers(columns);
        List<?> ys = yTicks != null ? yTicks : numbers(rows);
        if (xs.size() != columns || ys.size() != rows) {
            throw new IllegalArgumentException("heat map '" + title + "' is " + rows + "x" + columns
                    + " but has " + ys.size() + " row labels and " + xs.size() + " column labels");
        }
        List<Number[]> cells = new ArrayList<>();
        double[] extremes = extremes(List.of(values));
        double min = extremes[0];
        double max = extremes[1];
        double range = max - min;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                cells.add(new Number[] {c, r, forLegend(values[r][c], range)});
            }
        }
        min = forLegend(min, range);
        max = forLegend(max, range);
        HeatMapChart chart = new HeatMapChartBuilder().width(size().width).height(size().height)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x6baed6), new Color(0x08306b)});
        chart.getStyler().setMin(min);
        chart.getStyler().setMax(max == min ? min + 1 : max);
        chart.getStyler().setHeatMapDecimalValueFormatter(Plots::threeSignificantDigits);
        chart.addSeries(title, xs, ys, cells);
        return chart;
    }

    /** A heat map of a 2-D array; rows numbered from 0 along y, columns along x. */
    public static HeatMapChart heatMap(String title, String xLabel, String yLabel, NDArray values) {
        if (values.getShape().dimension() != 2) {
            throw new IllegalArgumentException("heat map '" + title + "' needs a 2-D array, got shape "
                    + values.getShape());
        }
        int rows = (int) values.getShape().get(0);
        int columns = (int) values.getShape().get(1);
        double[] flat;
        try (NDArray row = values.reshape(rows * (long) columns)) {
            flat = toDoubles(row, "heat map values");
        }
        double[][] grid = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * columns, grid[r], 0, columns);
        }
        return heatMap(title, xLabel, yLabel, grid, null, null);
    }

    /**
     * A heat-map value rounded to a thousandth of the map's range. XChart's colour-bar legend prints
     * the smallest and largest value with Double.toString, ignoring any formatter (0.9708178639411926
     * and 6.190774826109191E-8); rounded, they print as 0.9708 and 0.0. A thousandth of the range
     * changes no colour that an eye can tell apart.
     */
    static double forLegend(double value, double range) {
        if (!Double.isFinite(value) || !(range > 0) || !Double.isFinite(range)) {
            return value;
        }
        int decimals = 3 - (int) Math.floor(Math.log10(range));
        return new java.math.BigDecimal(value).setScale(Math.max(0, decimals), java.math.RoundingMode.HALF_UP).doubleValue();
    }

    /** A heat map legend's number: three significant digits, no trailing zeros (0.1234567 becomes 0.123). */
    static String threeSignificantDigits(Double value) {
        if (value == null || !Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (value == 0) {
            return "0";
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** Draws a chart into an image (what {@code show} puts in the notebook). */
    public static BufferedImage image(Chart<?, ?> chart) {
        fixLogarithmicAxes(chart);
        fitTitle(chart);
        if (!(chart instanceof XYChart xy)) {
            return BitmapEncoder.getBufferedImage(chart);
        }
        XYStyler styler = xy.getStyler();
        Double xMin = styler.getXAxisMin();
        Double yMin = styler.getYAxisMin();
        try {
            roundTicks(xy);
            return BitmapEncoder.getBufferedImage(chart);
        } finally {
            styler.setXAxisMin(xMin);
            styler.setYAxisMin(yMin);
        }
    }

    /**
     * Where an axis's data values are equally spaced, XChart puts its ticks on every k-th value, which
     * for x from a linspace reads -6.283, -5.336, -4.389, … and for 150 steps 0, 7, 14, 21, …; there
     * the axis is made to start a thousandth of a step below the data for this drawing, and XChart then
     * picks round ticks (-6, -4, …; 0, 20, 40, …). A few whole-number values (up to 20 epochs, layers or
     * k's) keep their ticks on the data, where a round tick could fall between two of them (epoch 1.5).
     * Axes that are logarithmic or whose range the notebook set are left as they are.
     */
    static void roundTicks(XYChart chart) {
        XYStyler styler = chart.getStyler();
        if (!styler.isXAxisLogarithmic() && styler.getXAxisMin() == null && styler.getXAxisMax() == null) {
            List<double[]> xs = chart.getSeriesMap().values().stream().map(XYSeries::getXData).toList();
            styler.setXAxisMin(startBelowEqualSteps(xs));
        }
        if (!styler.isYAxisLogarithmic() && styler.getYAxisMin() == null && styler.getYAxisMax() == null) {
            List<double[]> ys = chart.getSeriesMap().values().stream().map(XYSeries::getYData).toList();
            styler.setYAxisMin(startBelowEqualSteps(ys));
        }
    }

    /**
     * A thousandth of a step below the smallest value when the distinct values, in XChart's order
     * (the axis's minimum, each series' values in turn, its maximum), are equally spaced, by a step
     * that is not a whole number or across more than 20 values; otherwise null (XChart's own choice).
     */
    static Double startBelowEqualSteps(List<double[]> series) {
        double[] extremes = extremes(series);
        double min = extremes[0];
        double max = extremes[1];
        if (!(max - min >= 1e-4)) {
            return null;
        }
        java.util.LinkedHashSet<Double> distinct = new java.util.LinkedHashSet<>();
        distinct.add(min);
        for (double[] values : series) {
            for (double v : values) {
                distinct.add(v);
            }
        }
        distinct.add(max);
        Double[] v = distinct.toArray(new Double[0]);
        double step = v[1] - v[0];
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i] - v[i - 1] - step) >= 1e-4) {
                return null;   // XChart's own test: not equally spaced, so it picks round ticks itself
            }
        }
        boolean fewWholeSteps = Math.abs(step - Math.rint(step)) < 1e-9 && v.length <= 20;
        return fewWholeSteps ? null : min - Math.abs(step) / 1000;
    }

    /**
     * Sets the axes to show at least [xMin, xMax] × [yMin, yMax] with one unit as long on the x axis
     * as on the y axis, so that a circle is drawn round and a right angle looks right; the range of
     * the axis with room to spare is widened about its centre. XChart has no such setting, so the
     * chart is drawn once to measure its plot area: call this after adding series, legend and styling.
     */
    public static XYChart equalAxes(XYChart chart, double xMin, double xMax, double yMin, double yMax) {
        if (!(xMax > xMin) || !(yMax > yMin)) {
            throw new IllegalArgumentException("equal axes for '" + chart.getTitle() + "' need xMin < xMax and "
                    + "yMin < yMax, got x in [" + xMin + ", " + xMax + "] and y in [" + yMin + ", " + yMax + "]");
        }
        double[] x = {xMin, xMax};
        double[] y = {yMin, yMax};
        // Twice: the new ranges' tick labels can change the plot area's width by a few pixels.
        for (int pass = 0; pass < 2; pass++) {
            chart.getStyler().setXAxisMin(x[0]).setXAxisMax(x[1]).setYAxisMin(y[0]).setYAxisMax(y[1]);
            double[] area = plotArea(chart);
            double xPerPixel = (xMax - xMin) / area[0];
            double yPerPixel = (yMax - yMin) / area[1];
            double perPixel = Math.max(xPerPixel, yPerPixel);
            double xCentre = (xMin + xMax) / 2;
            double yCentre = (yMin + yMax) / 2;
            x = new double[] {xCentre - perPixel * area[0] / 2, xCentre + perPixel * area[0] / 2};
            y = new double[] {yCentre - perPixel * area[1] / 2, yCentre + perPixel * area[1] / 2};
        }
        chart.getStyler().setXAxisMin(x[0]).setXAxisMax(x[1]).setYAxisMin(y[0]).setYAxisMax(y[1]);
        return chart;
    }

    /** Width and height in pixels of the plot area XChart draws for this chart (found by painting it once). */
    static double[] plotArea(XYChart chart) {
        Color background = chart.getStyler().getPlotBackgroundColor();
        Color probe = new Color(0x01, 0x02, 0x03);
        chart.getStyler().setPlotBackgroundColor(probe);
        BufferedImage image;
        try {
            image = image(chart);
        } finally {
            chart.getStyler().setPlotBackgroundColor(background);
        }
        int left = image.getWidth();
        int right = -1;
        int top = image.getHeight();
        int bottom = -1;
        for (int py = 0; py < image.getHeight(); py++) {
            for (int px = 0; px < image.getWidth(); px++) {
                if ((image.getRGB(px, py) & 0xFFFFFF) == (probe.getRGB() & 0xFFFFFF)) {
                    left = Math.min(left, px);
                    right = Math.max(right, px);
                    top = Math.min(top, py);
                    bottom = Math.max(bottom, py);
                }
            }
        }
        if (right < left) {
            throw new IllegalStateException("chart '" + chart.getTitle() + "' has no plot area to measure");
        }
        return new double[] {right - left + 1, bottom - top + 1};
    }

    /**
     * XChart cuts off a title that is wider than the room beside the plot; such a title gets a
     * smaller font (down to 10 pt) so that it fits.
     */
    static void fitTitle(Chart<?, ?> chart) {
        String title = chart.getTitle();
        if (title == null || title.isEmpty() || !chart.getStyler().isChartTitleVisible()) {
            return;
        }
        Font font = chart.getStyler().getChartTitleFont();
        // XChart centres the title over the plot area, which the y axis pushes right: a title
        // wider than 80% of the chart can run off one edge.
        double available = 0.8 * chart.getWidth();
        java.awt.font.FontRenderContext context = new java.awt.font.FontRenderContext(null, true, false);
        double width = font.getStringBounds(title, context).getWidth();
        if (width > available && font.getSize() > 10) {
            float fitted = (float) Math.max(10, Math.floor(font.getSize2D() * available / width));
            chart.getStyler().setChartTitleFont(font.deriveFont(fitted));
        }
    }

    /**
     * The y tick formatter the course installs makes XChart label a logarithmic axis as if it were
     * linear (evenly spaced 0, 500, 1000 on a log-scaled curve). Before drawing, a log axis gets
     * XChart's own decade labels back, with a compact number pattern.
     */
    static void fixLogarithmicAxes(Chart<?, ?> chart) {
        if (chart.getStyler() instanceof XYStyler styler) {
            if (styler.isYAxisLogarithmic() && styler.getyAxisTickLabelsFormattingFunction() != null) {
                styler.setyAxisTickLabelsFormattingFunction(null);
                if (styler.getYAxisDecimalPattern() == null) {
                    styler.setYAxisDecimalPattern("0.###E0");
                }
            }
        }
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        Size preset = size();
        styler.setChartTitleFont(font(Font.BOLD, preset.titleFont));
        styler.setLegendFont(font(Font.PLAIN, preset.legendFont));
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        if (!(styler instanceof HeatMapStyler)) {
            // XChart allows heat-map legends only outside the plot; heatMap() puts it on the right.
            styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        }
        styler.setAntiAlias(true);
        styler.setSeriesColors(PALETTE);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setAxisTitleFont(font(Font.PLAIN, preset.axisTitleFont));
            axes.setAxisTickLabelsFont(font(Font.PLAIN, preset.tickFont));
            axes.setPlotGridLinesColor(new Color(0xe5e5e5));
            axes.setPlotGridLinesStroke(new BasicStroke(1f));
            axes.setAxisTickPadding(4);
            // Left alone, XChart prints ticks of float data in full (1.399999976158142). A formatting
            // function also makes XChart put x ticks on data values, crowding them, so x gets a pattern.
            axes.setXAxisDecimalPattern("#,##0.###");
            if (axes instanceof XYStyler) {
                axes.setyAxisTickLabelsFormattingFunction(Plots::tickLabel);
            }
        }
    }

    /** Colour-blind-friendly palette (Okabe and Ito). */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000),
    };

    /** A tick label with at most 4 significant digits: 0.3, 1,200, 2.5e-05. */
    static String tickLabel(Double value) {
        double v = value;
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        double magnitude = Math.abs(v);
        if (magnitude >= 1e-3 && magnitude < 1e7) {
            BigDecimal rounded = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
            DecimalFormat format = new DecimalFormat("#,##0.######", DecimalFormatSymbols.getInstance(Locale.ROOT));
            return format.format(rounded);
        }
        return String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+e", "e");
    }

    /**
     * Row or column numbers 0 … n-1 as tick labels. Above 20 they would overlap, so only every 5th is
     * written (every 10th above 50) and the other ticks get a blank label (one space: XChart cannot draw
     * an empty one).
     */
    static List<?> numbers(int n) {
        if (n <= 20) {
            List<Integer> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(i);
            }
            return list;
        }
        int every = n <= 50 ? 5 : 10;
        List<String> labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            labels.add(i % every == 0 ? String.valueOf(i) : " ");
        }
        return labels;
    }

    /** {min, max} over every value of {@code arrays}; {+inf, -inf} when there is none. */
    private static double[] extremes(List<double[]> arrays) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] values : arrays) {
            for (double v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return new double[] {min, max};
    }

    static double[] toDoubles(NDArray array, String what) {
        if (array.getShape().dimension() != 1) {
            throw new IllegalArgumentException(what + " must be a 1-D array, got shape " + array.getShape());
        }
        try (NDArray copy = array.toType(ai.djl.ndarray.types.DataType.FLOAT64, true)) {
            return copy.toDoubleArray();
        }
    }
}

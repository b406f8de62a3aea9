package dlcourse.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dlcourse.notebook.Course;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

class PlotsTest {

    /** A library bug these tests pin down; see the report of the unit tests. */

    @Test
    void aChineseChartIsDrawnInAFontThatHasItsCharacters() {
        assumeTrue(Plots.cjkFamily() != null, "no font with Chinese glyphs is installed, so Chinese charts would show"
                + " boxes: on Debian or Ubuntu run apt-get install fonts-noto-cjk (./course setup does)");
        Course.language("zh");
        try {
            XYChart chart = Plots.line("训练损失随轮数下降", "轮", "损失");
            Plots.series(chart, "训练损失", new double[] {1, 2, 3}, new double[] {0.9, 0.5, 0.4});
            Plots.series(chart, "验证损失", new double[] {1, 2, 3}, new double[] {1.0, 0.7, 0.6});
            BufferedImage image = Plots.image(chart);
            assertEquals(Plots.size().width, image.getWidth());
            Styler styler = chart.getStyler();
            assertEquals(Plots.cjkFamily(), styler.getChartTitleFont().getFamily(Locale.ROOT));
            assertEquals(-1, styler.getChartTitleFont().canDisplayUpTo(chart.getTitle()), "the title's characters");
            assertEquals(-1, chart.getStyler().getAxisTitleFont().canDisplayUpTo(chart.getXAxisTitle() + chart.getYAxisTitle()),
                    "the axis titles' characters");
            for (String legend : chart.getSeriesMap().keySet()) {
                assertEquals(-1, styler.getLegendFont().canDisplayUpTo(legend), "the legend's characters: " + legend);
            }
            assertEquals(-1, Plots.font(Font.PLAIN, 11).canDisplayUpTo("卷积层的特征图"), "image grids' and diagrams' text");
        } finally {
            Course.language("en");
        }
    }

    @Test
    void anEnglishChartKeepsTheLogicalSansSerifFont() {
        XYChart chart = Plots.line("Training loss", "epoch", "loss");
        assertEquals(Font.SANS_SERIF, chart.getStyler().getChartTitleFont().getName());
        assertEquals(Font.SANS_SERIF, Plots.font(Font.BOLD, 15).getName());
    }

    @Test
    void lineChartKeepsTitleAxisLabelsAndSize() {
        XYChart chart = Plots.line("Training loss", "epoch", "loss");
        assertEquals("Training loss", chart.getTitle());
        assertEquals("epoch", chart.getXAxisTitle());
        assertEquals("loss", chart.getYAxisTitle());
        assertEquals(Plots.WIDTH, chart.getWidth());
        assertEquals(Plots.HEIGHT, chart.getHeight());
        assertEquals(XYSeries.XYSeriesRenderStyle.Line, chart.getStyler().getDefaultSeriesRenderStyle());
    }

    @Test
    void scatterChartKeepsTitleAndAxisLabels() {
        XYChart chart = Plots.scatter("Data", "x", "y");
        assertEquals("Data", chart.getTitle());
        assertEquals("x", chart.getXAxisTitle());
        assertEquals("y", chart.getYAxisTitle());
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, chart.getStyler().getDefaultSeriesRenderStyle());
    }

    @Test
    void seriesAddsThePointsGiven() {
        XYChart chart = Plots.line("t", "x", "y");
        XYSeries series = Plots.series(chart, "square", new double[] {1, 2, 3}, new double[] {1, 4, 9});
        assertEquals("square", series.getName());
        assertArrayEquals(new double[] {1, 4, 9}, series.getYData());
        assertEquals(SeriesMarkers.NONE, series.getMarker(), "a line series is drawn without markers");
        assertEquals(series, chart.getSeriesMap().get("square"));
    }

    @Test
    void aLineSeriesThatAsksForMarkersShowsThemAndOneThatDoesNotShowsNone() {
        XYChart chart = Plots.line("t", "learning rate", "accuracy");
        chart.getStyler().setLegendVisible(false);
        // One point a series: no line is drawn, so only a marker can paint a series' colour.
        XYSeries dots = Plots.series(chart, "with markers", new double[] {1}, new double[] {1});
        dots.setMarker(SeriesMarkers.CIRCLE);
        Plots.series(chart, "without", new double[] {2}, new double[] {2});
        assertEquals(Plots.LINE_MARKER_SIZE, chart.getStyler().getMarkerSize());
        BufferedImage image = Plots.image(chart);
        int firstColour = 0x0072B2;
        int secondColour = 0xE69F00;
        int first = 0;
        int second = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                first += rgb == firstColour ? 1 : 0;
                second += rgb == secondColour ? 1 : 0;
            }
        }
        assertTrue(first >= 9, "a circle of 7 px shows at least 9 pixels, got " + first);
        assertEquals(0, second, "a line series that asks for no markers draws none");
    }

    @Test
    void aSeriesNamedByTheMessageTablesShowsItsNameInTheNotebooksLanguage() {
        Course.language("zh");
        try {
            XYChart chart = Plots.line("t", "x", "y");
            Plots.series(chart, "sneaker", new double[] {1, 2}, new double[] {3, 4});
            Plots.series(chart, "our model", new double[] {1, 2}, new double[] {3, 4});
            assertEquals(List.of("运动鞋", "our model"), List.copyOf(chart.getSeriesMap().keySet()));
        } finally {
            Course.language("en");
        }
    }

    @Test
    void seriesOfYAloneNumbersThePointsFromOne() {
        XYChart chart = Plots.line("t", "epoch", "loss");
        XYSeries series = Plots.series(chart, "loss", new double[] {0.9, 0.5, 0.4});
        assertArrayEquals(new double[] {1, 2, 3}, series.getXData());
    }

    @Test
    void seriesFromNDArrays() {
        try (NDManager manager = NDManager.newBaseManager()) {
            XYChart chart = Plots.scatter("t", "x", "y");
            XYSeries series = Plots.series(chart, "points", manager.create(new float[] {0f, 0.5f}),
                    manager.create(new int[] {3, 4}));
            assertArrayEquals(new double[] {0, 0.5}, series.getXData());
            assertArrayEquals(new double[] {3, 4}, series.getYData());
        }
    }

    @Test
    void seriesFromA2dArrayNamesTheSeriesAndTheShape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            XYChart chart = Plots.scatter("t", "x", "y");
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Plots.series(chart, "points", manager.zeros(new Shape(2, 2)), manager.zeros(new Shape(4))));
            assertEquals("x of series 'points' must be a 1-D array, got shape (2, 2)", error.getMessage());
        }
    }

    @Test
    void seriesWithDifferentLengthsNamesTheSeriesAndBothLengths() {
        XYChart chart = Plots.line("t", "x", "y");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Plots.series(chart, "loss", new double[] {1, 2, 3}, new double[] {1, 2}));
        assertEquals("series 'loss' has 3 x values but 2 y values; give one y for every x", error.getMessage());
        assertTrue(chart.getSeriesMap().isEmpty());
    }

    @Test
    void seriesWithoutPointsNamesTheSeries() {
        XYChart chart = Plots.line("t", "x", "y");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Plots.series(chart, "loss", new double[0]));
        assertEquals("series 'loss' has no points", error.getMessage());
    }

    @Test
    void heatMapPutsColumnsAlongXAndRowsAlongY() {
        double[][] values = {{1, 2, 3}, {4, 5, 6}};
        HeatMapChart chart = Plots.heatMap("Attention", "key", "query", values, List.of("a", "b", "c"),
                List.of("x", "y"));
        assertEquals("Attention", chart.getTitle());
        assertEquals("key", chart.getXAxisTitle());
        assertEquals("query", chart.getYAxisTitle());
        HeatMapSeries series = chart.getSeriesMap().get("Attention");
        assertEquals(List.of("a", "b", "c"), series.getXData());
        assertEquals(List.of("x", "y"), series.getYData());
        // cell (column 2, row 1) holds values[1][2]
        List<Number[]> cells = List.copyOf(series.getHeatData());
        assertTrue(cells.stream().anyMatch(cell -> cell[0].intValue() == 2
                && cell[1].intValue() == 1 && cell[2].doubleValue() == 6.0));
        assertEquals(6, series.getHeatData().size());
        assertEquals(1.0, chart.getStyler().getMin());
        assertEquals(6.0, chart.getStyler().getMax());
    }

    @Test
    void heatMapOfConstantValuesStillHasARange() {
        HeatMapChart chart = Plots.heatMap("flat", "x", "y", new double[][] {{2, 2}}, null, null);
        assertEquals(2.0, chart.getStyler().getMin());
        assertEquals(3.0, chart.getStyler().getMax());
    }

    @Test
    void heatMapWithRaggedRowsSaysWhichLengthsDiffer() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Plots.heatMap("ragged", "x", "y", new double[][] {{1, 2, 3}, {4, 5}}, null, null));
        assertEquals("heat map 'ragged' has rows of different lengths (3 and 2); every row needs one value per column",
                error.getMessage());
    }

    @Test
    void heatMapWithWrongLabelCountsGivesSizeAndCounts() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Plots.heatMap("labels", "x", "y", new double[][] {{1, 2, 3}, {4, 5, 6}},
                        List.of("a", "b"), List.of("r")));
        assertEquals("heat map 'labels' is 2x3 but has 1 row labels and 2 column labels", error.getMessage());
    }

    @Test
    void heatMapWithoutValuesIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Plots.heatMap("empty", "x", "y", new double[0][], null, null));
        assertEquals("heat map 'empty' has no values", error.getMessage());
    }

    @Test
    void heatMapOfANon2dArrayNamesTheShape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Plots.heatMap("cube", "x", "y", manager.zeros(new Shape(2, 3, 4))));
            assertEquals("heat map 'cube' needs a 2-D array, got shape (2, 3, 4)", error.getMessage());
        }
    }

    @Test
    void heatMapOfA2x3ArrayRenders() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HeatMapChart chart = Plots.heatMap("weights", "column", "row",
                    manager.arange(6f).reshape(2, 3));
            HeatMapSeries series = chart.getSeriesMap().get("weights");
            assertEquals(List.of(0, 1, 2), series.getXData());
            assertEquals(List.of(0, 1), series.getYData());
            assertEquals(5.0, chart.getStyler().getMax());
            BufferedImage image = Plots.image(chart);
            assertEquals(Plots.WIDTH, image.getWidth());
            assertEquals(Plots.HEIGHT, image.getHeight());
        }
    }

    @Test
    void heatMapOfManyRowsAndColumnsNumbersOnlyEveryFifthOrTenth() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HeatMapChart chart = Plots.heatMap("encoding", "dimension", "position",
                    manager.zeros(new Shape(60, 32)));
            HeatMapSeries series = chart.getSeriesMap().get("encoding");
            assertEquals(32, series.getXData().size());
            assertEquals(List.of("0", " ", " ", " ", " ", "5"), series.getXData().subList(0, 6));
            assertEquals("30", series.getXData().get(30));
            assertEquals(60, series.getYData().size());
            assertEquals(List.of("0", " ", " ", " ", " ", " ", " ", " ", " ", " ", "10"),
                    series.getYData().subList(0, 11));
            assertEquals(List.of(0, 1, 2, 3), Plots.numbers(4));      // 20 or fewer: every number
            assertEquals(19, Plots.numbers(20).get(19));
            BufferedImage image = Plots.image(chart);
            assertEquals(Plots.WIDTH, image.getWidth());
        }
    }

    @Test
    void equallySpacedDataStartsTheAxisAThousandthOfAStepBelowItForRoundTicks() {
        double[] x = new double[101];
        for (int i = 0; i < x.length; i++) {
            x[i] = -2 * Math.PI + i * 4 * Math.PI / 100;   // a linspace: XChart would tick -6.283, -5.336, ...
        }
        double step = 4 * Math.PI / 100;
        assertEquals(-2 * Math.PI - step / 1000, Plots.startBelowEqualSteps(List.of(x, x)), 1e-12);
        // A few whole-number steps (epochs 1 to 20) keep XChart's ticks on the data; so do unequal steps and one
        // value. 150 whole steps get round ticks (0, 20, 40, ... instead of 0, 7, 14, ...).
        double[] epochs = new double[20];
        double[] steps = new double[151];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i;
            if (i < epochs.length) {
                epochs[i] = i + 1;
            }
        }
        assertEquals(null, Plots.startBelowEqualSteps(List.of(epochs)));
        assertEquals(-0.001, Plots.startBelowEqualSteps(List.of(steps)), 1e-12);
        assertEquals(null, Plots.startBelowEqualSteps(List.of(new double[] {0, 0.1, 0.3, 0.35})));
        assertEquals(null, Plots.startBelowEqualSteps(List.of(new double[] {2.5, 2.5})));

        XYChart chart = Plots.line("sin", "x", "y");
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.sin(x[i]);
        }
        Plots.series(chart, "sin(x)", x, y);
        Plots.roundTicks(chart);
        assertEquals(-2 * Math.PI - step / 1000, chart.getStyler().getXAxisMin(), 1e-12);
        assertEquals(null, chart.getStyler().getYAxisMin());   // sin(x) is not equally spaced
        chart.getStyler().setXAxisMin(null);
        Plots.image(chart);
        assertEquals(null, chart.getStyler().getXAxisMin());   // only for the drawing: a live plot's data may grow

        XYChart fixed = Plots.line("set by the notebook", "x", "y");
        Plots.series(fixed, "sin(x)", x, y);
        fixed.getStyler().setXAxisMin(-7.0);
        Plots.roundTicks(fixed);
        assertEquals(-7.0, fixed.getStyler().getXAxisMin());
    }

    @Test
    void imageOfALineChartHasTheChartSize() {
        XYChart chart = Plots.line("t", "x", "y");
        Plots.series(chart, "y", new double[] {1, 3, 2});
        BufferedImage image = Plots.image(chart);
        assertEquals(Plots.WIDTH, image.getWidth());
        assertEquals(Plots.HEIGHT, image.getHeight());
    }

    @Test
    void tickLabelsKeepFourSignificantDigits() {
        assertEquals("1.4", Plots.tickLabel((double) 1.4f));
        assertEquals("0.3", Plots.tickLabel(0.1 + 0.2));
        assertEquals("-6.283", Plots.tickLabel((double) (float) (-2 * Math.PI)));
        assertEquals("1,200", Plots.tickLabel(1200.0));
        assertEquals("0", Plots.tickLabel(0.0));
        assertEquals("2.5e-05", Plots.tickLabel(2.5e-5));
        assertEquals("1e+08", Plots.tickLabel(1e8));
    }

    @Test
    void heatMapLegendNumbersHaveThreeSignificantDigits() {
        org.junit.jupiter.api.Assertions.assertEquals("0.123", Plots.threeSignificantDigits(0.12345678901234));
        org.junit.jupiter.api.Assertions.assertEquals("1230", Plots.threeSignificantDigits(1234.5));
        org.junit.jupiter.api.Assertions.assertEquals("0.5", Plots.threeSignificantDigits(0.5));
        org.junit.jupiter.api.Assertions.assertEquals("0", Plots.threeSignificantDigits(0.0));
        org.junit.jupiter.api.Assertions.assertEquals("-0.0000123", Plots.threeSignificantDigits(-0.0000123456));
    }

    @Test
    void heatMapValuesAreRoundedSoTheColourBarPrintsShortNumbers() {
        // XChart prints the colour bar's ends with Double.toString.
        org.junit.jupiter.api.Assertions.assertEquals("0.9708", Double.toString(Plots.forLegend(0.9708178639411926, 0.97)));
        org.junit.jupiter.api.Assertions.assertEquals("0.0", Double.toString(Plots.forLegend(6.190774826109191E-8, 0.97)));
        org.junit.jupiter.api.Assertions.assertEquals("1235.0", Double.toString(Plots.forLegend(1234.5, 5000)));
        org.junit.jupiter.api.Assertions.assertEquals("-0.01235", Double.toString(Plots.forLegend(-0.0123456, 0.02)));
        org.junit.jupiter.api.Assertions.assertEquals(3.0, Plots.forLegend(3.0, 0), "a flat map is left alone");
    }

    @Test
    void presentationSizeIsLargerAndNamedByTheEnvironment() {
        org.junit.jupiter.api.Assertions.assertEquals(Plots.Size.NOTEBOOK, Plots.Size.fromEnvironment(null));
        org.junit.jupiter.api.Assertions.assertEquals(Plots.Size.PRESENTATION, Plots.Size.fromEnvironment("presentation"));
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Plots.Size.fromEnvironment("huge"));
        org.junit.jupiter.api.Assertions.assertTrue(bad.getMessage().contains("'notebook' or 'presentation'"));
        Plots.Size before = Plots.size();
        try {
            Plots.useSize(Plots.Size.PRESENTATION);
            java.awt.image.BufferedImage big = Plots.image(Plots.line("t", "x", "y"));
            org.junit.jupiter.api.Assertions.assertTrue(big.getWidth() >= 800, "slides need charts at least 800 px wide");
            Plots.useSize(Plots.Size.NOTEBOOK);
            org.junit.jupiter.api.Assertions.assertEquals(Plots.WIDTH, Plots.image(Plots.line("t", "x", "y")).getWidth());
        } finally {
            Plots.useSize(before);
        }
    }

    @Test
    void logarithmicYAxisGetsXChartsOwnLabels() throws Exception {
        org.knowm.xchart.XYChart chart = Plots.line("Decay", "step", "loss (log scale)");
        double[] x = new double[30];
        double[] y = new double[30];
        for (int i = 0; i < 30; i++) {
            x[i] = i;
            y[i] = 2500 * Math.pow(0.5, i);
        }
        Plots.series(chart, "loss", x, y);
        chart.getStyler().setYAxisLogarithmic(true);
        java.awt.image.BufferedImage image = Plots.image(chart);
        org.junit.jupiter.api.Assertions.assertNull(chart.getStyler().getyAxisTickLabelsFormattingFunction());
        org.junit.jupiter.api.Assertions.assertEquals(Plots.size().width, image.getWidth());
        String out = System.getProperty("dlcourse.plotsTest.out");
        if (out != null) {
            javax.imageio.ImageIO.write(image, "png", new java.io.File(out));
        }
    }

    @Test
    void aTitleWiderThanTheChartGetsASmallerFontAndAShortOneKeepsItsOwn() {
        XYChart wide = Plots.line("MLP on the 10,000 test images: true class vs prediction, at presentation size", "x", "y");
        int before = wide.getStyler().getChartTitleFont().getSize();
        Plots.fitTitle(wide);
        int after = wide.getStyler().getChartTitleFont().getSize();
        assertTrue(after < before, "font " + before + " -> " + after);
        double width = wide.getStyler().getChartTitleFont()
                .getStringBounds(wide.getTitle(), new java.awt.font.FontRenderContext(null, true, false)).getWidth();
        assertTrue(width <= wide.getWidth(), "title " + width + " px wide on a chart of " + wide.getWidth());
        XYChart narrow = Plots.line("Loss", "x", "y");
        int own = narrow.getStyler().getChartTitleFont().getSize();
        Plots.fitTitle(narrow);
        assertEquals(own, narrow.getStyler().getChartTitleFont().getSize());
    }


    /** The bounding box {width, height} of the pixels of exactly this colour. */
    private static int[] extent(BufferedImage image, int rgb) {
        int left = image.getWidth(), right = -1, top = image.getHeight(), bottom = -1;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        return new int[] {right - left + 1, bottom - top + 1};
    }

    @Test
    void equalAxesDrawACircleRoundOnAWideChart() {
        XYChart chart = Plots.line("circle", "x", "y");
        double[] xs = new double[361];
        double[] ys = new double[361];
        for (int i = 0; i <= 360; i++) {
            xs[i] = Math.cos(Math.toRadians(i));
            ys[i] = Math.sin(Math.toRadians(i));
        }
        XYSeries circle = Plots.series(chart, "unit circle", xs, ys);
        circle.setLineColor(new java.awt.Color(0x123456));
        chart.getStyler().setLegendVisible(false);            // its sample line has the circle's colour
        Plots.equalAxes(chart, -1.1, 1.1, -1.1, 1.1);
        int[] drawn = extent(Plots.image(chart), 0x123456);
        assertEquals(1.0, (double) drawn[0] / drawn[1], 0.03, "the circle is " + drawn[0] + " by " + drawn[1] + " pixels");
        assertTrue(chart.getStyler().getXAxisMax() > 1.1 && chart.getStyler().getYAxisMax() == 1.1,
                "a 640 × 400 chart gets a wider x range; y keeps the range asked for");
        assertEquals(0, chart.getStyler().getXAxisMin() + chart.getStyler().getXAxisMax(), 1e-9, "x is widened about its centre");
    }

    @Test
    void equalAxesWidenYOnATallChart() {
        XYChart chart = new org.knowm.xchart.XYChartBuilder().width(300).height(600).title("tall").build();
        Plots.series(chart, "line", new double[] {0, 1}, new double[] {0, 1});
        Plots.equalAxes(chart, 0, 4, 0, 1);
        assertEquals(0, chart.getStyler().getXAxisMin(), 1e-9);
        assertEquals(4, chart.getStyler().getXAxisMax(), 1e-9);
        assertTrue(chart.getStyler().getYAxisMax() - chart.getStyler().getYAxisMin() > 4, "y gets more than x's 4 units");
    }

    @Test
    void equalAxesRefuseAnEmptyRange() {
        XYChart chart = Plots.line("t", "x", "y");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plots.equalAxes(chart, 1, 1, 0, 2));
        assertTrue(e.getMessage().contains("xMin < xMax") && e.getMessage().contains("[1.0, 1.0]"), e.getMessage());
    }
}

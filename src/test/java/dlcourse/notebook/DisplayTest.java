package dlcourse.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dlcourse.plot.Plots;
import dlcourse.tensor.Tensors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

class DisplayTest {

    /** A library bug these tests pin down; see the report of the unit tests. */

    private static String printedBy(Runnable action) {
        return dlcourse.SystemOut.capture(action);
    }

    private static XYChart chart() {
        XYChart chart = Plots.line("Loss", "epoch", "loss");
        Plots.series(chart, "train", new double[] {0.9, 0.5, 0.4});
        return chart;
    }

    @Test
    void chartRendersAsAPngOfTheChartSize() throws IOException {
        Map<String, String> bundle = Display.render(chart());
        assertEquals(List.of("image/png", "text/plain"), List.copyOf(bundle.keySet()));
        BufferedImage image = Display.decode(bundle.get("image/png"));
        assertEquals(Plots.WIDTH, image.getWidth());
        assertEquals(Plots.HEIGHT, image.getHeight());
        assertEquals("chart: Loss", bundle.get("text/plain"));
    }

    @Test
    void imageRendersAsTheSamePixels() throws IOException {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(2, 1, 0x123456);
        Map<String, String> bundle = Display.render(image);
        BufferedImage decoded = Display.decode(bundle.get("image/png"));
        assertEquals(3, decoded.getWidth());
        assertEquals(2, decoded.getHeight());
        assertEquals(0x123456, decoded.getRGB(2, 1) & 0xFFFFFF);
        assertEquals("image 3x2", bundle.get("text/plain"));
    }

    @Test
    void tableRendersAsHtmlWithRoundedNumbers() {
        DoubleColumn loss = DoubleColumn.create("loss", 0.123456789, 2.0);
        loss.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        Table table = Table.create("Results", StringColumn.create("model", "mlp", "cnn"), loss);
        Map<String, String> bundle = Display.render(table);
        String html = bundle.get("text/html");
        assertTrue(html.startsWith("<table"), html);
        assertTrue(html.endsWith("</table>"), html);
        assertTrue(html.contains("<td style=\"text-align:right\">0.1235</td>"), html);
        assertTrue(html.contains("<td style=\"text-align:right\">2.0000</td>"), html);
        assertFalse(html.contains("0.123456789"), html);
        assertEquals(table.printAll(), bundle.get("text/plain"));
    }

    @Test
    void arrayRendersAsTensorsFormat() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array = manager.create(new float[] {1f, 2f, 3f, 4f}, new Shape(2, 2));
            Map<String, String> bundle = Display.render(array);
            assertEquals(Map.of("text/plain", Tensors.format(array)), bundle);
            assertEquals("NDArray (2, 2) float32\n[[1.0, 2.0],\n [3.0, 4.0]]", bundle.get("text/plain"));
        }
    }

    @Test
    void anythingElseRendersAsItsString() {
        assertEquals(Map.of("text/plain", "42"), Display.render(42));
        assertEquals(Map.of("text/plain", "null"), Display.render(null));
    }

    @Test
    void pngIsValidBase64OfAPng() throws IOException {
        BufferedImage image = new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB);
        String base64 = Display.png(image);
        assertTrue(base64.startsWith("iVBORw0KGgo"), "PNG signature in base64: " + base64.substring(0, 11));
        assertEquals(5, Display.decode(base64).getWidth());
    }

    @Test
    void showOutsideAKernelPrintsTheTextForm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array = manager.create(new int[] {1, 2, 3});
            String printed = printedBy(() -> Display.show(array));
            assertEquals("NDArray (3) int32\n[1, 2, 3]" + System.lineSeparator(), printed);
        }
    }

    @Test
    void outsideAKernelOutputIsPlainText() {
        assertFalse(Display.isRich());
    }

    @Test
    void htmlOutsideAKernelPrintsTheTextWithoutTags() {
        String printed = printedBy(() -> Display.html("<h3>Results</h3> <b>all</b> passed"));
        assertEquals("Results all passed" + System.lineSeparator(), printed);
    }

    @Test
    void liveUpdateOutsideAKernelPrintsEachVersion() {
        String printed = printedBy(() -> {
            Display.Handle handle = Display.live("epoch 1");
            handle.update("epoch 2");
            handle.update(chart());
        });
        String n = System.lineSeparator();
        assertEquals("epoch 1" + n + "epoch 2" + n + "chart: Loss" + n, printed);
    }
}

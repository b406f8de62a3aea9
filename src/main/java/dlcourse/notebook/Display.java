package dlcourse.notebook;

import ai.djl.ndarray.NDArray;
import dlcourse.tensor.Tensors;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Shows things in the notebook, whatever the Java kernel: charts and images as PNG,
 * Tablesaw tables as HTML tables, arrays and everything else as text.
 *
 * <pre>
 * show(chart);                       // a picture
 * show(history.table());             // an HTML table
 * Display.Handle live = Display.live(chart);
 * live.update(chart);                // redraws in place where the kernel can
 * </pre>
 */
public final class Display {

    private static volatile KernelDisplay kernel;

    private Display() {
    }

    /** Shows {@code value} as a new output of the current cell. */
    public static void show(Object value) {
        kernel().publish(KernelDisplay.newId(), render(value), false);
    }

    /** Shows {@code value} and returns a handle that can replace it later. */
    public static Handle live(Object value) {
        Handle handle = new Handle(KernelDisplay.newId());
        kernel().publish(handle.id, render(value), false);
        return handle;
    }

    /** Shows a line of HTML (for example a heading or a coloured note). */
    public static void html(String html) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("text/html", html);
        data.put("text/plain", html.replaceAll("<[^>]+>", ""));
        kernel().publish(KernelDisplay.newId(), data, false);
    }

    /** True when outputs appear as pictures and tables (inside a notebook), false in plain text. */
    public static boolean isRich() {
        return kernel().isRich();
    }

    /** A shown output that can be redrawn in place. */
    public static final class Handle {
        private final String id;
        private boolean updatable = true;

        private Handle(String id) {
            this.id = id;
        }

        /** Replaces what this output shows; where the kernel cannot, shows it again below. */
        public void update(Object value) {
            Map<String, String> data = render(value);
            if (updatable) {
                try {
                    kernel().publish(id, data, true);
                    return;
                } catch (IllegalStateException refused) {
                    updatable = false;
                }
            }
            kernel().publish(KernelDisplay.newId(), data, false);
        }

        @Override
        public String toString() {
            return "display " + id;
        }
    }

    /** The MIME bundle {@code value} is shown as. */
    static Map<String, String> render(Object value) {
        Map<String, String> data = new LinkedHashMap<>();
        if (value instanceof Chart<?, ?> chart) {
            data.put("image/png", png(dlcourse.plot.Plots.image(chart)));
            data.put("text/plain", "chart: " + chart.getTitle());
        } else if (value instanceof RenderedImage image) {
            data.put("image/png", png(image));
            data.put("text/plain", "image " + image.getWidth() + "x" + image.getHeight());
        } else if (value instanceof Table table) {
            data.put("text/html", Tables.html(table));
            data.put("text/plain", table.printAll());
        } else if (value instanceof NDArray array) {
            data.put("text/plain", Tensors.format(array));
        } else {
            data.put("text/plain", String.valueOf(value));
        }
        return data;
    }

    static String png(RenderedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the image as PNG", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static KernelDisplay kernel() {
        KernelDisplay found = kernel;
        if (found == null) {
            found = KernelDisplay.find();
            kernel = found;
        }
        return found;
    }

    /** For tests: an image as the kernel would receive it. */
    static BufferedImage decode(String base64Png) throws IOException {
        return ImageIO.read(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(base64Png)));
    }
}

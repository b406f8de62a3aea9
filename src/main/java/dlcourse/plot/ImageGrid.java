package dlcourse.plot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dlcourse.notebook.Messages;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A grid of grey-scale images with a caption under each, for example 2x8 Fashion-MNIST
 * items with their class names. Values are read as intensities in [0, 1] and drawn dark on white, as ink on paper.
 */
public final class ImageGrid {

    private ImageGrid() {
    }

    /**
     * Draws {@code images} (shape (N, H, W) or (N, 1, H, W)) in rows of {@code columns},
     * each enlarged {@code scale} times, with {@code captions} (one per image, or null) below; a caption the
     * course's message tables name, such as a Fashion-MNIST class, is shown in the notebook's language.
     */
    public static BufferedImage of(NDArray images, List<String> captions, int columns, int scale, String title) {
        long[] shape = images.getShape().getShape();
        boolean withChannel = shape.length == 4 && shape[1] == 1;
        if (!(shape.length == 3 || withChannel)) {
            throw new IllegalArgumentException("image grid needs images of shape (N, H, W) or (N, 1, H, W), got "
                    + images.getShape());
        }
        int n = (int) shape[0];
        int h = (int) shape[shape.length - 2];
        int w = (int) shape[shape.length - 1];
        if (captions != null && captions.size() != n) {
            throw new IllegalArgumentException("image grid has " + n + " images but " + captions.size()
                    + " captions; give one caption per image, or none");
        }
        if (columns < 1 || scale < 1) {
            throw new IllegalArgumentException("columns and scale must be at least 1, got " + columns + " and " + scale);
        }
        float[] pixels;
        try (NDArray floats = images.toType(DataType.FLOAT32, true)) {
            pixels = floats.toFloatArray();
        }
        int rows = (n + columns - 1) / columns;
        // Slides (Plots.Size.PRESENTATION) get everything drawn twice as large: sharper images, and
        // captions that stay readable when the deck fits the picture to the screen.
        int f = Plots.size() == Plots.Size.PRESENTATION ? 2 : 1;
        scale *= f;
        int pad = 6 * f;
        int captionHeight = captions == null ? 0 : 18 * f;
        int titleHeight = title == null ? 0 : 28 * f;
        int cellW = w * scale + pad;
        int cellH = h * scale + pad + captionHeight;
        BufferedImage out = new BufferedImage(columns * cellW + pad, rows * cellH + pad + titleHeight,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.BLACK);
        if (title != null) {
            g.setFont(Plots.font(Font.BOLD, 15 * f));
            FontMetrics fm = g.getFontMetrics();
            g.drawString(title, (out.getWidth() - fm.stringWidth(title)) / 2, 20 * f);
        }
        g.setFont(Plots.font(Font.PLAIN, 11 * f));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < n; i++) {
            int x0 = pad + (i % columns) * cellW;
            int y0 = titleHeight + pad + (i / columns) * cellH;
            BufferedImage tile = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = pixels[i * h * w + y * w + x];
                    int grey = 255 - Math.round(255 * Math.max(0f, Math.min(1f, v)));
                    tile.setRGB(x, y, (grey << 16) | (grey << 8) | grey);
                }
            }
            g.drawImage(tile, x0, y0, w * scale, h * scale, null);
            if (captions != null) {
                String caption = Messages.term(captions.get(i));
                while (fm.stringWidth(caption) > w * scale && caption.length() > 1) {
                    caption = caption.substring(0, caption.length() - 1);
                }
                g.drawString(caption, x0 + (w * scale - fm.stringWidth(caption)) / 2, y0 + h * scale + 14 * f);
            }
        }
        g.dispose();
        return out;
    }

    /** A grid with captions, 3 times enlarged, no title. */
    public static BufferedImage of(NDArray images, List<String> captions, int columns) {
        return of(images, captions, columns, 3, null);
    }
}

package dlcourse.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** What the course's diagrams ({@link MatrixDiagram}, {@link UnrolledDiagram}) draw on: a white picture, smooth lines and text. */
final class Canvas {

    private Canvas() {
    }

    /** 2 on slides ({@link Plots.Size#PRESENTATION}), where a diagram is drawn twice as large; 1 in a notebook. */
    static int scale() {
        return Plots.size() == Plots.Size.PRESENTATION ? 2 : 1;
    }

    /** A white picture of this size and a smoothing graphics context to draw on it (dispose it when done). */
    static Graphics2D white(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        return g;
    }

    /** Draws {@code text} in the current font, centred on {@code x}. */
    static void centre(Graphics2D g, String text, int x, int baseline) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }
}

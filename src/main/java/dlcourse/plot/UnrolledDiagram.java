package dlcourse.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A recurrent network unrolled in time, drawn as boxes: inputs x below, hidden states h in the
 * middle (each passing its state to the next), outputs y above. One panel per input/output
 * pattern, for example many-to-one:
 *
 * <pre>
 * show(UnrolledDiagram.of("Input/output patterns", List.of(
 *         UnrolledDiagram.panel("many to one", "xxxx", "...y"),
 *         UnrolledDiagram.panel("many to many", "xxxx", "yyyy"))));
 * </pre>
 *
 * In the pattern strings, step t has an input when {@code inputs.charAt(t) == 'x'} and an output
 * when {@code outputs.charAt(t) == 'y'}; a '.' means none at that step.
 */
public final class UnrolledDiagram {

    /** Fill colours: inputs, hidden states, outputs. */
    static final Color INPUT = new Color(0xf4a3a3);
    static final Color HIDDEN = new Color(0xa8d8a0);
    static final Color OUTPUT = new Color(0x9ec5f0);

    /** Sizes in pixels at notebook size (doubled for slides). */
    static final int BOX = 26;
    static final int STEP = 44;
    static final int ROW = 58;
    static final int MARGIN = 16;
    static final int TITLE = 30;
    static final int CAPTION = 26;

    private UnrolledDiagram() {
    }

    /** One pattern: a name and which steps have an input ('x') and an output ('y'). */
    public record Panel(String name, String inputs, String outputs) {

        public Panel {
            if (name == null || inputs == null || outputs == null) {
                throw new IllegalArgumentException("a panel needs a name, an input pattern and an output pattern, got "
                        + name + ", " + inputs + ", " + outputs);
            }
            if (inputs.isEmpty() || inputs.length() != outputs.length()) {
                throw new IllegalArgumentException("panel '" + name + "' has input pattern \"" + inputs
                        + "\" and output pattern \"" + outputs + "\"; give both, one character per time step, "
                        + "of the same length");
            }
            if (!inputs.matches("[x.]+") || !outputs.matches("[y.]+")) {
                throw new IllegalArgumentException("panel '" + name + "' has patterns \"" + inputs + "\" and \"" + outputs
                        + "\"; write 'x' for a step with an input, 'y' for a step with an output and '.' for none");
            }
        }

        /** The number of time steps. */
        public int steps() {
            return inputs.length();
        }
    }

    /** A panel, e.g. {@code panel("many to one", "xxxx", "...y")}. */
    public static Panel panel(String name, String inputs, String outputs) {
        return new Panel(name, inputs, outputs);
    }

    /** The panels side by side under a title. */
    public static BufferedImage of(String title, List<Panel> panels) {
        if (panels == null || panels.isEmpty()) {
            throw new IllegalArgumentException("an unrolled diagram needs at least one panel");
        }
        int f = Canvas.scale();
        int steps = panels.stream().mapToInt(Panel::steps).sum();
        int width = f * (MARGIN * (panels.size() + 1) + STEP * steps);
        int height = f * (TITLE + 2 * ROW + BOX + 2 * MARGIN + CAPTION);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        g.setFont(Plots.font(Font.BOLD, 15 * f));
        Canvas.centre(g, title, width / 2, 20 * f);
        int left = f * MARGIN;
        for (Panel panel : panels) {
            draw(g, panel, left, f);
            left += f * (STEP * panel.steps() + MARGIN);
        }
        g.dispose();
        return image;
    }

    /** The centre x of step t's boxes in a panel whose left edge is at {@code left}. */
    static int centreX(int left, int t, int f) {
        return left + f * (STEP * t + STEP / 2);
    }

    /** The top y of the output, hidden and input rows (row 0, 1, 2). */
    static int rowTop(int row, int f) {
        return f * (TITLE + MARGIN + ROW * row);
    }

    private static void draw(Graphics2D g, Panel panel, int left, int f) {
        int box = f * BOX;
        g.setStroke(new BasicStroke(1.5f * f));
        g.setFont(Plots.font(Font.PLAIN, 12 * f));
        for (int t = 0; t < panel.steps(); t++) {
            int x = centreX(left, t, f);
            if (panel.inputs().charAt(t) == 'x') {
                arrow(g, x, rowTop(2, f), x, rowTop(1, f) + box, f);
                box(g, x, rowTop(2, f), INPUT, "x", f);
            }
            if (panel.outputs().charAt(t) == 'y') {
                arrow(g, x, rowTop(1, f), x, rowTop(0, f) + box, f);
                box(g, x, rowTop(0, f), OUTPUT, "y", f);
            }
            if (t + 1 < panel.steps()) {
                int y = rowTop(1, f) + box / 2;
                arrow(g, x + box / 2, y, centreX(left, t + 1, f) - box / 2, y, f);
            }
            box(g, x, rowTop(1, f), HIDDEN, "h", f);
        }
        g.setColor(Color.BLACK);
        g.setFont(Plots.font(Font.BOLD, 13 * f));
        Canvas.centre(g, panel.name(), left + f * STEP * panel.steps() / 2, rowTop(2, f) + box + f * (CAPTION - 4));
    }

    private static void box(Graphics2D g, int centreX, int top, Color fill, String label, int f) {
        int box = f * BOX;
        g.setColor(fill);
        g.fillRoundRect(centreX - box / 2, top, box, box, 6 * f, 6 * f);
        g.setColor(Color.DARK_GRAY);
        g.drawRoundRect(centreX - box / 2, top, box, box, 6 * f, 6 * f);
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        Canvas.centre(g, label, centreX, top + (box + fm.getAscent() - fm.getDescent()) / 2);
    }

    private static void arrow(Graphics2D g, int x0, int y0, int x1, int y1, int f) {
        g.setColor(Color.GRAY);
        g.drawLine(x0, y0, x1, y1);
        double angle = Math.atan2(y1 - y0, x1 - x0);
        int head = 6 * f;
        int[] xs = {x1, (int) Math.round(x1 - head * Math.cos(angle - 0.45)), (int) Math.round(x1 - head * Math.cos(angle + 0.45))};
        int[] ys = {y1, (int) Math.round(y1 - head * Math.sin(angle - 0.45)), (int) Math.round(y1 - head * Math.sin(angle + 0.45))};
        g.fillPolygon(xs, ys, 3);
    }
}

package dlcourse.plot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dlcourse.notebook.Messages;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * The picture of a matrix product C = AB: A at the bottom left, B above C, so that row i of A
 * and column j of B meet at C's entry (i, j), which is their dot product. The row, the column
 * and the entry are coloured, and the sum is written out under the picture.
 *
 * <pre>
 * show(MatrixDiagram.product(a, b, 1, 0));    // how c₂₁ is made (rows and columns counted from 0)
 * </pre>
 */
public final class MatrixDiagram {

    static final Color ROW = new Color(0xfdd0a2);
    static final Color COLUMN = new Color(0xc6dbef);
    static final Color ENTRY = new Color(0xa1d99b);

    /** Sizes in pixels at notebook size (doubled for slides). */
    static final int CELL = 40;
    static final int GAP = 30;
    static final int MARGIN = 20;
    static final int TITLE = 30;
    static final int SUM = 40;

    private MatrixDiagram() {
    }

    /** The product of {@code a} (m × k) and {@code b} (k × n), showing how entry ({@code row}, {@code column}) is made. */
    public static BufferedImage product(NDArray a, NDArray b, int row, int column) {
        double[][] left = values(a, "A");
        double[][] right = values(b, "B");
        int m = left.length;
        int k = left[0].length;
        int n = right[0].length;
        if (right.length != k) {
            throw new IllegalArgumentException("A is " + m + " × " + k + " and B is " + right.length + " × " + n
                    + ": A has as many columns as B has rows in a product AB");
        }
        if (row < 0 || row >= m || column < 0 || column >= n) {
            throw new IllegalArgumentException("entry (" + row + ", " + column + ") is outside C = AB, which is "
                    + m + " × " + n + "; rows and columns count from 0");
        }
        double[][] c = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    c[i][j] += left[i][p] * right[p][j];
                }
            }
        }
        int f = Canvas.scale();
        int cell = f * CELL;
        String sum = sum(left[row], right, column, c[row][column], row, column);
        String title = Messages.text("plot.matrixProduct", row, column);
        Font font = Plots.font(Font.PLAIN, 13 * f);
        Font titleFont = Plots.font(Font.BOLD, 15 * f);
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D probe = image.createGraphics();
        int grids = (k + n) * cell + f * GAP;
        int width = 2 * f * MARGIN + Math.max(grids, Math.max(probe.getFontMetrics(font).stringWidth(sum),
                probe.getFontMetrics(titleFont).stringWidth(title)));
        probe.dispose();
        int aLeft = (width - grids) / 2;                                  // the grids centred
        int cLeft = aLeft + k * cell + f * GAP;
        int bTop = f * (TITLE + MARGIN);
        int cTop = bTop + k * cell + f * GAP;
        int height = cTop + m * cell + f * (MARGIN + SUM);
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        g.setFont(titleFont);
        Canvas.centre(g, title, width / 2, 20 * f);
        g.setFont(font);
        grid(g, left, aLeft, cTop, cell, (i, j) -> i == row ? ROW : Color.WHITE);
        grid(g, right, cLeft, bTop, cell, (i, j) -> j == column ? COLUMN : Color.WHITE);
        grid(g, c, cLeft, cTop, cell, (i, j) -> i == row && j == column ? ENTRY : Color.WHITE);
        g.setFont(Plots.font(Font.BOLD, 16 * f));
        Canvas.centre(g, "A", aLeft + k * cell / 2, cTop - f * 8);
        Canvas.centre(g, "B", cLeft - f * GAP / 2, bTop + k * cell / 2);
        Canvas.centre(g, "C", cLeft - f * GAP / 2, cTop + m * cell / 2);
        g.setFont(font);
        Canvas.centre(g, sum, width / 2, cTop + m * cell + f * (MARGIN + 14));
        g.dispose();
        return image;
    }

    /** The sum that makes entry (i, j), e.g. "c₁₀ = 1·2 + 0·(−1) = 2". */
    static String sum(double[] aRow, double[][] b, int column, double result, int row, int col) {
        StringBuilder text = new StringBuilder("c[" + row + "][" + col + "] = ");
        for (int p = 0; p < aRow.length; p++) {
            if (p > 0) {
                text.append(" + ");
            }
            text.append(number(aRow[p], true)).append("·").append(number(b[p][column], true));
        }
        return text.append(" = ").append(number(result, false)).toString();
    }

    /** A number with at most two decimals, no trailing zeros; negative factors in brackets. */
    static String number(double value, boolean bracketNegative) {
        String text = String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
        if (text.equals("-0")) {
            text = "0";
        }
        text = text.replace('-', '−');
        return bracketNegative && value < 0 && !text.equals("0") ? "(" + text + ")" : text;
    }

    private interface Fill {
        Color at(int i, int j);
    }

    private static void grid(Graphics2D g, double[][] values, int left, int top, int cell, Fill fill) {
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values[0].length; j++) {
                int x = left + j * cell;
                int y = top + i * cell;
                g.setColor(fill.at(i, j));
                g.fillRect(x, y, cell, cell);
                g.setColor(Color.GRAY);
                g.setStroke(new BasicStroke(1f));
                g.drawRect(x, y, cell, cell);
                g.setColor(Color.BLACK);
                FontMetrics fm = g.getFontMetrics();
                Canvas.centre(g, number(values[i][j], false), x + cell / 2, y + (cell + fm.getAscent() - fm.getDescent()) / 2);
            }
        }
    }

    private static double[][] values(NDArray array, String name) {
        if (array.getShape().dimension() != 2 || array.getShape().size() == 0) {
            throw new IllegalArgumentException(name + " must be a matrix (a 2-D array), got shape " + array.getShape());
        }
        int rows = (int) array.getShape().get(0);
        int columns = (int) array.getShape().get(1);
        if (rows > 8 || columns > 8) {
            throw new IllegalArgumentException(name + " is " + rows + " × " + columns
                    + "; the picture shows every number, so keep matrices at 8 × 8 or smaller");
        }
        double[] flat;
        try (NDArray doubles = array.toType(DataType.FLOAT64, true)) {
            flat = doubles.toDoubleArray();
        }
        double[][] values = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * columns, values[i], 0, columns);
        }
        return values;
    }
}

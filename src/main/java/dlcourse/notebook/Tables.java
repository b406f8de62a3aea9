package dlcourse.notebook;

import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.columns.Column;

/** Tablesaw tables as HTML, using each column's print format (so numbers stay rounded). */
public final class Tables {

    private Tables() {
    }

    /**
     * An HTML {@code <table>} of all rows, with the table's name as caption; the caption and the
     * column headers show the library's names in the course's language ({@link Messages#term}).
     */
    public static String html(Table table) {
        StringBuilder html = new StringBuilder("<table class=\"dlcourse-table\">");
        if (table.name() != null && !table.name().isBlank()) {
            html.append("<caption>").append(escape(Messages.term(table.name()))).append("</caption>");
        }
        html.append("<thead><tr>");
        for (Column<?> column : table.columns()) {
            html.append("<th>").append(escape(Messages.term(column.name()))).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (int row = 0; row < table.rowCount(); row++) {
            html.append("<tr>");
            for (Column<?> column : table.columns()) {
                boolean numeric = column.type().name().matches("DOUBLE|FLOAT|INTEGER|LONG|SHORT");
                html.append(numeric ? "<td style=\"text-align:right\">" : "<td>")
                        .append(escape(column.getString(row))).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    /**
     * Prints every floating-point column of {@code table} with {@code decimals} decimals; returns the table.
     * A number of a million or more is printed with 3 significant digits in scientific notation
     * ({@code 7.68e+11}, not {@code 767,983,254,289.644}: a loss that exploded reads as one), and a
     * missing value (NaN) as an empty cell.
     */
    public static Table rounded(Table table, int decimals) {
        return rounded(table, decimals, "");
    }

    /**
     * As {@link #rounded(Table, int)}, with each missing value (NaN) printed as {@code missing}: say what a
     * NaN means in this table, e.g. {@code Tables.rounded(sweep, 3, "diverged")}.
     */
    public static Table rounded(Table table, int decimals, String missing) {
        java.util.Objects.requireNonNull(missing, "the text for a missing value is null; give \"\" for an empty cell");
        for (Column<?> column : table.columns()) {
            // By class: column.type() == ColumnType.DOUBLE was false for a DoubleColumn in TablesTest's JVM
            // (Tablesaw 0.44.4), and then no column was rounded.
            if (column instanceof DoubleColumn || column instanceof FloatColumn) {
                ((NumberColumn<?, ?>) column).setPrintFormatter(new RoundedFormatter(decimals, missing));
            }
        }
        return table;
    }

    /** Prints one numeric column of {@code table} with {@code decimals} decimals; returns the table. */
    public static Table rounded(Table table, String column, int decimals) {
        if (!table.containsColumn(column) || !(table.column(column) instanceof NumberColumn<?, ?> numbers)) {
            throw new IllegalArgumentException("table '" + table.name() + "' has no numeric column '" + column
                    + "'; its columns are " + table.columnNames());
        }
        numbers.setPrintFormatter(new RoundedFormatter(decimals, ""));
        return table;
    }

    /**
     * Tablesaw's fixed decimals with grouping (1,234.568), except that a floating-point number of a million
     * or more gets 3 significant digits in scientific notation; whole-number columns keep every digit.
     */
    static final class RoundedFormatter extends NumberColumnFormatter {

        /** From here on the digits before the decimal point are more than a reader can use. */
        static final double LARGE = 1e6;

        RoundedFormatter(int decimals, String missing) {
            super(NumberColumnFormatter.fixedWithGrouping(decimals).getFormat(), missing);
        }

        @Override
        public String format(double value) {
            return isLarge(value) ? scientific(value) : super.format(value);
        }

        @Override
        public String format(float value) {
            return isLarge(value) ? scientific(value) : super.format(value);
        }

        static boolean isLarge(double value) {
            return Double.isFinite(value) && Math.abs(value) >= LARGE;
        }

        /** 3 significant digits, no trailing zeros: 7.68e+11, 1e+06. */
        static String scientific(double value) {
            return String.format(Locale.ROOT, "%.3g", value).replaceAll("\\.?0+e", "e");
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

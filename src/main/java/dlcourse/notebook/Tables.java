package dlcourse.notebook;

import tech.tablesaw.api.ColumnType;
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

    /** Prints every floating-point column of {@code table} with {@code decimals} decimals; returns the table. */
    public static Table rounded(Table table, int decimals) {
        for (Column<?> column : table.columns()) {
            if (column instanceof NumberColumn<?, ?> numbers
                    && (column.type() == ColumnType.DOUBLE || column.type() == ColumnType.FLOAT)) {
                numbers.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(decimals));
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
        numbers.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(decimals));
        return table;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package dlcourse.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

class TablesTest {

    @Test
    void escapesMarkupAmpersandsAndQuotes() {
        assertEquals("&lt;b&gt; &amp; &quot;x&quot;", Tables.escape("<b> & \"x\""));
        assertEquals("&amp;lt;", Tables.escape("&lt;"), "an ampersand is escaped before anything else");
    }

    @Test
    void wholeTableAsHtml() {
        DoubleColumn loss = DoubleColumn.create("loss", 0.5);
        loss.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        Table table = Table.create("Run", IntColumn.create("epoch", new int[] {1}),
                StringColumn.create("note", "ok"), loss);
        assertEquals("<table class=\"dlcourse-table\"><caption>Run</caption>"
                + "<thead><tr><th>epoch</th><th>note</th><th>loss</th></tr></thead>"
                + "<tbody><tr><td style=\"text-align:right\">1</td><td>ok</td>"
                + "<td style=\"text-align:right\">0.50</td></tr>"
                + "</tbody></table>", Tables.html(table));
    }

    @Test
    void aChineseNotebookSeesTheLibrarysHeadersInChineseAndItsOwnAsGiven() {
        Course.language("zh");
        try {
            Table table = Table.create("Training history", IntColumn.create("epoch", new int[] {1}),
                    StringColumn.create("样本", "ok"), DoubleColumn.create("train loss", 0.5));
            assertTrue(Tables.html(table).startsWith("<table class=\"dlcourse-table\"><caption>训练历史</caption>"
                    + "<thead><tr><th>轮</th><th>样本</th><th>训练损失</th></tr></thead>"), Tables.html(table));
        } finally {
            Course.language("en");
        }
    }

    @Test
    void captionIsTheEscapedTableName() {
        Table table = Table.create("Loss < 0.5 & \"good\"", IntColumn.create("epoch", new int[] {1}));
        assertTrue(Tables.html(table).contains("<caption>Loss &lt; 0.5 &amp; &quot;good&quot;</caption>"));
    }

    @Test
    void noCaptionWithoutAName() {
        assertFalse(Tables.html(Table.create(IntColumn.create("epoch", new int[] {1}))).contains("<caption>"));
        assertFalse(Tables.html(Table.create(" ", IntColumn.create("epoch", new int[] {1}))).contains("<caption>"));
    }

    @Test
    void headersAndCellsAreEscaped() {
        Table table = Table.create("t", StringColumn.create("a<b", "x & y", "<script>"));
        String html = Tables.html(table);
        assertTrue(html.contains("<th>a&lt;b</th>"), html);
        assertTrue(html.contains("<td>x &amp; y</td>"), html);
        assertTrue(html.contains("<td>&lt;script&gt;</td>"), html);
        assertFalse(html.contains("<script>"), html);
    }

    @Test
    void numericColumnsAreRightAlignedAndTextIsNot() {
        Table table = Table.create("t", StringColumn.create("name", "a", "b"),
                IntColumn.create("count", new int[] {3, 14}),
                DoubleColumn.create("share", 0.25, 0.75));
        String html = Tables.html(table);
        assertTrue(html.contains("<td>a</td><td style=\"text-align:right\">3</td>"
                + "<td style=\"text-align:right\">0.25</td>"), html);
        assertEquals(2, html.split("<tr><td>", -1).length - 1, "one text cell starts each of the two rows");
    }

    @Test
    void emptyTableKeepsItsHeader() {
        Table table = Table.create("empty", DoubleColumn.create("loss"));
        assertEquals("<table class=\"dlcourse-table\"><caption>empty</caption><thead><tr><th>loss</th></tr></thead>"
                + "<tbody></tbody></table>", Tables.html(table));
    }

    @Test
    void oneColumnCanBeRoundedDifferently() {
        Table table = Table.create("t", DoubleColumn.create("a", 1.23456), DoubleColumn.create("b", 2.34567));
        Tables.rounded(Tables.rounded(table, 4), "b", 1);
        assertEquals("1.2346", table.column("a").getString(0));
        assertEquals("2.3", table.column("b").getString(0));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Tables.rounded(table, "c", 1));
        assertTrue(error.getMessage().contains("no numeric column 'c'"), error.getMessage());
    }

    @Test
    void aMillionOrMoreGetsThreeSignificantDigitsInScientificNotation() {
        Table table = Table.create("t",
                DoubleColumn.create("loss", 767_983_254_289.644, 999_999.5, 1e6, -2.5e7, 1.5),
                FloatColumn.create("float loss", new float[] {1e9f, 1.05e6f, 0.25f, 3f, 2f}));
        Tables.rounded(table, 3);
        assertEquals(List.of("7.68e+11", "999,999.500", "1e+06", "-2.5e+07", "1.500"), printed(table, "loss"));
        assertEquals(List.of("1e+09", "1.05e+06", "0.250", "3.000", "2.000"),
                printed(table, "float loss"));
        assertTrue(Tables.html(table).contains("<td style=\"text-align:right\">7.68e+11</td>"), Tables.html(table));
        Tables.rounded(table, "loss", 1);
        assertEquals("7.68e+11", table.column("loss").getString(0), "one column rounded on its own too");
        assertEquals("1.5", table.column("loss").getString(4));
    }

    @Test
    void aMissingValueIsAnEmptyCellOrTheWordGiven() {
        Table table = Table.create("t", DoubleColumn.create("loss", Double.NaN, 0.5),
                FloatColumn.create("accuracy", new float[] {Float.NaN, 0.75f}));
        Tables.rounded(table, 2);
        assertEquals("", table.column("loss").getString(0));
        assertEquals("", table.column("accuracy").getString(0));
        Tables.rounded(table, 2, "diverged");
        assertEquals(List.of("diverged", "0.50"), printed(table, "loss"));
        assertEquals(List.of("diverged", "0.75"), printed(table, "accuracy"));
        assertTrue(Tables.html(table).contains("<td style=\"text-align:right\">diverged</td>"), Tables.html(table));
        assertThrows(NullPointerException.class, () -> Tables.rounded(table, 2, null));
    }

    @Test
    void aWholeNumberColumnKeepsEveryDigit() {
        Table table = Table.create("t", LongColumn.create("multiply-adds", new long[] {12_345_678L}));
        Tables.rounded(Tables.rounded(table, 2), "multiply-adds", 0);
        assertEquals("12,345,678", table.column("multiply-adds").getString(0));
    }

    /** The column's cells as a table prints them. */
    private static List<String> printed(Table table, String column) {
        return java.util.stream.IntStream.range(0, table.rowCount())
                .mapToObj(row -> table.column(column).getString(row)).toList();
    }
}

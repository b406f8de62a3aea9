package dlcourse.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class ResultsTest {

    @TempDir
    Path folder;

    private static Results.Row row(String chapter, String model, String metric, String mode, double value) {
        return new Results.Row(chapter, model, metric, mode, value, "2026-11-23");
    }

    @Test
    void theFileIsUnderTheCourseUnlessDlcourseResultsNamesOne() {
        Path home = Path.of("/opt/dlcourse");
        assertEquals(Path.of("/opt/dlcourse/build/results/results.csv"), Results.file(null, home));
        assertEquals(Path.of("/opt/dlcourse/build/results/results.csv"), Results.file("  ", home));
        assertEquals(Path.of("/home/ada/results/results.csv"),
                Results.file(" /home/ada/results/../results/results.csv ", home));
    }

    @Test
    void recordingTwiceReplacesTheRow() {
        Path file = folder.resolve("build/results/results.csv");
        Results.record(file, row("09", "seq2seq", "exact match", "fast", 0.5));
        Results.record(file, row("09", "seq2seq", "exact match", "fast", 0.75));
        Results.record(file, row("09", "seq2seq", "exact match", "full", 0.99));
        List<Results.Row> rows = Results.rows(file);
        assertEquals(2, rows.size());
        assertEquals(0.75, Results.value(rows, "09", "seq2seq", "exact match", "fast").getAsDouble());
        assertEquals(0.99, Results.value(rows, "09", "seq2seq", "exact match", "full").getAsDouble());
        assertTrue(Results.value(rows, "10", "seq2seq", "exact match", "fast").isEmpty());
    }

    @Test
    void wideHasOneRowPerModelAndMissingValuesForAbsentMetrics() {
        List<Results.Row> rows = List.of(
                row("09", "seq2seq", "exact match", "fast", 0.5),
                row("09", "seq2seq", "parameters", "fast", 1000),
                row("11", "transformer", "exact match", "fast", 0.9),
                row("11", "transformer", "exact match", "full", 0.99),
                row("04", "mlp", "test accuracy", "fast", 0.8));
        Table table = Results.wide(rows, "fast", "09", "11");
        assertEquals(2, table.rowCount());
        assertEquals(List.of("chapter", "model", "exact match", "parameters"), table.columnNames());
        assertEquals(0.9, table.doubleColumn("exact match").get(1));
        assertEquals(1000L, table.longColumn("parameters").get(0), "counts are whole numbers");
        assertTrue(table.longColumn("parameters").isMissing(1));
        assertEquals(3, Results.wide(rows, "fast").rowCount());
    }

    @Test
    void aWholeFractionStaysAFraction() {
        List<Results.Row> rows = List.of(
                row("11", "transformer", "exact match", "full", 1.0),
                row("11", "transformer", "epochs", "full", 25),
                row("10", "seq2seq", "exact match", "full", 0.0));
        Table table = Results.wide(rows, "full");
        assertEquals(ColumnType.DOUBLE, table.column("exact match").type(), "an exact match of 1.0 is not a count");
        assertEquals(ColumnType.LONG, table.column("epochs").type(), "epochs are");
    }

    @Test
    void badFieldsAndDamagedFilesGetClearErrors() throws Exception {
        Path file = folder.resolve("results.csv");
        IllegalArgumentException comma = assertThrows(IllegalArgumentException.class,
                () -> Results.record(file, row("09", "a,b", "m", "fast", 1)));
        assertTrue(comma.getMessage().contains("'a,b'"), comma.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Results.record(file, row("09", "a", "m", "fast", Double.NaN)));
        Files.writeString(file, "not,a,results,file\n");
        IllegalStateException damaged = assertThrows(IllegalStateException.class, () -> Results.rows(file));
        assertTrue(damaged.getMessage().contains("delete it and re-run"), damaged.getMessage());
        Files.writeString(file, Results.HEADER + "\n09,seq2seq,exact match,fast,oops,2026-11-23\n");
        IllegalStateException notNumber = assertThrows(IllegalStateException.class, () -> Results.rows(file));
        assertTrue(notNumber.getMessage().contains("'oops' is not a number"), notNumber.getMessage());
    }
}

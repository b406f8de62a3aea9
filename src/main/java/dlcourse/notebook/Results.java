package dlcourse.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The numbers a notebook measures and wants kept: accuracy, perplexity, seconds per epoch. Each
 * {@link #record} replaces the row with the same chapter, model, metric and mode in
 * {@code build/results/results.csv}, so re-running a notebook updates its numbers instead of adding
 * rows. Later notebooks read earlier ones' rows (chapter 11 compares itself with 09 and 10), and the
 * website's index and the README's results table come from the same file.
 *
 * <pre>
 * Results.record("09", "seq2seq", "exact match", 0.93);
 * show(Results.wide("09", "10", "11"));   // one row per model, one column per metric
 * </pre>
 */
public final class Results {

    static final String HEADER = "chapter,model,metric,mode,value,recorded";

    private Results() {
    }

    /**
     * Where the results live: the file {@code DLCOURSE_RESULTS} names, where it is set (a classroom's
     * students, whose course folder is the instructor's and closed to their writes, keep theirs in
     * their own home), else {@code build/results/results.csv} under the course's home.
     */
    public static Path file() {
        return file(System.getenv("DLCOURSE_RESULTS"), Course.home());
    }

    static Path file(String setting, Path home) {
        if (setting != null && !setting.isBlank()) {
            return Path.of(setting.trim()).toAbsolutePath().normalize();
        }
        return home.resolve("build").resolve("results").resolve("results.csv");
    }

    /** One measured number. */
    public record Row(String chapter, String model, String metric, String mode, double value, String recorded) {
        public Row {
            Objects.requireNonNull(chapter, "chapter");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(mode, "mode");
        }
    }

    /** Records {@code value} for this chapter, model and metric in the current mode (fast or full). */
    public static void record(String chapter, String model, String metric, double value) {
        record(file(), new Row(chapter, model, metric, Course.mode(), value, LocalDate.now().toString()));
    }

    static synchronized void record(Path file, Row row) {
        for (String field : List.of(row.chapter(), row.model(), row.metric(), row.mode())) {
            if (field.isBlank() || field.contains(",") || field.contains("\"") || field.contains("\n")) {
                throw new IllegalArgumentException("result fields must be non-empty and free of commas, quotes and "
                        + "line breaks, got '" + field + "'");
            }
        }
        if (!Double.isFinite(row.value())) {
            throw new IllegalArgumentException(row.metric() + " of " + row.model() + " is " + row.value()
                    + ": only finite numbers can be recorded");
        }
        List<Row> rows = new ArrayList<>(rows(file));
        rows.removeIf(old -> old.chapter().equals(row.chapter()) && old.model().equals(row.model())
                && old.metric().equals(row.metric()) && old.mode().equals(row.mode()));
        rows.add(row);
        write(file, rows);
    }

    /** Every recorded row, in the order recorded; empty when nothing has been recorded yet. */
    public static List<Row> rows() {
        return rows(file());
    }

    static List<Row> rows(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + "; delete it and re-run the notebooks", e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalStateException(file + " is not a results file (its first line should be '" + HEADER
                    + "'); delete it and re-run the notebooks");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 6) {
                throw new IllegalStateException(file + " line " + (i + 1) + " has " + f.length
                        + " fields, expected 6; delete the file and re-run the notebooks");
            }
            try {
                rows.add(new Row(f[0], f[1], f[2], f[3], Double.parseDouble(f[4]), f[5]));
            } catch (NumberFormatException e) {
                throw new IllegalStateException(file + " line " + (i + 1) + ": '" + f[4]
                        + "' is not a number; delete the file and re-run the notebooks", e);
            }
        }
        return rows;
    }

    private static void write(Path file, List<Row> rows) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            text.append(String.join(",", r.chapter(), r.model(), r.metric(), r.mode(),
                    Double.toString(r.value()), r.recorded() == null ? "" : r.recorded())).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "results", ".csv");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** The value recorded for this chapter, model and metric in the current mode, if any. */
    public static OptionalDouble value(String chapter, String model, String metric) {
        return value(rows(), chapter, model, metric, Course.mode());
    }

    static OptionalDouble value(List<Row> rows, String chapter, String model, String metric, String mode) {
        OptionalDouble found = OptionalDouble.empty();
        for (Row r : rows) {
            if (r.chapter().equals(chapter) && r.model().equals(model) && r.metric().equals(metric)
                    && r.mode().equals(mode)) {
                found = OptionalDouble.of(r.value());
            }
        }
        return found;
    }

    /**
     * The current mode's results of these chapters as a table: one row per (chapter, model), one
     * column per metric; a metric a model lacks is a missing value. All chapters when none are named.
     */
    public static Table wide(String... chapters) {
        return wide(rows(), Course.mode(), chapters);
    }

    static Table wide(List<Row> rows, String mode, String... chapters) {
        Set<String> wanted = Set.of(chapters);
        Map<List<String>, Map<String, Double>> byModel = new LinkedHashMap<>();
        Set<String> metrics = new LinkedHashSet<>();
        for (Row r : rows) {
            if (!r.mode().equals(mode) || (!wanted.isEmpty() && !wanted.contains(r.chapter()))) {
                continue;
            }
            byModel.computeIfAbsent(List.of(r.chapter(), r.model()), k -> new LinkedHashMap<>()).put(r.metric(), r.value());
            metrics.add(r.metric());
        }
        StringColumn chapter = StringColumn.create("chapter");
        StringColumn model = StringColumn.create("model");
        Map<String, DoubleColumn> columns = new LinkedHashMap<>();
        for (String metric : metrics) {
            columns.put(metric, DoubleColumn.create(metric));
        }
        for (Map.Entry<List<String>, Map<String, Double>> e : byModel.entrySet()) {
            chapter.append(e.getKey().get(0));
            model.append(e.getKey().get(1));
            for (String metric : metrics) {
                Double v = e.getValue().get(metric);
                if (v == null) {
                    columns.get(metric).appendMissing();
                } else {
                    columns.get(metric).append(v);
                }
            }
        }
        String title = String.format(Locale.ROOT, "Results (%s mode)", mode);
        Table table = Table.create(title, chapter, model);
        for (DoubleColumn column : columns.values()) {
            // Counts (parameters, epochs) read better as whole numbers than as 24047.000; a fraction
            // that happens to be whole (an exact match of 1.0 or 0.0) stays a fraction, not "1".
            boolean whole = column.size() > 0 && column.countMissing() < column.size();
            boolean aboveOne = false;
            for (int i = 0; i < column.size() && whole; i++) {
                double v = column.getDouble(i);
                whole = column.isMissing(i) || (v == Math.rint(v) && Math.abs(v) < 1e15);
                aboveOne |= !column.isMissing(i) && Math.abs(v) > 1;
            }
            whole &= aboveOne;
            table.addColumns(whole ? column.asLongColumn().setName(column.name()) : column);
        }
        return table;
    }
}

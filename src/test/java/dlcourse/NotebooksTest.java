package dlcourse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Executes notebooks through Jupyter with the {@code java} kernel in fast mode, as a learner's
 * Jupyter would, and fails on any error output or failed {@code Check}. Runs when the system
 * property {@code dlcourse.notebooks} is "all" or a comma-separated list of names
 * ({@code ./course test} sets it; a plain {@code mvn test} runs the unit tests only).
 */
@EnabledIfSystemProperty(named = "dlcourse.notebooks", matches = ".+")
class NotebooksTest {

    /** The fast-mode budget of one notebook, from the design; a slower one is reported, not failed. */
    private static final double BUDGET_SECONDS = 90;
    private static final long KILL_AFTER_SECONDS = 900;

    private static final Path NOTEBOOKS = Path.of("notebooks");
    private static final Path OUTPUT = Path.of("build", "test-notebooks");

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsInFastMode() throws IOException {
        return selected().stream().map(name -> DynamicTest.dynamicTest(name, () -> execute(name)));
    }

    private static List<String> selected() throws IOException {
        String wanted = System.getProperty("dlcourse.notebooks", "all").trim();
        List<String> all;
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            all = files.map(p -> p.getFileName().toString())
                    .filter(f -> f.matches("\\d\\d-.*\\.ipynb"))
                    .map(f -> f.substring(0, f.length() - ".ipynb".length()))
                    .sorted().collect(Collectors.toList());
        }
        if (wanted.equals("all")) {
            return all;
        }
        List<String> names = Arrays.asList(wanted.split(","));
        for (String name : names) {
            assertTrue(all.contains(name), "no notebook named " + name + "; available: " + all);
        }
        return names;
    }

    private static void execute(String name) throws Exception {
        Files.createDirectories(OUTPUT);
        Path log = OUTPUT.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder("jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=java",
                "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.startup_timeout=180",
                "--output-dir", OUTPUT.toString(), "--output", name,
                NOTEBOOKS.resolve(name + ".ipynb").toString());
        builder.environment().put("DLCOURSE_FAST", "1");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        boolean finished = process.waitFor(KILL_AFTER_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String problem = !finished ? "did not finish in " + KILL_AFTER_SECONDS + " s"
                : process.exitValue() != 0 ? cellError(Files.readString(log, StandardCharsets.UTF_8))
                : errorOutputs(OUTPUT.resolve(name + ".ipynb"));
        String budget = seconds > BUDGET_SECONDS ? String.format(Locale.ROOT, " (over the %.0f s budget)", BUDGET_SECONDS) : "";
        System.out.printf(Locale.ROOT, "notebook %-32s %6.1f s  %s%s%n", name, seconds, problem == null ? "pass" : "FAIL", budget);
        if (problem != null) {
            System.out.println("         " + problem.replace("\n", "\n         "));
            fail(name + ": " + problem + " (full log: " + log + ")");
        }
    }

    /** The cell and message nbconvert reports when a cell raised, without colour codes. */
    static String cellError(String log) {
        String plain = log.replaceAll("\u001B\\[[0-9;]*m", "");
        int at = plain.indexOf("An error occurred while executing the following cell:");
        if (at < 0) {
            String[] lines = plain.strip().split("\n");
            return "jupyter nbconvert failed: " + String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length));
        }
        return plain.substring(at).strip();
    }

    /** Error outputs that an executed notebook holds, or null when it has none. */
    static String errorOutputs(Path executed) throws IOException {
        JsonObject notebook = JsonParser.parseString(Files.readString(executed, StandardCharsets.UTF_8)).getAsJsonObject();
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (JsonElement cell : notebook.getAsJsonArray("cells")) {
            index++;
            JsonObject c = cell.getAsJsonObject();
            if (!c.has("outputs")) {
                continue;
            }
            for (JsonElement output : c.getAsJsonArray("outputs")) {
                JsonObject o = output.getAsJsonObject();
                String type = o.get("output_type").getAsString();
                if (type.equals("error")) {
                    problems.add("cell " + index + ": " + o.get("ename").getAsString() + ": " + o.get("evalue").getAsString());
                } else if (type.equals("stream") && o.get("name").getAsString().equals("stderr")) {
                    problems.add("cell " + index + " wrote to stderr (a learner would see it): " + text(o.get("text")));
                }
            }
        }
        return problems.isEmpty() ? null : String.join("\n", problems);
    }

    private static String text(JsonElement source) {
        if (source.isJsonArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonElement line : (JsonArray) source) {
                joined.append(line.getAsString());
            }
            return joined.toString().strip();
        }
        return source.getAsString().strip();
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookIsCommittedClean() throws IOException {
        return selected().stream().map(name -> DynamicTest.dynamicTest(name + " (committed form)", () -> {
            JsonObject notebook = JsonParser.parseString(
                    Files.readString(NOTEBOOKS.resolve(name + ".ipynb"), StandardCharsets.UTF_8)).getAsJsonObject();
            assertEquals("java", notebook.getAsJsonObject("metadata").getAsJsonObject("kernelspec").get("name").getAsString(),
                    name + " must use the kernelspec named java");
            int index = 0;
            for (JsonElement cell : notebook.getAsJsonArray("cells")) {
                index++;
                JsonObject c = cell.getAsJsonObject();
                String source = text(c.get("source"));
                assertTrue(c.getAsJsonObject("metadata").has("slideshow"),
                        name + " cell " + index + " has no slideshow metadata (slide_type)");
                if (c.get("cell_type").getAsString().equals("code")) {
                    assertEquals(0, c.getAsJsonArray("outputs").size(), name + " cell " + index + " is committed with outputs");
                    assertTrue(c.get("execution_count").isJsonNull(), name + " cell " + index + " has an execution count");
                    assertFalse(source.lines().anyMatch(line -> line.strip().startsWith("%")),
                            name + " cell " + index + " uses a kernel magic; notebooks must stay kernel-neutral");
                    long limit = maxLines(source);
                    assertTrue(source.lines().count() <= limit, name + " cell " + index + " has more than " + limit
                            + " lines" + (limit == 25 ? " (a cell that defines one block class may have 35)" : ""));
                }
            }
        }));
    }

    /**
     * The most lines a code cell may have: 25, so a slide holds it; 35 for a cell that defines one
     * block class (a model written as an {@code AbstractBlock}, whose forward pass reads best whole).
     */
    static long maxLines(String source) {
        long classes = source.lines().filter(line -> line.matches("\\s*(public\\s+)?(static\\s+)?(final\\s+)?class\\s+\\w+.*")).count();
        boolean block = source.contains("extends AbstractBlock");
        return classes == 1 && block ? 35 : 25;
    }
}

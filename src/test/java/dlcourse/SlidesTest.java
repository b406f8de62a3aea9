package dlcourse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every notebook is also a slide deck: its cells say where slides start, and {@code ./course slides}
 * turns it into a reveal.js deck of several slides that loads everything from disk.
 */
class SlidesTest {

    private static final Path NOTEBOOKS = Path.of("notebooks");
    /** The values Jupyter's slideshow editor offers ("-" continues the current slide). */
    private static final Set<String> SLIDE_TYPES = Set.of("slide", "subslide", "fragment", "-", "skip", "notes");

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.ipynb")).sorted().toList();
        }
    }

    static String stem(Path notebook) {
        String file = notebook.getFileName().toString();
        return file.substring(0, file.length() - ".ipynb".length());
    }

    /** The slide_type of every code and markdown cell, in order; null where a cell has none. */
    static List<String> slideTypes(Path notebook) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
        List<String> types = new ArrayList<>();
        for (JsonElement cell : json.getAsJsonArray("cells")) {
            JsonObject c = cell.getAsJsonObject();
            String kind = c.get("cell_type").getAsString();
            if (!kind.equals("code") && !kind.equals("markdown")) {
                continue;
            }
            JsonObject slideshow = c.getAsJsonObject("metadata").getAsJsonObject("slideshow");
            types.add(slideshow == null || !slideshow.has("slide_type") ? null : slideshow.get("slide_type").getAsString());
        }
        return types;
    }

    /** nbformat 4.5 wants an id on every cell, unique in the notebook; without one Jupyter warns on every run. */
    @TestFactory
    Stream<DynamicTest> everyCellHasAUniqueId() throws IOException {
        return notebooks().stream().map(notebook -> DynamicTest.dynamicTest(stem(notebook), () -> {
            JsonObject json = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
            java.util.Set<String> ids = new java.util.HashSet<>();
            JsonArray cells = json.getAsJsonArray("cells");
            for (int i = 0; i < cells.size(); i++) {
                JsonObject c = cells.get(i).getAsJsonObject();
                assertTrue(c.has("id") && c.get("id").getAsString().matches("[a-zA-Z0-9-_]{1,64}"),
                        stem(notebook) + " cell " + (i + 1) + " has no valid id (1-64 letters, digits, - or _)");
                assertTrue(ids.add(c.get("id").getAsString()), stem(notebook) + " cell " + (i + 1) + " repeats the id "
                        + c.get("id").getAsString());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyCellSaysWhereItGoesOnTheSlides() throws IOException {
        return notebooks().stream().map(notebook -> DynamicTest.dynamicTest(stem(notebook), () -> {
            List<String> types = slideTypes(notebook);
            for (int i = 0; i < types.size(); i++) {
                String type = types.get(i);
                assertTrue(type != null, stem(notebook) + " cell " + (i + 1) + " has no slideshow.slide_type metadata");
                assertTrue(SLIDE_TYPES.contains(type), stem(notebook) + " cell " + (i + 1) + " has slide_type '" + type
                        + "', expected one of " + SLIDE_TYPES);
            }
            assertEquals("slide", types.get(0), stem(notebook) + ": the first cell (the title) must start a slide");
            long slides = types.stream().filter("slide"::equals).count();
            assertTrue(slides > 1, stem(notebook) + " has " + slides + " slide(s): one idea per slide, not one per notebook");
        }));
    }

    @Test
    void slideTypesAreReadFromTheCellsMetadata(@TempDir Path folder) throws IOException {
        Path notebook = folder.resolve("00-tiny.ipynb");
        Files.writeString(notebook, """
                {"cells": [
                  {"cell_type": "markdown", "metadata": {"slideshow": {"slide_type": "slide"}}, "source": "# Title"},
                  {"cell_type": "code", "metadata": {}, "source": "int x = 1;", "outputs": [], "execution_count": null},
                  {"cell_type": "raw", "metadata": {}, "source": "ignored"}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
        assertEquals(java.util.Arrays.asList("slide", null), slideTypes(notebook));
    }

    /** The top-level sections of a deck (its horizontal slides), counted by nesting depth. */
    static int topLevelSlides(String html) {
        Matcher tag = Pattern.compile("<(/?)section\\b").matcher(html);
        int depth = 0;
        int slides = 0;
        while (tag.find()) {
            if (tag.group(1).isEmpty()) {
                if (depth++ == 0) {
                    slides++;
                }
            } else {
                depth--;
            }
        }
        return slides;
    }

    @Test
    void countsOnlyTopLevelSections() {
        assertEquals(2, topLevelSlides("<section><section>a</section><section>b</section></section><section>c</section>"));
        assertEquals(0, topLevelSlides("<div>no slides</div>"));
    }

    /** scripts/slides.py's one_plot_per_slide on a notebook with two plots in one cell and a long cell with one (which, after a plot's sub-slide, starts a sub-slide of its own). */
    @Test
    @EnabledIfSystemProperty(named = "dlcourse.notebooks", matches = ".+")
    void aCellWithSeveralPlotsOrLongCodeIsSplitIntoSubSlidesForTheDeck() throws Exception {
        String script = String.join("\n",
                "import sys; sys.path.insert(0, 'scripts')",
                "import nbformat, slides",
                "png = {'output_type': 'display_data', 'data': {'image/png': 'iVBORw0KGgo=', 'text/plain': 'img'}, 'metadata': {}}",
                "def text(t): return {'output_type': 'stream', 'name': 'stdout', 'text': t}",
                "nb = nbformat.v4.new_notebook()",
                "short = nbformat.v4.new_code_cell('show(a);\\nshow(b);', id='short')",
                "short.outputs = [nbformat.from_dict(x) for x in [text('A'), png, text('B'), png, text('end')]]",
                "long = nbformat.v4.new_code_cell('\\n'.join('line %d;' % i for i in range(10)), id='long')",
                "long.outputs = [nbformat.from_dict(x) for x in [text('A'), png]]",
                "nb.cells = [short, long]",
                "for c in slides.one_plot_per_slide(nb).cells:",
                "    print(c.id, c.metadata.get('slideshow', {}).get('slide_type'), c.metadata.get('tags'),",
                "          ' '.join(o.get('text', 'img') for o in c.outputs))",
                "print(len(nb.cells))");
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process process = new ProcessBuilder(python, "-c", script).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertEquals(List.of(
                "short None None A img",
                "short-plot2 subslide ['dlcourse-slides-hide-input'] B img end",
                "long subslide None A",
                "long-plot2 subslide ['dlcourse-slides-hide-input'] img",
                "2"), output.lines().toList(), "the deck's cells; the notebook keeps its 2 cells");
    }

    @Test
    @EnabledIfSystemProperty(named = "dlcourse.notebooks", matches = ".+")
    void everyDeckHasItsSlidesAndLoadsEverythingFromDisk(@TempDir Path out) throws Exception {
        SiteTest.assumeWebAssetsObtainable();
        List<Path> notebooks = notebooks();
        List<String> args = new ArrayList<>(List.of("slides", "--no-execute", "--out", out.toString()));
        notebooks.forEach(n -> args.add(stem(n)));
        SiteTest.Run result = SiteTest.course(args.toArray(String[]::new));
        assertEquals(0, result.status(), result.output());
        Pattern external = Pattern.compile("<(script|link)[^>]+(src|href)=\"(https?:)?//", Pattern.CASE_INSENSITIVE);
        for (Path notebook : notebooks) {
            Path deck = out.resolve(stem(notebook) + ".slides.html");
            assertTrue(Files.exists(deck), deck + " was not written: " + result.output());
            String html = Files.readString(deck, StandardCharsets.UTF_8);
            long slideCells = slideTypes(notebook).stream().filter("slide"::equals).count();
            assertEquals(slideCells, topLevelSlides(html), deck + ": one top-level slide per cell marked 'slide'");
            assertFalse(external.matcher(html).find(), deck + " loads a script or style sheet from the network");
            for (String local : List.of("lib/reveal.js/dist/reveal.js", "lib/reveal.js/dist/theme/white.css",
                    "lib/reveal.js/plugin/notes/notes.js", "lib/mathjax/MathJax.js")) {
                assertTrue(html.contains("\"" + local), deck + " does not load " + local);
                assertTrue(Files.exists(out.resolve(local)), local + " is missing next to the decks");
            }
        }
    }
}

package dlcourse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./course site} in fast mode on two chapters: the pages, their links and plots, and the
 * cache of executed notebooks (a second build executes nothing; a failed notebook leaves nothing).
 */
@EnabledIfSystemProperty(named = "dlcourse.notebooks", matches = ".+")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiteTest {

    private static final String FIRST = "00-setup-and-tour";
    private static final String SECOND = "05-convolutions";
    private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");

    /** The relative links of a page (no web addresses, data URIs or in-page anchors), without query or anchor. */
    static List<String> localLinks(String html) {
        List<String> links = new ArrayList<>();
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            String link = m.group(1);
            if (link.isEmpty() || link.startsWith("#") || link.startsWith("data:") || link.matches("^[a-z]+://.*")) {
                continue;
            }
            links.add(URLDecoder.decode(link.replaceAll("[?#].*$", ""), StandardCharsets.UTF_8));
        }
        return links;
    }

    @Test
    void localLinksSkipWebAddressesDataAndAnchors() {
        String html = "<a href=\"05-x.html\"></a><a href=\"#top\"></a><img src=\"data:image/png;base64,AA\">"
                + "<a href=\"https://mybinder.org/v2\"></a><script src=\"lib/mathjax/MathJax.js?config=TeX\"></script>";
        assertEquals(List.of("05-x.html", "lib/mathjax/MathJax.js"), localLinks(html));
    }

    @Test
    @Order(1)
    void buildsTwoChaptersWithLinksAndPlotsThenReusesTheExecutedCopies(@TempDir Path out) throws Exception {
        Run first = course("site", "--fast", "--out", out.toString(), "00", "05");
        assertEquals(0, first.status(), first.output());
        for (String page : List.of("index.html", FIRST + ".html", SECOND + ".html", FIRST + ".slides.html",
                SECOND + ".slides.html", "assets/notebook.css", "assets/site.css")) {
            assertTrue(Files.size(out.resolve(page)) > 0, page + " is missing or empty");
        }
        for (String page : List.of("index.html", FIRST + ".html", SECOND + ".html", SECOND + ".slides.html")) {
            String html = Files.readString(out.resolve(page), StandardCharsets.UTF_8);
            for (String link : localLinks(html)) {
                assertTrue(Files.exists(out.resolve(link)), page + " links to " + link + ", which does not exist");
            }
        }
        String index = Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(index.contains("href=\"" + FIRST + ".html\"") && index.contains("href=\"" + SECOND + ".html\""), index);
        assertTrue(index.contains("Convolutions"), "the index names chapter 05 by its title: " + index);

        String firstPage = Files.readString(out.resolve(FIRST + ".html"), StandardCharsets.UTF_8);
        String secondPage = Files.readString(out.resolve(SECOND + ".html"), StandardCharsets.UTF_8);
        assertTrue(firstPage.contains("class=\"site-next\" href=\"" + SECOND + ".html\""), "00 links to 05 as next");
        assertFalse(firstPage.contains("class=\"site-prev\""), "00 has no previous chapter in this build");
        assertTrue(secondPage.contains("class=\"site-prev\" href=\"" + FIRST + ".html\""), "05 links to 00 as previous");
        assertTrue(secondPage.contains("https://mybinder.org/v2/gh/") && secondPage.contains("notebooks%2F" + SECOND + ".ipynb"),
                "05 has a Binder link to its notebook");
        assertTrue(secondPage.contains("<img src=\"data:image/png;base64,"), "05's page shows its plots");

        Run second = course("site", "--fast", "--out", out.toString(), "00", "05");
        assertEquals(0, second.status(), second.output());
        assertTrue(second.output().contains(FIRST + ": cached") && second.output().contains(SECOND + ": cached"),
                "the second build re-executed a notebook that did not change: " + second.output());
        System.out.println("site of 00 and 05, fast mode:\n  first build:  " + first.output().strip().replace("\n", "\n  ")
                + "\n  second build: " + second.output().strip().replace("\n", "\n  "));
    }

    @Test
    @Order(2)
    void aFailingNotebookFailsTheBuildByNameAndLeavesNoExecutedCopy(@TempDir Path folder) throws Exception {
        Path notebooks = Files.createDirectories(folder.resolve("notebooks"));
        Path cache = folder.resolve("executed");
        Path out = folder.resolve("site");
        Path notebook = notebooks.resolve("01-planted-failure.ipynb");
        Files.writeString(notebook, notebook("int answer = 6 * 7;", "throw new IllegalStateException(\"planted by SiteTest\");"));
        List<String> build = List.of("--fast", "--notebooks-dir", notebooks.toString(), "--cache", cache.toString(),
                "--out", out.toString());

        Run failed = site(build);
        assertEquals(1, failed.status(), failed.output());
        assertTrue(failed.output().contains("01-planted-failure: a cell failed"), failed.output());
        assertTrue(failed.output().contains("planted by SiteTest"), "the error is shown: " + failed.output());
        assertFalse(Files.exists(cache.resolve("fast/01-planted-failure.ipynb")), "a failed run left an executed copy");
        assertFalse(Files.exists(out.resolve("index.html")), "a failed build wrote an index");

        Files.writeString(notebook, notebook("int answer = 6 * 7;", "System.out.println(answer);"));
        Run fixed = site(build);
        assertEquals(0, fixed.status(), fixed.output());
        assertTrue(fixed.output().contains("01-planted-failure: executed"), fixed.output());
        assertTrue(Files.readString(out.resolve("01-planted-failure.html")).contains("42"), "the page shows the output");
        Run again = site(build);
        assertEquals(0, again.status(), again.output());
        assertTrue(again.output().contains("01-planted-failure: cached"), again.output());
    }

    private static String notebook(String... code) {
        StringBuilder cells = new StringBuilder("""
                {"cell_type": "markdown", "metadata": {"slideshow": {"slide_type": "slide"}}, "source": "# 01 · Planted failure\\n\\nA test notebook."}""");
        for (String source : code) {
            cells.append(",\n{\"cell_type\": \"code\", \"metadata\": {\"slideshow\": {\"slide_type\": \"-\"}}, \"source\": \"")
                    .append(source.replace("\\", "\\\\").replace("\"", "\\\"")).append("\", \"outputs\": [], \"execution_count\": null}");
        }
        return "{\"cells\": [" + cells + "], \"metadata\": {\"kernelspec\": {\"name\": \"java\", \"display_name\": \"Java\", "
                + "\"language\": \"java\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}";
    }

    /**
     * Slides and the site need reveal.js and MathJax, which ./course downloads once from the npm
     * registry (with npm, or with Python where npm is missing). Where they are not downloaded yet
     * and the registry cannot be reached (a machine offline), these tests are skipped with the
     * reason, not failed.
     */
    static void assumeWebAssetsObtainable() throws IOException, InterruptedException {
        boolean fetched = Files.exists(Path.of("build/vendor/reveal.js/VERSION"))
                && Files.exists(Path.of("build/vendor/mathjax/VERSION"));
        if (fetched) {
            return;
        }
        String registry = System.getenv().getOrDefault("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org/");
        boolean reachable;
        try {
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection) java.net.URI.create(registry).toURL().openConnection();
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(10_000);
            connection.setRequestMethod("HEAD");
            reachable = connection.getResponseCode() < 500;
            connection.disconnect();
        } catch (IOException e) {
            reachable = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(reachable,
                "skipped: reveal.js and MathJax are not in build/vendor/ and the npm registry (" + registry
                + ") cannot be reached to download them; connect, then ./course test again");
    }

    @org.junit.jupiter.api.BeforeAll
    static void webAssets() throws IOException, InterruptedException {
        assumeWebAssetsObtainable();
    }

    record Run(int status, String output) {
    }

    /** ./course with these arguments; slow the first time on a fresh machine (reveal.js and MathJax downloads). */
    static Run course(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./course"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish: " + output);
        return new Run(process.exitValue(), output);
    }

    /** scripts/site.py itself, for the options the launcher keeps to itself (another notebooks folder). */
    private static Run site(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(python());
        command.add("scripts/site.py");
        command.addAll(args);
        return run(command);
    }

    /** The interpreter that runs Jupyter, as the launcher finds it: the first line of the jupyter command. */
    static List<String> python() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path jupyter = Path.of(dir, "jupyter");
            if (Files.isRegularFile(jupyter)) {
                String first = Files.readAllLines(jupyter, StandardCharsets.ISO_8859_1).get(0);
                if (first.startsWith("#!")) {
                    return Arrays.asList(first.substring(2).trim().split("\\s+"));
                }
            }
        }
        return List.of("/usr/bin/python3");
    }
}

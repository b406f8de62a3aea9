package dlcourse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** The {@code course} launcher as a user meets it: its answers to bad input, doctor, and lab. */
class LauncherTest {

    private static final Path SYSTEM_FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    record Result(int status, String output) {
    }

    static Result course(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("./course"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "./course " + String.join(" ", args) + " did not finish");
        return new Result(process.exitValue(), output);
    }

    @Test
    void unknownCommandListsTheValidOnes() throws Exception {
        Result result = course(Map.of(), "fly");
        assertEquals(2, result.status());
        assertTrue(result.output().contains("unknown command 'fly'"), result.output());
        for (String command : List.of("setup", "lab", "test", "run", "slides", "site", "bench", "doctor", "help")) {
            assertTrue(result.output().contains(command), "should name '" + command + "': " + result.output());
        }
    }

    @Test
    void unknownNotebookListsTheAvailableOnes() throws Exception {
        for (String command : List.of("run", "test", "slides", "site")) {
            Result result = course(Map.of(), command, "99");
            assertEquals(2, result.status(), command + ": " + result.output());
            assertTrue(result.output().contains("no notebook named '99'"), result.output());
            assertTrue(result.output().contains("00-setup-and-tour"), result.output());
        }
    }

    @Test
    void helpDescribesEveryCommand() throws Exception {
        Result result = course(Map.of(), "test", "--help");
        assertEquals(0, result.status());
        for (String command : List.of("setup", "lab", "test [NN ...]", "run NN", "slides NN", "site [--fast]", "doctor")) {
            assertTrue(result.output().contains(command), "help lacks " + command + ": " + result.output());
        }
    }

    @Test
    void slidesAndSiteExplainTheirOptions() throws Exception {
        for (String command : List.of("slides", "site")) {
            Result result = course(Map.of(), command, "--help");
            assertEquals(0, result.status(), result.output());
            assertTrue(result.output().startsWith("usage: ./course " + command), result.output());
            assertTrue(result.output().contains("--fast") && result.output().contains("--out DIR"), result.output());
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "dlcourse.notebooks", matches = ".+")
    void doctorIsAllOkOnASetUpMachine() throws Exception {
        Result result = course(Map.of(), "doctor");
        assertEquals(0, result.status(), result.output());
        assertTrue(result.output().contains("all ok"), result.output());
    }

    @Test
    @EnabledIfSystemProperty(named = "dlcourse.notebooks", matches = ".+")
    void doctorNamesAMissingDataFileAndTheFix(@TempDir Path data) throws Exception {
        Path fashion = Files.createDirectories(data.resolve("fashion-mnist"));
        for (String file : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz")) {
            Files.copy(SYSTEM_FASHION.resolve(file), fashion.resolve(file));
        }
        Result result = course(Map.of("DLCOURSE_DATA", data.toString()), "doctor");
        assertEquals(1, result.status(), result.output());
        assertTrue(result.output().contains(fashion.resolve("t10k-labels-idx1-ubyte.gz") + " is missing"), result.output());
        assertTrue(result.output().contains("./course setup"), result.output());
    }

    @Test
    @EnabledIfSystemProperty(named = "dlcourse.notebooks", matches = ".+")
    void doctorNamesATruncatedDataFile(@TempDir Path data) throws Exception {
        Path fashion = Files.createDirectories(data.resolve("fashion-mnist"));
        for (String file : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            Files.copy(SYSTEM_FASHION.resolve(file), fashion.resolve(file));
        }
        byte[] whole = Files.readAllBytes(fashion.resolve("t10k-images-idx3-ubyte.gz"));
        Files.write(fashion.resolve("t10k-images-idx3-ubyte.gz"), java.util.Arrays.copyOf(whole, 1000));
        Result result = course(Map.of("DLCOURSE_DATA", data.toString()), "doctor");
        assertEquals(1, result.status(), result.output());
        assertTrue(result.output().contains(fashion.resolve("t10k-images-idx3-ubyte.gz") + " is damaged"), result.output());
        assertTrue(result.output().contains("1000 bytes"), result.output());
    }

    @Test
    @EnabledIfSystemProperty(named = "dlcourse.notebooks", matches = ".+")
    void labStartsJupyterWithTokenAuthentication() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("lab", ".log");
        Process lab = new ProcessBuilder("./course", "lab", "--no-browser", "--ip", "127.0.0.1", "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Pattern tokenPattern = Pattern.compile("127\\.0\\.0\\.1:" + port + "/\\?token=([0-9a-f]+)");
            String token = null;
            for (int i = 0; i < 120 && token == null; i++) {
                Matcher matcher = tokenPattern.matcher(Files.readString(log));
                if (matcher.find()) {
                    token = matcher.group(1);
                } else {
                    assertTrue(lab.isAlive(), "./course lab exited early: " + Files.readString(log));
                    Thread.sleep(500);
                }
            }
            assertTrue(token != null, "no token URL in the log of ./course lab: " + Files.readString(log));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + port;
            assertEquals(200, get(http, base + "/api"), "/api answers");
            assertEquals(403, get(http, base + "/api/kernels"), "/api/kernels refuses a request without the token");
            assertEquals(200, get(http, base + "/api/kernels?token=" + token), "/api/kernels answers with the token");
        } finally {
            lab.descendants().forEach(ProcessHandle::destroy);
            lab.destroy();
            lab.waitFor(20, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        }
    }

    private static int get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

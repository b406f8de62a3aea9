package dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevilsDictionaryTest {

    /** A small dictd file: header entries, a preface, four entries of the real file's shapes, the alphabet. */
    private static final String SAMPLE = String.join("\n",
            "00-database-dictfmt-1.13.0",
            "http://example.org/devils.txt",
            "00-database-short",
            "     The Devil's Dictionary (1881-1906)",
            "The original data is available from:",
            "",
            "                              PREFACE",
            "",
            "_The Devil's Dictionary_ was begun in a weekly paper in 1881.",
            "                                                                  A.B.",
            "",
            "ABASEMENT, n.  A decent and customary mental attitude in the presence",
            "of wealth of power.",
            "",
            "ABDICATION, n.  An act whereby a sovereign attests his sense of the",
            "high temperature of the throne.",
            "",
            "    Poor Isabella's Dead, whose abdication",
            "    Set all tongues wagging in the Spanish nation.",
            "                                                                  G.J.",
            "",
            "BABE or BABY, n.  A misshapen creature of no particular age.",
            "",
            "I is the first letter of the alphabet, the first word of the language.",
            "",
            "TZETZE (or TSETSE) FLY, n.  An African insect.",
            "",
            " abcdefghijklmnopqrstuvwxyz",
            "");

    @TempDir
    Path folder;

    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path dir = folder.resolve(name);
        Files.createDirectories(dir);
        Path file = dir.resolve(DevilsDictionary.FILE_NAME);
        if (gzip) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(content);
            }
        } else {
            Files.write(file, content);
        }
        return dir;
    }

    private DataFileException loadFails(Path dir) {
        return assertThrows(DataFileException.class, () -> DevilsDictionary.load(List.of(dir)));
    }

    @Test
    void parsesEntriesAndDropsTheHeaderAndTheAlphabet() throws IOException {
        Path dir = write("sample", SAMPLE.getBytes(StandardCharsets.UTF_8), true);
        DevilsDictionary dictionary = DevilsDictionary.load(List.of(dir));
        List<String> headwords = dictionary.entries().stream().map(DevilsDictionary.Entry::headword).toList();
        assertEquals(List.of("ABASEMENT", "ABDICATION", "BABE or BABY", "I", "TZETZE (or TSETSE) FLY"), headwords);
        assertEquals("ABASEMENT, n.  A decent and customary mental attitude in the presence\nof wealth of power.",
                dictionary.entries().get(0).text());
        assertTrue(dictionary.entries().get(1).text().endsWith("G.J."), "a quotation stays with its entry");
        String text = dictionary.text();
        assertTrue(text.startsWith("ABASEMENT, n."), text);
        assertTrue(text.endsWith("An African insect."), text);
        assertFalse(text.contains("00-database"), "header entries are dropped");
        assertFalse(text.contains("PREFACE"), "the preface is dropped");
        assertFalse(text.contains("abcdefghijklmnopqrstuvwxyz"), "the dictfmt alphabet is dropped");
        assertEquals(dir.resolve(DevilsDictionary.FILE_NAME), dictionary.file());
    }

    @Test
    void searchPathIsUsedInOrder() throws IOException {
        Path empty = folder.resolve("empty");
        Files.createDirectories(empty);
        Path dir = write("second", SAMPLE.getBytes(StandardCharsets.UTF_8), true);
        assertEquals(5, DevilsDictionary.load(List.of(empty, dir)).entries().size());
        assertEquals(Path.of("/usr/share/dictd"), DevilsDictionary.searchPath().get(DevilsDictionary.searchPath().size() - 1));
    }

    @Test
    void missingFileNamesThePackageAndWhereItLooked() {
        Path dir = folder.resolve("nothing-here");
        String message = loadFails(dir).getMessage();
        assertTrue(message.contains(dir.resolve(DevilsDictionary.FILE_NAME).toString()), message);
        assertTrue(message.contains("dict-devil"), message);
        assertTrue(message.contains("./course setup"), message);
    }

    @Test
    void fileThatIsNotGzipIsDamaged() throws IOException {
        Path dir = write("plain", SAMPLE.getBytes(StandardCharsets.UTF_8), false);
        String message = loadFails(dir).getMessage();
        assertTrue(message.contains("not a valid gzip file"), message);
        assertTrue(message.contains("sudo apt-get install --reinstall dict-devil") && message.contains("./course setup"),
                message);
    }

    @Test
    void truncatedGzipIsDamaged() throws IOException {
        Path whole = write("whole", SAMPLE.getBytes(StandardCharsets.UTF_8), true);
        byte[] bytes = Files.readAllBytes(whole.resolve(DevilsDictionary.FILE_NAME));
        Path dir = write("truncated", new byte[0], false);
        Files.write(dir.resolve(DevilsDictionary.FILE_NAME), Arrays.copyOf(bytes, bytes.length / 2));
        String message = loadFails(dir).getMessage();
        assertTrue(message.contains("truncated"), message);
    }

    @Test
    void gzipOfSomethingElseIsNotADictionary() throws IOException {
        Path dir = write("other", "just some text\nwith lines\n".getBytes(StandardCharsets.UTF_8), true);
        String message = loadFails(dir).getMessage();
        assertTrue(message.contains("is not a dictd dictionary"), message);
        assertTrue(message.contains("just some text"), message);
    }

    @Test
    void headerWithoutEntriesIsAnError() throws IOException {
        String headerOnly = "00-database-short\n     The Devil's Dictionary\n\nThe original data is here.\n";
        Path dir = write("header-only", headerOnly.getBytes(StandardCharsets.UTF_8), true);
        assertTrue(loadFails(dir).getMessage().contains("no entries"));
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path dir = write("empty-text", new byte[0], true);
        assertTrue(loadFails(dir).getMessage().contains("is not a dictd dictionary"));
    }

    @Test
    void bytesThatAreNotTextAreAnError() throws IOException {
        byte[] binary = {'0', '0', '-', (byte) 0xff, (byte) 0xfe, 0, 1};
        Path dir = write("binary", binary, true);
        assertTrue(loadFails(dir).getMessage().contains("not UTF-8"));
    }

    @Test
    void theInstalledDictionaryHasItsThousandEntries() {
        DevilsDictionary dictionary = DevilsDictionary.load(List.of(Path.of("/usr/share/dictd")));
        assertEquals(999, dictionary.entries().size());
        assertEquals("ABASEMENT", dictionary.entries().get(0).headword());
        assertEquals("ZOOLOGY", dictionary.entries().get(dictionary.entries().size() - 1).headword());
        assertTrue(dictionary.entries().stream().allMatch(entry -> entry.text().startsWith(entry.headword().substring(0, 1))));
    }
}

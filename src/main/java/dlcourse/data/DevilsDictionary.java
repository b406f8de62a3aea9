package dlcourse.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The Devil's Dictionary (Ambrose Bierce, 1911, public domain): about 1,000 satirical
 * definitions, the text corpus of chapters 07 and 08. Read from the dictd file of the Debian
 * package {@code dict-devil}, a gzip-compatible text whose entries look like
 * {@code ABASEMENT, n.  A decent and customary mental attitude ...}; the dictd header
 * ({@code 00-database-*} entries and the preface) is dropped.
 *
 * <pre>
 * DevilsDictionary dictionary = DevilsDictionary.load();
 * dictionary.entries().get(0).headword();   // "ABASEMENT"
 * dictionary.text();                        // every entry, one after another
 * </pre>
 */
public final class DevilsDictionary {

    /** The file name dictd and the Debian package use. */
    public static final String FILE_NAME = "devil.dict.dz";

    /** The key of the data set in the data manifest ({@link DataFiles}). */
    static final String DATA_SET = "devil";

    private static final String FIX = "install the Debian package dict-devil (sudo apt-get install dict-devil, "
            + "or run ./course setup)";

    private static final String REPLACE = "replace it: sudo apt-get install --reinstall dict-devil for the copy in "
            + "/usr/share/dictd, or delete a copy under data/devil or $DLCOURSE_DATA/devil and run ./course setup";

    /** dictd files start with their header entries, the first of them named 00-database-... */
    private static final String DICTD_MARKER = "00-database-";

    /** An entry starts at the margin with a capitalised headword: "ABASEMENT, n.", "LL.D.", "I is ...". */
    private static final Pattern ENTRY_START = Pattern.compile("^[A-Z][^a-z\\s,]*(?:[,\\s]|$)");

    /** The headword: capitalised words (with "or", "(or" between alternatives), before the part of speech. */
    private static final Pattern HEADWORD = Pattern.compile("^[A-Z][^a-z\\s]*(?:\\s+(?:[^a-z\\s]+|or|\\(or)(?=\\s|$))*");

    /** dictfmt ends the file with the alphabet of the headwords, one line of lower-case letters. */
    private static final Pattern ALPHABET_LINE = Pattern.compile("^\\s*[a-z]+\\s*$");

    /** One definition: its headword ("BABE or BABY") and its whole text, headword line included. */
    public record Entry(String headword, String text) {
    }

    private final Path file;
    private final List<Entry> entries;

    private DevilsDictionary(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = List.copyOf(entries);
    }

    /** Loads the dictionary from the first copy of {@value #FILE_NAME} on {@link #searchPath()}. */
    public static DevilsDictionary load() {
        return load(searchPath());
    }

    /** Loads the dictionary from the first folder of {@code searchPath} that holds {@value #FILE_NAME}. */
    public static DevilsDictionary load(List<Path> searchPath) {
        Path file = locate(searchPath);
        return new DevilsDictionary(file, parse(read(file), file));
    }

    /**
     * Where the file is looked for, in order: {@code $DLCOURSE_DATA/devil}, {@code data/devil}
     * in the course folder, {@code /usr/share/dictd} (Debian package dict-devil): the data
     * manifest's search order, which {@code ./course} follows too.
     */
    public static List<Path> searchPath() {
        return DataFiles.searchPath(DATA_SET);
    }

    /** The entries, in the dictionary's (alphabetical) order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The file the dictionary was read from. */
    public Path file() {
        return file;
    }

    /** The text of every entry, separated by blank lines: the corpus a language model reads. */
    public String text() {
        return entries.stream().map(Entry::text).collect(Collectors.joining("\n\n"));
    }

    @Override
    public String toString() {
        return "The Devil's Dictionary: " + entries.size() + " entries from " + file;
    }

    static Path locate(List<Path> searchPath) {
        for (Path dir : searchPath) {
            Path file = dir.resolve(FILE_NAME);
            if (Files.exists(file)) {
                return file;
            }
        }
        List<String> looked = searchPath.stream().map(dir -> dir.resolve(FILE_NAME).toString()).toList();
        throw new DataFileException("The Devil's Dictionary (" + FILE_NAME + ") not found; looked in " + looked
                + ". To get it, " + FIX + ", or set DLCOURSE_DATA to a folder that holds devil/" + FILE_NAME);
    }

    /** The unpacked text of a gzip (dictzip) file, which must be UTF-8. */
    static String read(Path file) {
        byte[] bytes;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            bytes = in.readAllBytes();
        } catch (EOFException e) {
            throw new DataFileException(file + " is truncated (it ends after " + size(file)
                    + " compressed bytes); " + REPLACE, e);
        } catch (ZipException e) {
            throw new DataFileException(file + " is not a valid gzip file (" + e.getMessage() + "); " + REPLACE, e);
        } catch (IOException e) {
            throw new DataFileException("could not read " + file + ": " + e.getMessage(), e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DataFileException(file + " is not text (its bytes are not UTF-8); " + REPLACE, e);
        }
    }

    /** Splits dictd text into entries, dropping the header before the first entry and the closing alphabet. */
    static List<Entry> parse(String text, Path file) {
        if (!text.startsWith(DICTD_MARKER)) {
            String start = text.lines().findFirst().orElse("");
            throw new DataFileException(file + " is not a dictd dictionary: it starts with \""
                    + start.substring(0, Math.min(start.length(), 40)) + "\" instead of \"" + DICTD_MARKER
                    + "...\"; " + REPLACE);
        }
        List<String> lines = text.lines().collect(Collectors.toCollection(ArrayList::new));
        while (!lines.isEmpty() && (lines.get(lines.size() - 1).isBlank()
                || ALPHABET_LINE.matcher(lines.get(lines.size() - 1)).matches())) {
            lines.remove(lines.size() - 1);
        }
        List<Entry> entries = new ArrayList<>();
        List<String> current = new ArrayList<>();
        boolean afterBlank = true;
        for (String line : lines) {
            if (afterBlank && ENTRY_START.matcher(line).find()) {
                addEntry(entries, current);
                current.clear();
                current.add(line);
            } else if (!current.isEmpty()) {
                current.add(line);
            }
            afterBlank = line.isBlank();
        }
        addEntry(entries, current);
        if (entries.isEmpty()) {
            throw new DataFileException(file + " has a dictd header but no entries (no line like \"ABASEMENT, n.  "
                    + "A decent ...\"); " + REPLACE);
        }
        return entries;
    }

    private static void addEntry(List<Entry> entries, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        String body = String.join("\n", lines).strip();
        String firstLine = lines.get(0);
        int twoSpaces = firstLine.indexOf("  ");
        String head = twoSpaces < 0 ? firstLine : firstLine.substring(0, twoSpaces);
        Matcher matcher = HEADWORD.matcher(head);
        String headword = matcher.find() ? matcher.group() : head;
        headword = headword.replaceAll("[,.;:]+$", "");
        entries.add(new Entry(headword, body));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}

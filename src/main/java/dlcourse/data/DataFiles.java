package dlcourse.data;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dlcourse.notebook.Course;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The course's data files as the data manifest lists them ({@code dlcourse/data/data-files.json},
 * a resource of this library that {@code ./course setup} and {@code ./course doctor} read too):
 * each data set's folder, its Debian package, its files with their unpacked sizes and SHA-256
 * sums, and the order of the folders a data set is looked for in. So the notebooks look for data
 * where set-up puts it and doctor checks it, from one list.
 *
 * <pre>
 * DataFiles.manifest().searchPath("fashion-mnist", Course.userDataDir(), Course.home());
 * // [$DLCOURSE_DATA/fashion-mnist, COURSE/data/fashion-mnist, /usr/share/datasets/fashion-mnist]
 * </pre>
 */
public final class DataFiles {

    static final String RESOURCE = "/dlcourse/data/data-files.json";

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");
    private static DataFiles manifest;

    /** One file: its name, and where published its size and SHA-256 once unpacked (0 and null where not). */
    public record FileEntry(String name, long unpackedBytes, String unpackedSha256) {
    }

    /** One data set: its folder under a data folder, its system folder, Debian package and files. */
    public record DataSet(String title, String folder, String system, String debian, List<FileEntry> files) {

        /** The entry of one of the data set's files. */
        public FileEntry file(String name) {
            return files.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException(title + " has no file " + name + " in " + RESOURCE));
        }
    }

    private record Manifest(List<String> search, Map<String, DataSet> datasets) {
    }

    private final Manifest content;

    private DataFiles(Manifest content) {
        this.content = content;
    }

    /** The manifest of this library's resource, read once. */
    public static synchronized DataFiles manifest() {
        if (manifest == null) {
            try (InputStream in = DataFiles.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the library's jar; rebuild it with ./course setup");
                }
                manifest = parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("could not read " + RESOURCE + ": " + e.getMessage(), e);
            }
        }
        return manifest;
    }

    /** A manifest from JSON text in the resource's format. */
    static DataFiles parse(Reader json) {
        Gson gson = new GsonBuilder().setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();
        try {
            Manifest content = gson.fromJson(json, Manifest.class);
            if (content == null || content.search() == null || content.datasets() == null) {
                throw new IllegalStateException(RESOURCE + " lacks 'search' or 'datasets'");
            }
            return new DataFiles(content);
        } catch (JsonParseException e) {
            throw new IllegalStateException(RESOURCE + " is not valid: " + e.getMessage(), e);
        }
    }

    /** A data set by its key ("fashion-mnist", "devil"). */
    public DataSet dataSet(String key) {
        DataSet set = content.datasets().get(key);
        if (set == null) {
            throw new IllegalArgumentException("no data set '" + key + "' in " + RESOURCE + "; it lists " + content.datasets().keySet());
        }
        return set;
    }

    /**
     * The folders a data set is looked for in, in order: the manifest's search templates with
     * {DLCOURSE_DATA} (skipped when {@code userData} is null), {course}, {folder} and {system} filled in.
     */
    public List<Path> searchPath(String key, Path userData, Path home) {
        DataSet set = dataSet(key);
        Map<String, String> values = new HashMap<>(Map.of(
                "course", home.toString(), "folder", set.folder(), "system", set.system()));
        if (userData != null) {
            values.put("DLCOURSE_DATA", userData.toString());
        }
        List<Path> path = new ArrayList<>();
        for (String template : content.search()) {
            Matcher variable = VARIABLE.matcher(template);
            StringBuilder filled = new StringBuilder();
            boolean known = true;
            while (variable.find()) {
                String value = values.get(variable.group(1));
                known &= value != null;
                variable.appendReplacement(filled, Matcher.quoteReplacement(value == null ? "" : value));
            }
            variable.appendTail(filled);
            if (known) {
                path.add(Path.of(filled.toString()));
            }
        }
        return path;
    }

    /** The search path of a data set for this kernel: {@code DLCOURSE_DATA} and the course folder. */
    public static List<Path> searchPath(String key) {
        return manifest().searchPath(key, Course.userDataDir(), Course.home());
    }
}

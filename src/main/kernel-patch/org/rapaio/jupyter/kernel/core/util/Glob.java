/*
 * A replacement for rapaio-jupyter-kernel 3.0.1's class (MIT licence, (c) Aurelian Tutuianu), put
 * ahead of its jar on the kernel's classpath by ./course setup.
 *
 * It expands the entries of RJK_CLASSPATH ("DIR/*.jar"). The original split a path with
 * String.split(separator), a regular expression: on Windows the separator "\" is not a valid one,
 * so every entry failed (PatternSyntaxException) and the kernel could not load the course's jars.
 * It also built the glob from the path as written, where "\" escapes the next character. Here the
 * path is split on the separator taken literally, and the glob is written with "/", which a glob
 * on Windows reads as its separator.
 */
package org.rapaio.jupyter.kernel.core.util;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.rapaio.jupyter.kernel.core.ExecutionContext;

public class Glob {

    public List<Path> findPaths(ExecutionContext ctx, String classpath) throws IOException {
        if (classpath == null || classpath.isEmpty()) {
            return List.of();
        }

        String separator = FileSystems.getDefault().getSeparator();
        String[] tokens = classpath.split(Pattern.quote(separator));
        for (int i = 0; i < tokens.length - 1; i++) {
            tokens[i] = tokens[i] + separator;
        }
        int nonMasked = 0;
        for (String token : tokens) {
            if (token.contains("*") || token.contains("?") || token.contains("[") || token.contains("]")) {
                break;
            }
            nonMasked++;
        }
        String prefix = String.join("", Arrays.copyOfRange(tokens, 0, nonMasked));
        String suffix = String.join("", Arrays.copyOfRange(tokens, nonMasked, tokens.length));
        Path root;
        String pattern;
        if (Path.of(prefix).isAbsolute()) {
            root = Path.of(prefix);
            pattern = classpath;
        } else {
            root = ctx.getRootPath().resolve(prefix);
            pattern = root.toAbsolutePath() + (suffix.isEmpty() ? "" : separator + suffix);
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace(separator, "/"));
        List<Path> paths = new ArrayList<>();
        recursiveSearch(paths, root, matcher);
        return paths;
    }

    private void recursiveSearch(List<Path> list, Path root, PathMatcher matcher) {
        if (matcher.matches(root.toAbsolutePath()) && root.toFile().exists()) {
            list.add(root);
        }
        if (root.toFile().isDirectory()) {
            String[] children = root.toFile().list();
            if (children != null) {
                for (String child : children) {
                    recursiveSearch(list, root.resolve(child), matcher);
                }
            }
        }
    }
}

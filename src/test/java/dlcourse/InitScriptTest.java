package dlcourse;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The kernel runs init.jsh at start; an import that does not resolve stops the kernel before the
 * first cell ("Kernel died before replying to kernel_info"). This names the bad import instead.
 */
class InitScriptTest {

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+?)(\\.\\*)?;\\s*$");

    @Test
    void everyImportOfTheInitScriptResolves() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/main/jshell/init.jsh"));
        List<String> bad = new ArrayList<>();
        int imports = 0;
        for (String line : lines) {
            Matcher m = IMPORT.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            imports++;
            boolean isStatic = m.group(1) != null;
            boolean star = m.group(3) != null;
            String name = m.group(2);
            if (!resolves(name, isStatic, star)) {
                bad.add(line.trim());
            }
        }
        assertTrue(imports > 10, "init.jsh should hold the course's imports");
        if (!bad.isEmpty()) {
            fail("init.jsh imports that do not resolve (the kernel would die at start): " + bad);
        }
    }

    private static boolean resolves(String name, boolean isStatic, boolean star) {
        ClassLoader loader = InitScriptTest.class.getClassLoader();
        if (isStatic) {
            // import static a.b.C.member; or a.b.C.*
            String owner = star ? name : name.substring(0, name.lastIndexOf('.'));
            return loads(owner, loader);
        }
        if (!star) {
            return loads(name, loader);
        }
        // a package (a.b.*) needs at least one class in it; a class (a.b.C.*) must load.
        boolean jdkPackage = ModuleLayer.boot().modules().stream().anyMatch(m -> m.getPackages().contains(name));
        if (jdkPackage) {
            return true;
        }
        String path = name.replace('.', '/') + "/";
        try {
            if (loader.getResources(path).hasMoreElements()) {
                try (var scan = new io.github.classgraph.ClassGraph().acceptPackagesNonRecursive(name).scan()) {
                    if (!scan.getAllClasses().isEmpty()) {
                        return true;
                    }
                }
            }
        } catch (java.io.IOException e) {
            return false;
        }
        return loads(name, loader);
    }

    private static boolean loads(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}

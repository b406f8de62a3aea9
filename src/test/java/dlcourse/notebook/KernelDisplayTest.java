package dlcourse.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which kernel's display the bridge picks, and what it sends there. Each test compiles a fake of
 * one kernel's API (the same class and method names, nothing else) into a class loader of its
 * own, as the kernel's classes would be seen from a notebook.
 */
class KernelDisplayTest {

    private static final String RAPAIO_COMMAND = "org.rapaio.jupyter.kernel.MainApp /run/kernel-1.json";

    @TempDir
    Path dir;

    private static final Map<String, String> BUNDLE = bundle();

    private static Map<String, String> bundle() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("image/png", "iVBORw0KGgo=");
        data.put("text/plain", "image 726x250");
        return data;
    }

    // ---------------------------------------------------------------- fakes

    private static final String RAPAIO_MAIN = """
            package org.rapaio.jupyter.kernel;
            public class MainApp {
                public static org.rapaio.jupyter.kernel.core.RapaioKernel kernel;
                public static void start(boolean connected) { kernel = new org.rapaio.jupyter.kernel.core.RapaioKernel(connected); }
            }
            """;
    private static final String RAPAIO_KERNEL = """
            package org.rapaio.jupyter.kernel.core;
            import org.rapaio.jupyter.kernel.display.DisplayData;
            public class RapaioKernel {
                private final Object channels;
                public RapaioKernel(boolean connected) { channels = connected ? new Object() : null; }
                public Object channels() { return channels; }
                public void display(DisplayData data) { DisplayData.LOG.add("display " + data); }
                public void updateDisplay(DisplayData data) { DisplayData.LOG.add("update " + data); }
            }
            """;
    private static final String RAPAIO_DISPLAY_DATA = """
            package org.rapaio.jupyter.kernel.display;
            public class DisplayData {
                public static final java.util.List<String> LOG = new java.util.ArrayList<>();
                private final java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
                private String id;
                public static DisplayData withType(String type, String value) { DisplayData d = new DisplayData(); d.putData(type, value); return d; }
                public void putData(String type, Object value) { data.put(type, value); }
                public void setDisplayId(String id) { this.id = id; }
                @Override public String toString() { return id + " " + data.keySet(); }
            }
            """;

    /** The classes of IJava's base kernel that the bridge uses, in package {@code base} (JJava forked them). */
    private static Map<String, String> baseKernel(String base, String kernelStatics) {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(base + ".kernel.display.DisplayData", """
                package %s.kernel.display;
                public class DisplayData {
                    public static final java.util.List<String> LOG = new java.util.ArrayList<>();
                    private final java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
                    private String id;
                    public DisplayData(String text) { data.put("text/plain", text); }
                    public void putData(String type, Object value) { data.put(type, value); }
                    public DisplayData setDisplayId(String id) { this.id = id; return this; }
                    @Override public String toString() { return id + " " + data.keySet(); }
                }
                """.formatted(base));
        sources.put(base + ".kernel.DisplayStream", """
                package %1$s.kernel;
                import %1$s.kernel.display.DisplayData;
                public class DisplayStream {
                    public void display(DisplayData data) { DisplayData.LOG.add("display " + data); }
                    public void updateDisplay(String id, DisplayData data) { data.setDisplayId(id); DisplayData.LOG.add("update " + data); }
                }
                """.formatted(base));
        sources.put(base + ".kernel.JupyterIO", """
                package %s.kernel;
                public class JupyterIO { public final DisplayStream display = new DisplayStream(); }
                """.formatted(base));
        sources.put(base + ".kernel.BaseKernel", """
                package %1$s.kernel;
                public class BaseKernel {
                    private final JupyterIO io = new JupyterIO();
                    public JupyterIO getIO() { return io; }
                    public void display(%1$s.kernel.display.DisplayData data) { io.display.display(data); }
                    %2$s
                }
                """.formatted(base, kernelStatics));
        return sources;
    }

    /** JJava 1.0: the running kernel is {@code BaseKernel.notebookKernel()}, which throws outside one. */
    private static Map<String, String> jjava() {
        return baseKernel("org.dflib.jjava.jupyter", """
                protected static BaseKernel notebookKernel;
                public static BaseKernel notebookKernel() { return java.util.Objects.requireNonNull(notebookKernel, "No kernel running"); }
                public static void start() { notebookKernel = new BaseKernel(); }
                """);
    }

    /** A kernel kept in a static field of its main class: JJava 1.0a (org.dflib.jjava.JJava) and IJava. */
    private static Map<String, String> kernelInMainClass(String base, String mainClass) {
        Map<String, String> sources = baseKernel(base, "");
        int dot = mainClass.lastIndexOf('.');
        sources.put(mainClass, """
                package %1$s;
                public class %2$s {
                    private static %3$s.kernel.BaseKernel kernel;
                    public static %3$s.kernel.BaseKernel getKernelInstance() { return kernel; }
                    public static void start() { kernel = new %3$s.kernel.BaseKernel(); }
                }
                """.formatted(mainClass.substring(0, dot), mainClass.substring(dot + 1), base));
        return sources;
    }

    /** Compiles {@code sources} (class name to source) into a class loader that sees only them and the JDK. */
    private ClassLoader load(Map<String, String> sources) throws IOException {
        Path src = dir.resolve("src"), classes = dir.resolve("classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "the fake kernel compiles");
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    private static void start(ClassLoader loader, String holder, Object... args) throws ReflectiveOperationException {
        Class<?> type = loader.loadClass(holder);
        if (args.length == 0) {
            type.getMethod("start").invoke(null);
        } else {
            type.getMethod("start", boolean.class).invoke(null, args);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> log(ClassLoader loader, String displayData) {
        try {
            return (List<String>) loader.loadClass(displayData).getField("LOG").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Shows the bundle under id "a", then replaces it, and returns what the fake kernel received. */
    private static List<String> showAndUpdate(KernelDisplay display, ClassLoader loader, String displayData) {
        display.publish("a", BUNDLE, false);
        display.publish("a", BUNDLE, true);
        return log(loader, displayData);
    }

    // ---------------------------------------------------------------- tests

    @Test
    void outsideAnyKernelTheTextFormIsPrinted() {
        KernelDisplay display = KernelDisplay.find(ClassLoader.getPlatformClassLoader(), "org.junit.Main");
        assertInstanceOf(KernelDisplay.PlainText.class, display);
        assertFalse(display.isRich());
        assertEquals("image 726x250" + System.lineSeparator(), dlcourse.SystemOut.capture(() -> display.publish("a", BUNDLE, false)));
    }

    @Test
    void rapaioShowsAndReplacesThroughItsKernel() throws Exception {
        ClassLoader loader = load(Map.of("org.rapaio.jupyter.kernel.MainApp", RAPAIO_MAIN,
                "org.rapaio.jupyter.kernel.core.RapaioKernel", RAPAIO_KERNEL,
                "org.rapaio.jupyter.kernel.display.DisplayData", RAPAIO_DISPLAY_DATA));
        start(loader, "org.rapaio.jupyter.kernel.MainApp", true);
        KernelDisplay display = KernelDisplay.find(loader, RAPAIO_COMMAND);
        assertInstanceOf(KernelDisplay.Rapaio.class, display);
        assertTrue(display.isRich());
        assertEquals(List.of("display a [image/png, text/plain]", "update a [image/png, text/plain]"),
                showAndUpdate(display, loader, "org.rapaio.jupyter.kernel.display.DisplayData"));
    }

    @Test
    void rapaiosClassesOutsideItsKernelOrBeforeItConnectsGivePlainText() throws Exception {
        ClassLoader loader = load(Map.of("org.rapaio.jupyter.kernel.MainApp", RAPAIO_MAIN,
                "org.rapaio.jupyter.kernel.core.RapaioKernel", RAPAIO_KERNEL,
                "org.rapaio.jupyter.kernel.display.DisplayData", RAPAIO_DISPLAY_DATA));
        assertInstanceOf(KernelDisplay.PlainText.class, KernelDisplay.find(loader, RAPAIO_COMMAND), "no kernel yet");
        start(loader, "org.rapaio.jupyter.kernel.MainApp", false);
        assertInstanceOf(KernelDisplay.PlainText.class, KernelDisplay.find(loader, RAPAIO_COMMAND), "not connected");
        start(loader, "org.rapaio.jupyter.kernel.MainApp", true);
        assertInstanceOf(KernelDisplay.PlainText.class, KernelDisplay.find(loader, "org.junit.Main"),
                "the kernel's classes on the classpath of a JVM that is not the kernel");
    }

    @Test
    void jjavaShowsAndReplacesThroughItsNotebookKernel() throws Exception {
        ClassLoader loader = load(jjava());
        start(loader, "org.dflib.jjava.jupyter.kernel.BaseKernel");
        KernelDisplay display = KernelDisplay.find(loader, "org.dflib.jjava.distro.JJava /run/kernel-1.json");
        assertEquals("JJava", display.toString());
        assertTrue(display.isRich());
        assertEquals(List.of("display a [text/plain, image/png]", "update a [text/plain, image/png]"),
                showAndUpdate(display, loader, "org.dflib.jjava.jupyter.kernel.display.DisplayData"));
    }

    @Test
    void jjavaNotStartedGivesPlainText() throws Exception {
        ClassLoader loader = load(jjava());
        assertInstanceOf(KernelDisplay.PlainText.class, KernelDisplay.find(loader, "org.junit.Main"));
    }

    @Test
    void jjavaAlphaReleasesShowThroughTheirMainClass() throws Exception {
        ClassLoader loader = load(kernelInMainClass("org.dflib.jjava.jupyter", "org.dflib.jjava.JJava"));
        start(loader, "org.dflib.jjava.JJava");
        KernelDisplay display = KernelDisplay.find(loader, "org.dflib.jjava.JJava /run/kernel-1.json");
        assertEquals("JJava 1.0a", display.toString());
        assertEquals(List.of("display a [text/plain, image/png]", "update a [text/plain, image/png]"),
                showAndUpdate(display, loader, "org.dflib.jjava.jupyter.kernel.display.DisplayData"));
    }

    @Test
    void ijavaShowsAndReplacesThroughItsKernelInstance() throws Exception {
        ClassLoader loader = load(kernelInMainClass("io.github.spencerpark.jupyter", "io.github.spencerpark.ijava.IJava"));
        assertInstanceOf(KernelDisplay.PlainText.class, KernelDisplay.find(loader, "io.github.spencerpark.ijava.IJava"),
                "IJava's classes before its kernel runs");
        start(loader, "io.github.spencerpark.ijava.IJava");
        KernelDisplay display = KernelDisplay.find(loader, "io.github.spencerpark.ijava.IJava /run/kernel-1.json");
        assertEquals("IJava", display.toString());
        assertEquals(List.of("display a [text/plain, image/png]", "update a [text/plain, image/png]"),
                showAndUpdate(display, loader, "io.github.spencerpark.jupyter.kernel.display.DisplayData"));
    }

    @Test
    void aKernelThatRefusesADisplaySaysWhich() throws Exception {
        Map<String, String> sources = jjava();
        sources.put("org.dflib.jjava.jupyter.kernel.DisplayStream", """
                package org.dflib.jjava.jupyter.kernel;
                import org.dflib.jjava.jupyter.kernel.display.DisplayData;
                public class DisplayStream {
                    public void display(DisplayData data) { throw new IllegalStateException("not attached"); }
                    public void updateDisplay(String id, DisplayData data) { throw new IllegalStateException("not attached"); }
                }
                """);
        ClassLoader loader = load(sources);
        start(loader, "org.dflib.jjava.jupyter.kernel.BaseKernel");
        KernelDisplay display = KernelDisplay.find(loader, "org.dflib.jjava.distro.JJava");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> display.publish("a", BUNDLE, true));
        assertEquals("JJava refused a display: java.lang.IllegalStateException: not attached", refused.getMessage());
    }
}

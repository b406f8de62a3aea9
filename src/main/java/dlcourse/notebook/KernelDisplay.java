package dlcourse.notebook;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bridge to the running Jupyter kernel's rich display. Found by reflection so the library
 * depends on no kernel: rapaio-jupyter-kernel, JJava or IJava when the code runs in one of them,
 * plain text otherwise.
 */
interface KernelDisplay {

    /** Publishes {@code data} (MIME type to content) under {@code id}, or replaces what {@code id} shows. */
    void publish(String id, Map<String, String> data, boolean update);

    /** True when this display shows rich output (images, HTML) in a notebook. */
    boolean isRich();

    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The display of the kernel this code runs in. */
    static KernelDisplay find() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return find(loader != null ? loader : KernelDisplay.class.getClassLoader(),
                System.getProperty("sun.java.command", ""));
    }

    /**
     * The display of the kernel whose classes {@code loader} sees, for a JVM started with the
     * command line {@code javaCommand}: the first of rapaio, JJava, IJava that is running, else plain text.
     */
    static KernelDisplay find(ClassLoader loader, String javaCommand) {
        KernelDisplay rapaio = Rapaio.tryCreate(loader, javaCommand);
        if (rapaio != null) {
            return rapaio;
        }
        for (BaseKernel.Flavour flavour : BaseKernel.FLAVOURS) {
            KernelDisplay kernel = BaseKernel.tryCreate(loader, flavour);
            if (kernel != null) {
                return kernel;
            }
        }
        return new PlainText();
    }

    /** rapaio-jupyter-kernel: {@code MainApp.kernel.display(DisplayData)}. */
    final class Rapaio implements KernelDisplay {
        private final Object kernel;
        private final Method withType;
        private final Method putData;
        private final Method setDisplayId;
        private final Method display;
        private final Method updateDisplay;

        private Rapaio(Object kernel, Class<?> displayData) throws ReflectiveOperationException {
            this.kernel = kernel;
            this.withType = displayData.getMethod("withType", String.class, String.class);
            this.putData = displayData.getMethod("putData", String.class, Object.class);
            this.setDisplayId = displayData.getMethod("setDisplayId", String.class);
            this.display = kernel.getClass().getMethod("display", displayData);
            this.updateDisplay = kernel.getClass().getMethod("updateDisplay", displayData);
        }

        static Rapaio tryCreate(ClassLoader loader, String javaCommand) {
            // Reading MainApp.kernel outside the kernel would start a second kernel; only look inside one.
            if (!javaCommand.contains("rapaio")) {
                return null;
            }
            try {
                Class<?> mainApp = Class.forName("org.rapaio.jupyter.kernel.MainApp", false, loader);
                Field field = mainApp.getField("kernel");
                Object kernel = field.get(null);
                if (kernel == null || kernel.getClass().getMethod("channels").invoke(kernel) == null) {
                    return null;
                }
                Class<?> displayData = Class.forName("org.rapaio.jupyter.kernel.display.DisplayData", false, loader);
                return new Rapaio(kernel, displayData);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException notInRapaio) {
                return null;
            }
        }

        @Override
        public void publish(String id, Map<String, String> data, boolean update) {
            try {
                Object dd = null;
                for (Map.Entry<String, String> entry : data.entrySet()) {
                    if (dd == null) {
                        dd = withType.invoke(null, entry.getKey(), entry.getValue());
                    } else {
                        putData.invoke(dd, entry.getKey(), entry.getValue());
                    }
                }
                setDisplayId.invoke(dd, id);
                (update ? updateDisplay : display).invoke(kernel, dd);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the Java kernel refused a display: " + e.getCause(), e);
            }
        }

        @Override
        public boolean isRich() {
            return true;
        }
    }

    /**
     * JJava and IJava, both built on IJava's base kernel: {@code kernel.display(DisplayData)} shows,
     * {@code kernel.getIO().display.updateDisplay(id, DisplayData)} replaces.
     */
    final class BaseKernel implements KernelDisplay {

        /** Where a kernel of the family keeps its running instance, and its DisplayData class. */
        record Flavour(String name, String kernelHolder, String kernelGetter, String displayData) {
        }

        static final List<Flavour> FLAVOURS = List.of(
                new Flavour("JJava", "org.dflib.jjava.jupyter.kernel.BaseKernel", "notebookKernel",
                        "org.dflib.jjava.jupyter.kernel.display.DisplayData"),
                // JJava's releases 1.0a1 to 1.0a15 kept the kernel in their main class, as IJava does.
                new Flavour("JJava 1.0a", "org.dflib.jjava.JJava", "getKernelInstance",
                        "org.dflib.jjava.jupyter.kernel.display.DisplayData"),
                new Flavour("IJava", "io.github.spencerpark.ijava.IJava", "getKernelInstance",
                        "io.github.spencerpark.jupyter.kernel.display.DisplayData"));

        private final String name;
        private final Object kernel;
        private final Constructor<?> newDisplayData;
        private final Method putData;
        private final Method setDisplayId;
        private final Method display;
        private final Object displayStream;
        private final Method updateDisplay;

        private BaseKernel(String name, Object kernel, Class<?> displayData) throws ReflectiveOperationException {
            this.name = name;
            this.kernel = kernel;
            this.newDisplayData = displayData.getConstructor(String.class);
            this.putData = displayData.getMethod("putData", String.class, Object.class);
            this.setDisplayId = displayData.getMethod("setDisplayId", String.class);
            this.display = kernel.getClass().getMethod("display", displayData);
            Object io = kernel.getClass().getMethod("getIO").invoke(kernel);
            this.displayStream = io.getClass().getField("display").get(io);
            this.updateDisplay = findUpdate(displayStream.getClass(), displayData);
        }

        private static Method findUpdate(Class<?> stream, Class<?> displayData) {
            try {
                return stream.getMethod("updateDisplay", String.class, displayData);
            } catch (NoSuchMethodException olderBaseKernel) {
                return null;
            }
        }

        static BaseKernel tryCreate(ClassLoader loader, Flavour flavour) {
            try {
                Class<?> holder = Class.forName(flavour.kernelHolder(), false, loader);
                Object kernel = holder.getMethod(flavour.kernelGetter()).invoke(null);
                if (kernel == null) {
                    return null;
                }
                Class<?> displayData = Class.forName(flavour.displayData(), false, loader);
                return new BaseKernel(flavour.name(), kernel, displayData);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException notThisKernel) {
                return null;
            }
        }

        @Override
        public void publish(String id, Map<String, String> data, boolean update) {
            if (update && updateDisplay == null) {
                throw new IllegalStateException(name + " cannot replace a display: its DisplayStream has no updateDisplay");
            }
            try {
                Object dd = newDisplayData.newInstance(data.getOrDefault("text/plain", ""));
                for (Map.Entry<String, String> entry : data.entrySet()) {
                    putData.invoke(dd, entry.getKey(), entry.getValue());
                }
                setDisplayId.invoke(dd, id);
                if (update) {
                    updateDisplay.invoke(displayStream, id, dd);
                } else {
                    display.invoke(kernel, dd);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(name + " refused a display: " + e.getCause(), e);
            }
        }

        @Override
        public boolean isRich() {
            return true;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Outside a notebook (unit tests, jshell): the text form, printed. */
    final class PlainText implements KernelDisplay {
        @Override
        public void publish(String id, Map<String, String> data, boolean update) {
            System.out.println(data.getOrDefault("text/plain", "(no text form)"));
        }

        @Override
        public boolean isRich() {
            return false;
        }
    }
}

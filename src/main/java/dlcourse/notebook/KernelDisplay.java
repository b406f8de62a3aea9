package dlcourse.notebook;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;

/**
 * The bridge to the running Jupyter kernel's rich display. Found by reflection so the library
 * depends on no kernel: rapaio-jupyter-kernel is used when present, plain text otherwise.
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
        KernelDisplay rapaio = Rapaio.tryCreate();
        return rapaio != null ? rapaio : new PlainText();
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

        static Rapaio tryCreate() {
            // Reading MainApp.kernel outside the kernel would start a second kernel; only look inside one.
            if (!System.getProperty("sun.java.command", "").contains("rapaio")) {
                return null;
            }
            try {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
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

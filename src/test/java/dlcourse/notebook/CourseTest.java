package dlcourse.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import dlcourse.EngineTest;
import ai.djl.ndarray.NDManager;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CourseTest {

    private static final String FAST = "dlcourse.fast";
    private String savedFast;

    @BeforeEach
    void saveFastProperty() {
        savedFast = System.getProperty(FAST);
    }

    @AfterEach
    void restoreFastProperty() {
        if (savedFast == null) {
            System.clearProperty(FAST);
        } else {
            System.setProperty(FAST, savedFast);
        }
    }

    private static void assumeNoEnvironment(String name) {
        assumeTrue(System.getenv(name) == null, name + " is set in this environment; it overrides what is tested");
    }

    @Test
    void fastModeFromTheSystemProperty() {
        assumeNoEnvironment("DLCOURSE_FAST");
        for (String yes : new String[] {"1", "true", "yes", " YES ", "True"}) {
            System.setProperty(FAST, yes);
            assertTrue(Course.isFast(), "'" + yes + "' means fast");
        }
        for (String no : new String[] {"0", "false", "no", "", "fast"}) {
            System.setProperty(FAST, no);
            assertFalse(Course.isFast(), "'" + no + "' does not mean fast");
        }
        System.clearProperty(FAST);
        assertFalse(Course.isFast(), "full mode when nothing is set");
    }

    @Test
    void pickChoosesBySizeForTheMode() {
        assumeNoEnvironment("DLCOURSE_FAST");
        System.setProperty(FAST, "1");
        assertEquals(2, Course.pick(2, 20));
        assertEquals(0.5, Course.pick(0.5, 0.01));
        assertEquals("fast", Course.mode());
        System.setProperty(FAST, "0");
        assertEquals(20, Course.pick(2, 20));
        assertEquals(0.01, Course.pick(0.5, 0.01));
        assertEquals("full", Course.mode());
    }

    @Test
    void homeIsTheNearestFolderWithTheLauncherAndPom() {
        assumeNoEnvironment("DLCOURSE_HOME");
        Path home = Course.home();
        Path workingDirectory = Path.of("").toAbsolutePath();
        assertTrue(workingDirectory.startsWith(home), home + " is the working directory or above it");
        assertTrue(Files.isRegularFile(home.resolve("course")), "home holds the course launcher");
        assertTrue(Files.isRegularFile(home.resolve("pom.xml")), "home holds pom.xml");
        for (Path p = workingDirectory; !p.equals(home); p = p.getParent()) {
            assertFalse(Files.isRegularFile(p.resolve("course")) && Files.isRegularFile(p.resolve("pom.xml")),
                    p + " is nearer and also holds both");
        }
    }

    @Test
    void noUserDataFolderWhenDlcourseDataIsUnset() {
        assumeNoEnvironment("DLCOURSE_DATA");
        assertNull(Course.userDataDir());
    }

    @Test
    void newManagerClosesTheOneBefore() {
        NDManager first = Course.newManager();
        NDArray array = first.ones(new ai.djl.ndarray.types.Shape(2));
        NDManager second = Course.newManager();
        try {
            assertTrue(array.isReleased(), "the previous manager's arrays are freed");
            assertFalse(first.isOpen(), "the previous manager is closed");
            assertTrue(second.isOpen(), "the newest manager stays open");
        } finally {
            second.close();
        }
    }

    @Test
    void newManagerCollectsThePreviousRunsObjects() {
        NDManager first = Course.newManager();
        WeakReference<Object> previousRun = new WeakReference<>(new Object());
        Course.newManager().close();
        assertFalse(first.isOpen(), "the previous manager is closed");
        assertNull(previousRun.get(), "a re-run collects what the previous run left unreachable");
    }

    @Test
    void summaryFollowsTheCourseLanguage() {
        assumeNoEnvironment("DLCOURSE_FAST");
        System.setProperty(FAST, "0");
        Course.language("zh");
        try {
            String summary = Course.summary();
            assertTrue(summary.startsWith("dlcourse：完整模式，Java " + Runtime.version().feature() + "，"), summary);
            assertTrue(summary.endsWith("，课程目录 " + Course.home()), summary);
        } finally {
            Course.language("en");
        }
    }

    @Test
    void summaryNamesModeJavaEngineAndFolder() {
        assumeNoEnvironment("DLCOURSE_FAST");
        System.setProperty(FAST, "1");
        String summary = Course.summary();
        Engine engine = Engine.getInstance();
        assertTrue(summary.startsWith("dlcourse: fast mode, Java " + Runtime.version().feature() + ", "
                + engine.getEngineName() + " " + engine.getVersion() + ", "), summary);
        assertEquals(EngineTest.builtWith(), engine.getEngineName(), "the engine Maven chose is the one in use");
        assertTrue(summary.endsWith("course folder " + Course.home()), summary);
    }
}

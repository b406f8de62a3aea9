package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every notebook ends with at least two exercises checked by its chapter's checker class. */
class EveryChapterHasCheckedExercisesTest {

    @Test
    void everyNotebookCallsAtLeastTwoCheckers() throws Exception {
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(Path.of("notebooks"))) {
            notebooks = files.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.ipynb")).sorted()
                    .collect(Collectors.toList());
        }
        assertTrue(notebooks.size() >= 14, "expected the chapters 00-13, found " + notebooks);
        for (Path notebook : notebooks) {
            String chapter = notebook.getFileName().toString().substring(0, 2);
            assertTrue(Exercises.checkers(chapter).isPresent(),
                    notebook + ": no dlcourse.exercises.Chapter" + chapter + "Exercises class");
            String text = Files.readString(notebook);
            Matcher calls = Pattern.compile("Chapter" + chapter + "Exercises\\.(\\w+)\\(").matcher(text);
            long distinct = calls.results().map(m -> m.group(1)).distinct().count();
            assertTrue(distinct >= 2, notebook + " has " + distinct + " checked exercises; every chapter needs at least two");
            assertTrue(Exercises.chapters().contains(chapter));
        }
    }
}

package dlcourse.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which chapters have checked exercises: chapter {@code NN}'s checkers are the public static methods
 * of {@code dlcourse.exercises.ChapterNNExercises}.
 */
public final class Exercises {

    private Exercises() {
    }

    /** The checker class of a chapter, e.g. {@code "05"}; empty when the chapter has none. */
    public static java.util.Optional<Class<?>> checkers(String chapter) {
        if (!chapter.matches("\\d\\d")) {
            throw new IllegalArgumentException("a chapter is two digits, e.g. \"05\"; got \"" + chapter + "\"");
        }
        try {
            return java.util.Optional.of(Class.forName(
                    String.format(Locale.ROOT, "dlcourse.exercises.Chapter%sExercises", chapter)));
        } catch (ClassNotFoundException e) {
            return java.util.Optional.empty();
        }
    }

    /** The chapters 00 to 99 that have checked exercises, in order. */
    public static List<String> chapters() {
        List<String> chapters = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String chapter = String.format(Locale.ROOT, "%02d", i);
            if (checkers(chapter).isPresent()) {
                chapters.add(chapter);
            }
        }
        return chapters;
    }
}

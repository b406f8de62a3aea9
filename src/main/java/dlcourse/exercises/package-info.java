/**
 * The checkers of the notebooks' exercises, one class per chapter ({@code Chapter05Exercises} for
 * notebook 05). Each public method takes a learner's answer, runs it through
 * {@link dlcourse.notebook.Exercise#check}, prints whether it is right, and returns true when it is.
 * The reference answers live in {@code solutions/dlcourse/solutions/ChapterNNSolutions.java}, and
 * {@code src/test/java/dlcourse/exercises/ChapterNNExercisesTest.java} proves each checker accepts the
 * solution and rejects a wrong answer.
 */
package dlcourse.exercises;

package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dlcourse.nn.MaskedSoftmax;
import dlcourse.notebook.Course;
import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter10Solutions;
import org.junit.jupiter.api.Test;

class Chapter10ExercisesTest {

    @Test
    void nadarayaWatsonAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter10Exercises.nadarayaWatson(Chapter10Solutions::nadarayaWatson)).passed());
    }

    @Test
    void nadarayaWatsonRejectsAveragesThatIgnoreTheBandwidthOrOverflow() {
        // Wrong: w divides the distance instead of multiplying it.
        assertFalse(Printed.run(() -> Chapter10Exercises.nadarayaWatson((q, keys, values, w) ->
                Chapter10Solutions.nadarayaWatson(q, keys, values, 1 / w))).passed());
        // Wrong: a softmax without subtracting the largest score (0/0 far from the keys).
        assertFalse(Printed.run(() -> Chapter10Exercises.nadarayaWatson((q, keys, values, w) -> {
            double total = 0, weighted = 0;
            for (int i = 0; i < keys.length; i++) {
                double e = Math.exp(-Math.pow((q - keys[i]) * w, 2) / 2);
                total += e;
                weighted += e * values[i];
            }
            return weighted / total;
        })).passed());
        assertFalse(Printed.run(() -> Chapter10Exercises.nadarayaWatson((q, keys, values, w) -> Exercise.todo())).passed());
    }

    @Test
    void maskedSoftmaxAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter10Exercises.maskedSoftmax(Chapter10Solutions::maskedSoftmax)).passed());
    }

    @Test
    void maskedSoftmaxRejectsAPlainSoftmaxOneLengthPerSequenceAndThePlaceholder() {
        assertFalse(Printed.run(() -> Chapter10Exercises.maskedSoftmax((scores, lengths) -> scores.softmax(-1))).passed());
        // Wrong: every query of a sequence masked with its first query's length.
        assertFalse(Printed.run(() -> Chapter10Exercises.maskedSoftmax((scores, lengths) ->
                MaskedSoftmax.apply(scores, lengths.get(":, 0")))).passed());
        assertFalse(Printed.run(() -> Chapter10Exercises.maskedSoftmax((scores, lengths) -> Exercise.todo())).passed());
    }

    @Test
    void maskedSoftmaxNamesTheElementAndThePaddedKeyInTheNotebooksLanguage() {
        String english = Printed.run(() -> Chapter10Exercises.maskedSoftmax((scores, lengths) -> scores.softmax(-1))).text();
        assertTrue(english.contains("✘ masked softmax with a valid length per query: not yet. equal scores (1, 2, 3) "
                + "with valid lengths [[1, 3]], element 0 is 0.333333, expected 1.00000"), english);
        Course.language("zh");
        try {
            // Right where a key counts, 0.5 where it should be 0.
            String chinese = Printed.run(() -> Chapter10Exercises.maskedSoftmax((scores, lengths) -> {
                NDArray right = MaskedSoftmax.apply(scores, lengths);
                return right.add(right.eq(0).toType(DataType.FLOAT32, false).mul(0.5f));
            })).text();
            assertTrue(chinese.contains("每个查询各有一个有效长度的掩蔽 softmax"), chinese);
            assertTrue(chinese.contains("分数全部相等 (1, 2, 3)，有效长度 [[1, 3]]：元素 1 是填充键，权重应为 0，实际为 0.5"), chinese);
            String far = Printed.run(() -> Chapter10Exercises.nadarayaWatson((q, keys, values, w) -> 0)).text();
            assertTrue(far.contains("带宽为 w 的 Nadaraya-Watson 回归") && far.contains("键 [0, 1]、值 [0, 1]、w = 1 时的 f(0.5)"),
                    far);
        } finally {
            Course.language("en");
        }
    }
}

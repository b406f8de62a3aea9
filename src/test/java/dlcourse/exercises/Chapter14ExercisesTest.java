package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter14Solutions;
import org.junit.jupiter.api.Test;

class Chapter14ExercisesTest {

    @Test
    void matrixProductAcceptsTheSolution() {
        Printed p = Printed.run(() -> Chapter14Exercises.matrixProduct(Chapter14Solutions::matrixProduct));
        assertTrue(p.right(), p.text());
    }

    @Test
    void matrixProductRejectsAProductWithoutTheSumAndSaysWhichEntry() {
        // only the first term of the sum, a[i][0] * b[0][j]
        Printed p = Printed.run(() -> Chapter14Exercises.matrixProduct((a, b) -> {
            double[][] c = new double[a.length][b[0].length];
            for (int i = 0; i < c.length; i++) {
                for (int j = 0; j < c[0].length; j++) {
                    c[i][j] = a[i][0] * b[0][j];
                }
            }
            return c;
        }));
        assertTrue(p.wrong() && p.text().contains("for A of 2 × 2 and B of 2 × 2, c[0][0] (row 0 of A times column 0 of B)"),
                p.text());
    }

    @Test
    void matrixProductRejectsTheWrongShape() {
        // C given as many columns as A has rows: right for square matrices only
        Printed p = Printed.run(() -> Chapter14Exercises.matrixProduct((a, b) -> {
            double[][] c = new double[a.length][a.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a.length; j++) {
                    for (int k = 0; k < b.length; k++) {
                        c[i][j] += a[i][k] * b[k][Math.min(j, b[0].length - 1)];
                    }
                }
            }
            return c;
        }));
        assertTrue(p.wrong() && p.text().contains("C must be 2 × 4, got 2 rows of [2, 2] numbers"), p.text());
    }

    @Test
    void matrixProductWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter14Exercises.matrixProduct((a, b) -> Exercise.todo())).unanswered());
    }

    @Test
    void chainRuleAcceptsTheSolution() {
        Printed p = Printed.run(() -> Chapter14Exercises.chainRuleDerivative(Chapter14Solutions::chainRuleDerivative));
        assertTrue(p.right(), p.text());
    }

    @Test
    void chainRuleRejectsForgettingTheInnerDerivative() {
        // σ(x²) alone: the derivative of the outer functions without the 2x of u = x²
        Printed p = Printed.run(() -> Chapter14Exercises.chainRuleDerivative(x -> 1 / (1 + Math.exp(-x * x))));
        assertTrue(p.wrong() && p.text().contains("f'(-4.0)"), p.text());
    }

    @Test
    void chainRuleWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter14Exercises.chainRuleDerivative(x -> Exercise.todo())).unanswered());
    }

    @Test
    void largestEigenvalueAcceptsTheSolution() {
        Printed p = Printed.run(() -> Chapter14Exercises.largestEigenvalue(Chapter14Solutions::largestEigenvalue));
        assertTrue(p.right(), p.text());
    }

    @Test
    void largestEigenvalueRejectsTheSmallerRoot() {
        Printed p = Printed.run(() -> Chapter14Exercises.largestEigenvalue(
                (a, b, d) -> (a + d) / 2 - Math.sqrt((a - d) * (a - d) / 4 + b * b)));
        assertTrue(p.wrong() && p.text().contains("the largest eigenvalue of ((2.0, 1.0), (1.0, 1.5))"), p.text());
    }

    @Test
    void largestEigenvalueRejectsTheLargestDiagonalEntry() {
        // right for the diagonal matrices, wrong as soon as b is not 0
        Printed p = Printed.run(() -> Chapter14Exercises.largestEigenvalue((a, b, d) -> Math.max(a, d)));
        assertTrue(p.wrong(), p.text());
    }

    @Test
    void largestEigenvalueWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter14Exercises.largestEigenvalue((a, b, d) -> Exercise.todo())).unanswered());
    }

    @Test
    void speaksTheNotebooksLanguage() {
        Printed p = Chinese.run(() -> Chapter14Exercises.matrixProduct(
                (a, b) -> a.length == b[0].length ? Chapter14Solutions.matrixProduct(a, b) : new double[a.length][a.length]));
        assertTrue(p.text().contains("矩阵乘法")
                && p.text().contains("A 为 2 × 3、B 为 3 × 4 时，C 应为 2 × 4，但你给出了 2 行，各行分别有 [2, 2] 个数"),
                p.text());
    }
}

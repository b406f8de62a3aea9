package dlcourse.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dlcourse.notebook.Exercise;
import dlcourse.notebook.Messages;
import java.util.Arrays;
import java.util.function.BinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Checkers of the maths appendix's exercises (notebook 14). Each prints one line and returns true when the answer is right. */
public final class Chapter14Exercises {

    private Chapter14Exercises() {
    }

    /** A learner's formula for the largest eigenvalue of the symmetric matrix ((a, b), (b, d)). */
    @FunctionalInterface
    public interface LargestEigenvalue {
        double of(double a, double b, double d);
    }

    /** Exercise "the matrix product with loops": C = AB for A (m × k) and B (k × n), on square and non-square shapes. */
    public static boolean matrixProduct(BinaryOperator<double[][]> answer) {
        return Exercise.check(Messages.text("ch14.matrixProduct.name"), () -> {
            int[][] shapes = {{2, 2, 2}, {2, 3, 4}, {4, 1, 3}, {1, 5, 1}};
            java.util.Random random = new java.util.Random(14);
            for (int[] shape : shapes) {
                double[][] a = randomMatrix(shape[0], shape[1], random);
                double[][] b = randomMatrix(shape[1], shape[2], random);
                double[][] expected = matMul(a, b);
                double[][] got = answer.apply(a, b);
                String which = Messages.text("ch14.matrixProduct.which", shape[0], shape[1], shape[1], shape[2]);
                Exercise.require(got != null, Messages.text("ch14.matrixProduct.null", which));
                Exercise.require(got.length == shape[0] && Arrays.stream(got).allMatch(row -> row != null && row.length == shape[2]),
                        Messages.text("ch14.matrixProduct.shape", which, shape[0], shape[2], got.length,
                                Arrays.toString(Arrays.stream(got).mapToInt(row -> row == null ? 0 : row.length).toArray())));
                for (int i = 0; i < shape[0]; i++) {
                    for (int j = 0; j < shape[2]; j++) {
                        Exercise.requireClose(got[i][j], expected[i][j], 1e-9,
                                Messages.text("ch14.matrixProduct.entry", which, i, j, i, j));
                    }
                }
            }
        });
    }

    /** Exercise "the chain rule": the derivative of ln(1 + e^(x²)), against a central difference at 81 points in [-4, 4]. */
    public static boolean chainRuleDerivative(DoubleUnaryOperator answer) {
        return Exercise.check(Messages.text("ch14.chainRule.name"), () -> {
            DoubleUnaryOperator f = x -> Math.log1p(Math.exp(x * x));
            double h = 1e-5;
            for (int i = 0; i <= 80; i++) {
                double x = -4 + i * 0.1;
                double measured = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
                Exercise.requireClose(answer.applyAsDouble(x), measured, 1e-4 * Math.max(1, Math.abs(measured)),
                        Messages.text("ch14.chainRule.at", x));
            }
        });
    }

    /** Exercise "the largest eigenvalue" of ((a, b), (b, d)): checked on several matrices, with the eigenvector equation. */
    public static boolean largestEigenvalue(LargestEigenvalue answer) {
        return Exercise.check(Messages.text("ch14.largestEigenvalue.name"), () -> {
            double[][] matrices = {{2, 1, 1.5}, {3, 0, 5}, {1, -2, 1}, {-1, 0.5, -3}, {4, 0, 4}};
            for (double[] m : matrices) {
                double a = m[0];
                double b = m[1];
                double d = m[2];
                double expected = (a + d) / 2 + Math.sqrt((a - d) * (a - d) / 4 + b * b);
                Exercise.requireClose(answer.of(a, b, d), expected, 1e-9,
                        Messages.text("ch14.largestEigenvalue.of", a, b, b, d));
            }
        });
    }

    private static double[][] randomMatrix(int rows, int columns, java.util.Random random) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int j = 0; j < columns; j++) {
                row[j] = Math.round(random.nextGaussian() * 10) / 4.0;
            }
        }
        return m;
    }

    /** A × B by DJL's matMul, which the learner's loops must match. */
    private static double[][] matMul(double[][] a, double[][] b) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray c = manager.create(a).matMul(manager.create(b));
            double[] flat = c.toDoubleArray();
            double[][] rows = new double[a.length][b[0].length];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(flat, i * rows[0].length, rows[i], 0, rows[0].length);
            }
            return rows;
        }
    }
}

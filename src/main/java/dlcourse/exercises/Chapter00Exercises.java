package dlcourse.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dlcourse.notebook.Exercise;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/** Checks for the exercises of notebook 00 (NDArrays, broadcasting, autograd). */
public final class Chapter00Exercises {

    private Chapter00Exercises() {
    }

    /** A learner's {@code double slopeAt(Function<NDArray, NDArray> f, double a)}. */
    @FunctionalInterface
    public interface Slope {
        double at(Function<NDArray, NDArray> f, double a);
    }

    /**
     * Exercise: divide every row of a matrix by the row's sum, so each row adds up to 1, with one
     * broadcast division. Checked on positive random matrices of several shapes.
     */
    public static boolean rowsSumToOne(Function<NDArray, NDArray> answer) {
        return Exercise.check("rows divided by their sums", () -> {
            Random random = new Random(0);
            try (NDManager manager = NDManager.newBaseManager()) {
                for (int[] rowsColumns : new int[][] {{3, 4}, {1, 5}, {6, 2}, {10, 10}}) {
                    int rows = rowsColumns[0], columns = rowsColumns[1];
                    float[][] values = new float[rows][columns];
                    for (float[] row : values) {
                        for (int j = 0; j < columns; j++) {
                            row[j] = 0.5f + 10 * random.nextFloat();
                        }
                    }
                    NDArray result = answer.apply(manager.create(values));
                    Exercise.require(result != null, "your function returned null");
                    Exercise.require(result.getShape().equals(new Shape(rows, columns)), "for a " + rows + "×" + columns
                            + " matrix the result has shape " + result.getShape() + ", expected (" + rows + ", " + columns
                            + "): divide by a column vector of row sums, shape (" + rows + ", 1)");
                    float[] got = result.toType(DataType.FLOAT32, false).toFloatArray();
                    for (int i = 0; i < rows; i++) {
                        double sum = 0;
                        for (float v : values[i]) {
                            sum += v;
                        }
                        for (int j = 0; j < columns; j++) {
                            double expected = values[i][j] / sum;
                            Exercise.require(Math.abs(got[i * columns + j] - expected) <= 1e-5, String.format(Locale.ROOT,
                                    "in a %d×%d matrix, element (%d, %d) is %.5f, expected %.5f (its value %.3f over its row's sum %.3f)",
                                    rows, columns, i, j, got[i * columns + j], expected, values[i][j], sum));
                        }
                    }
                }
            }
        });
    }

    /**
     * Exercise: {@code slopeAt(f, a)} returns f'(a) computed by autograd, for any function f built
     * from NDArray operations. Checked on five functions whose derivatives are known.
     */
    public static boolean slopeAt(Slope answer) {
        return Exercise.check("slope by autograd", () -> {
            record Case(String name, Function<NDArray, NDArray> f, double a, double slope) {}
            Case[] cases = {
                new Case("a² + 3a", x -> x.mul(x).add(x.mul(3)), 2, 7),
                new Case("a³", x -> x.pow(3), 2, 12),
                new Case("sin(a)", NDArray::sin, 0, 1),
                new Case("exp(a)", NDArray::exp, 1, Math.E),
                new Case("1 / a", x -> x.pow(-1), -0.5, -4),
            };
            for (Case c : cases) {
                double got = answer.at(c.f(), c.a());
                Exercise.require(Math.abs(got - c.slope()) <= 1e-4 * Math.max(1, Math.abs(c.slope())), String.format(Locale.ROOT,
                        "for f(a) = %s at a = %s your slope is %.6g, which is not f'(%s): backward from f(x), then read x's gradient",
                        c.name(), c.a(), got, c.a()));
            }
        });
    }
}

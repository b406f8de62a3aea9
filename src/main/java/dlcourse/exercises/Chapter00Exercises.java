package dlcourse.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dlcourse.notebook.Exercise;
import dlcourse.notebook.Messages;
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
        return Exercise.check(Messages.text("ch00.rowsSumToOne.name"), () -> {
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
                    Exercise.require(result != null, Messages.text("ch00.rowsSumToOne.null"));
                    Exercise.require(result.getShape().equals(new Shape(rows, columns)),
                            Messages.text("ch00.rowsSumToOne.shape", rows, columns, result.getShape()));
                    float[] got = result.toType(DataType.FLOAT32, false).toFloatArray();
                    for (int i = 0; i < rows; i++) {
                        double sum = 0;
                        for (float v : values[i]) {
                            sum += v;
                        }
                        for (int j = 0; j < columns; j++) {
                            double expected = values[i][j] / sum;
                            Exercise.require(Math.abs(got[i * columns + j] - expected) <= 1e-5, Messages.text("ch00.rowsSumToOne.element",
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
        return Exercise.check(Messages.text("ch00.slopeAt.name"), () -> {
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
                Exercise.require(Math.abs(got - c.slope()) <= 1e-4 * Math.max(1, Math.abs(c.slope())), Messages.text(
                        "ch00.slopeAt.wrong", c.name(), c.a(), got));
            }
        });
    }
}

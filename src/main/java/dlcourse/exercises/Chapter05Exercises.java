package dlcourse.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import dlcourse.notebook.Exercise;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/** Checks for the exercises of notebook 05 (convolutions, padding and stride). */
public final class Chapter05Exercises {

    private Chapter05Exercises() {
    }

    /**
     * Exercise: a square kernel (odd size, up to 7×7) that responds to horizontal lines and not at
     * all to vertical lines or to flat regions. Checked by cross-correlating it with three 16×16 test
     * images: a horizontal line, a vertical line, a uniform grey.
     */
    public static boolean horizontalLineKernel(Function<NDManager, NDArray> answer) {
        return Exercise.check("a kernel for horizontal lines", () -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray kernel = answer.apply(manager);
                Exercise.require(kernel != null, "your function returned null");
                Shape shape = kernel.getShape();
                Exercise.require(shape.dimension() == 2 && shape.get(0) == shape.get(1) && shape.get(0) % 2 == 1
                        && shape.get(0) <= 7, "the kernel must be a square 2-D array of odd size up to 7×7, like (3, 3); got " + shape);
                kernel = kernel.toType(DataType.FLOAT32, false);
                double size = kernel.abs().sum().getFloat();
                Exercise.require(size > 0, "the kernel is all zeros: it responds to nothing");
                NDArray horizontal = manager.zeros(new Shape(16, 16));
                horizontal.set(new NDIndex("8, :"), 1f);
                NDArray vertical = horizontal.transpose();
                NDArray flat = manager.full(new Shape(16, 16), 0.5f);
                double onFlat = strongestResponse(flat, kernel) / size;
                double onVertical = strongestResponse(vertical, kernel) / size;
                double onHorizontal = strongestResponse(horizontal, kernel) / size;
                Exercise.require(onFlat <= 1e-5, String.format(Locale.ROOT,
                        "on a uniform grey image the kernel responds (%.3g of its total weight): its weights must add up to 0", onFlat));
                Exercise.require(onVertical <= 1e-5, String.format(Locale.ROOT,
                        "the kernel responds to a vertical line (%.3g of its total weight): each of its columns must add up to 0",
                        onVertical));
                Exercise.require(onHorizontal >= 0.25, String.format(Locale.ROOT,
                        "on a horizontal line the strongest response is only %.3g of the kernel's total weight; expected at least 0.25:"
                                + " give the middle row a different weight from the rows above and below it", onHorizontal));
            }
        });
    }

    private static double strongestResponse(NDArray image, NDArray kernel) {
        long k = kernel.getShape().get(0);
        NDArray output = Conv2d.conv2d(image.reshape(1, 1, 16, 16), kernel.reshape(1, 1, k, k),
                image.getManager().zeros(new Shape(1))).singletonOrThrow();
        return output.abs().max().getFloat();
    }

    /**
     * Exercise: padding and stride {@code {p1, s1, p2, s2}} of two 3×3 convolutions that turn a
     * 28×28 input into 7×7. Checked by running the two convolutions with DJL.
     */
    public static boolean downsampleTo7(Supplier<int[]> answer) {
        return Exercise.check("two 3×3 convolutions from 28×28 to 7×7", () -> {
            int[] settings = answer.get();
            Exercise.require(settings != null && settings.length == 4,
                    "answer four numbers {p1, s1, p2, s2}, got " + (settings == null ? "null" : Arrays.toString(settings)));
            for (int layer = 0; layer < 2; layer++) {
                int p = settings[2 * layer], s = settings[2 * layer + 1];
                Exercise.require(p >= 0 && p <= 2 && s >= 1 && s <= 4, "layer " + (layer + 1) + " has padding " + p
                        + " and stride " + s + "; use a padding from 0 to 2 and a stride from 1 to 4");
            }
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray x = manager.ones(new Shape(1, 1, 28, 28));
                NDArray weight = manager.ones(new Shape(1, 1, 3, 3)), bias = manager.zeros(new Shape(1));
                StringBuilder sizes = new StringBuilder("28");
                for (int layer = 0; layer < 2; layer++) {
                    int p = settings[2 * layer], s = settings[2 * layer + 1];
                    x = Conv2d.conv2d(x, weight, bias, new Shape(s, s), new Shape(p, p)).singletonOrThrow();
                    sizes.append(" → ").append(x.getShape().get(2));
                }
                Exercise.require(x.getShape().get(2) == 7 && x.getShape().get(3) == 7,
                        "DJL's conv2d with your settings gives sizes " + sizes + ", not 7 at the end");
            }
        });
    }
}

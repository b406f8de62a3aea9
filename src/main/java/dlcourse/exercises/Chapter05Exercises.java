package dlcourse.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import dlcourse.notebook.Exercise;
import dlcourse.notebook.Messages;
import java.util.Arrays;
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
        return Exercise.check(Messages.text("ch05.horizontalLineKernel.name"), () -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray kernel = answer.apply(manager);
                Exercise.require(kernel != null, Messages.text("ch05.horizontalLineKernel.null"));
                Shape shape = kernel.getShape();
                Exercise.require(shape.dimension() == 2 && shape.get(0) == shape.get(1) && shape.get(0) % 2 == 1
                        && shape.get(0) <= 7, Messages.text("ch05.horizontalLineKernel.shape", shape));
                kernel = kernel.toType(DataType.FLOAT32, false);
                double size = kernel.abs().sum().getFloat();
                Exercise.require(size > 0, Messages.text("ch05.horizontalLineKernel.zeros"));
                NDArray horizontal = manager.zeros(new Shape(16, 16));
                horizontal.set(new NDIndex("8, :"), 1f);
                NDArray vertical = horizontal.transpose();
                NDArray flat = manager.full(new Shape(16, 16), 0.5f);
                double onFlat = strongestResponse(flat, kernel) / size;
                double onVertical = strongestResponse(vertical, kernel) / size;
                double onHorizontal = strongestResponse(horizontal, kernel) / size;
                Exercise.require(onFlat <= 1e-5, Messages.text("ch05.horizontalLineKernel.flat", onFlat));
                Exercise.require(onVertical <= 1e-5, Messages.text("ch05.horizontalLineKernel.vertical", onVertical));
                Exercise.require(onHorizontal >= 0.25, Messages.text("ch05.horizontalLineKernel.weak", onHorizontal));
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
        return Exercise.check(Messages.text("ch05.downsampleTo7.name"), () -> {
            int[] settings = answer.get();
            Exercise.require(settings != null && settings.length == 4,
                    Messages.text("ch05.downsampleTo7.count", settings == null ? "null" : Arrays.toString(settings)));
            for (int layer = 0; layer < 2; layer++) {
                int p = settings[2 * layer], s = settings[2 * layer + 1];
                Exercise.require(p >= 0 && p <= 2 && s >= 1 && s <= 4,
                        Messages.text("ch05.downsampleTo7.range", layer + 1, p, s));
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
                        Messages.text("ch05.downsampleTo7.sizes", sizes));
            }
        });
    }
}

package dlcourse.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Random changes to a batch of images that keep their labels, for data augmentation: each epoch
 * the model sees a slightly different version of every training image, which makes memorising
 * the training set harder and tends to raise test accuracy. Batched NDArray operations on images
 * of shape (N, channels, height, width); random numbers come from the engine, so
 * {@code Seeds.set} makes them repeatable.
 *
 * <pre>
 * Training training = new Training(trainer, 256).withAugmentation(ImageAugmentation::randomHorizontalFlip);
 * </pre>
 */
public final class ImageAugmentation {

    private ImageAugmentation() {
    }

    /**
     * Each image mirrored left to right with probability 1/2. A shirt or a shoe seen in a mirror is
     * still a shirt or a shoe; for digits or text this would be wrong.
     */
    public static NDArray randomHorizontalFlip(NDArray images) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("images must have shape (N, channels, height, width), got " + shape
                    + "; reshape Fashion-MNIST's (N, 28, 28) with reshape(-1, 1, 28, 28)");
        }
        NDArray flip = images.getManager().randomUniform(0f, 1f, new Shape(shape.get(0), 1, 1, 1), DataType.FLOAT32).lt(0.5f)
                .toType(images.getDataType(), false);
        NDArray mirrored = images.flip(3);
        // x + flip * (mirrored - x): the mirrored image where flip is 1, the image itself where it is 0.
        return images.add(mirrored.sub(images).mul(flip));
    }
}

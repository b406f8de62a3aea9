package dlcourse.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import dlcourse.notebook.Messages;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 70,000 grey-scale 28x28 images of clothing in
 * 10 classes. Read from the IDX gzip files on a search path, checked for size and SHA-256
 * before use; a missing or damaged file is an error that says how to get it. Never made up.
 *
 * <pre>
 * FashionMnist.Data train = FashionMnist.load(manager, FashionMnist.Subset.TRAIN, 2000);
 * train.images();   // (2000, 28, 28) float32 in [0, 1]
 * train.labels();   // (2000) float32 class indices 0..9
 * </pre>
 */
public final class FashionMnist {

    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("t-shirt", "trouser", "pullover", "dress", "coat",
            "sandal", "shirt", "sneaker", "bag", "ankle boot");

    public static final int IMAGE_SIZE = 28;
    public static final int CLASSES = 10;

    private static final String FIX = "run ./course setup (it installs the Debian package dataset-fashion-mnist "
            + "or downloads the files into data/fashion-mnist)";

    /** The key of the data set in the data manifest ({@link DataFiles}). */
    static final String DATA_SET = "fashion-mnist";

    /** The two published subsets; their files' sizes and checksums are the data manifest's. */
    public enum Subset {
        TRAIN("train", 60_000),
        TEST("t10k", 10_000);

        private final String prefix;
        private final int count;

        Subset(String prefix, int count) {
            this.prefix = prefix;
            this.count = count;
        }

        /** Number of examples in the full subset. */
        public int count() {
            return count;
        }

        public String imagesFile() {
            return prefix + "-images-idx3-ubyte.gz";
        }

        public String labelsFile() {
            return prefix + "-labels-idx1-ubyte.gz";
        }
    }

    /** Images (N, 28, 28) float32 in [0, 1] and labels (N) float32, owned by the manager given to load. */
    public record Data(NDArray images, NDArray labels) {

        /** Number of examples. */
        public int size() {
            return (int) labels.getShape().get(0);
        }
    }

    private FashionMnist() {
    }

    /** Loads the first {@code limit} examples of a subset (all of them when limit is 0 or more than there are). */
    public static Data load(NDManager manager, Subset subset, int limit) {
        return load(manager, subset, limit, searchPath());
    }

    /** Loads from the first folder of {@code searchPath} that holds the subset's images file. */
    public static Data load(NDManager manager, Subset subset, int limit, List<Path> searchPath) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (all) or positive, got " + limit);
        }
        int n = limit == 0 ? subset.count : Math.min(limit, subset.count);
        DataFiles.DataSet published = DataFiles.manifest().dataSet(DATA_SET);
        Path imagesFile = locate(subset.imagesFile(), searchPath);
        byte[] images = read(imagesFile, published.file(subset.imagesFile()), 2051);
        // Labels come from the images' folder, so the two can never belong to different copies.
        Path labelsFile = imagesFile.resolveSibling(subset.labelsFile());
        if (!Files.exists(labelsFile)) {
            throw new DataFileException("Fashion-MNIST file " + labelsFile + " is missing (its images file "
                    + imagesFile.getFileName() + " is there); " + FIX);
        }
        byte[] labels = read(labelsFile, published.file(subset.labelsFile()), 2049);
        ByteBuffer imageBytes = ByteBuffer.wrap(images, 16, n * IMAGE_SIZE * IMAGE_SIZE).slice();
        ByteBuffer labelBytes = ByteBuffer.wrap(labels, 8, n).slice();
        NDArray imageArray;
        NDArray labelArray;
        try (NDManager scratch = manager.newSubManager()) {
            NDArray rawImages = scratch.create(imageBytes, new Shape(n, IMAGE_SIZE, IMAGE_SIZE), DataType.UINT8);
            NDArray rawLabels = scratch.create(labelBytes, new Shape(n), DataType.UINT8);
            imageArray = rawImages.toType(DataType.FLOAT32, false).divi(255f);
            labelArray = rawLabels.toType(DataType.FLOAT32, false);
            imageArray.attach(manager);
            labelArray.attach(manager);
        }
        return new Data(imageArray, labelArray);
    }

    /**
     * A DJL dataset of a subset, for {@code EasyTrain} and {@code trainer.iterateDataset}: batches
     * of images (B, 28, 28) and labels (B).
     */
    public static ArrayDataset dataset(NDManager manager, Subset subset, int limit, int batchSize, boolean shuffle) {
        Data data = load(manager, subset, limit);
        return new ArrayDataset.Builder()
                .setData(data.images())
                .optLabels(data.labels())
                .setSampling(batchSize, shuffle)
                .build();
    }

    /**
     * The class names of an array of labels, as a learner reads them: in the notebook's language
     * ({@code Course.language("zh")} gives 运动鞋 for "sneaker"); {@link #CLASS_NAMES} stays English.
     */
    public static List<String> classNames(NDArray labels) {
        List<String> names = new ArrayList<>();
        try (NDArray ints = labels.toType(DataType.INT32, true)) {
            for (int label : ints.toIntArray()) {
                if (label < 0 || label >= CLASSES) {
                    throw new IllegalArgumentException("label " + label + " is not a Fashion-MNIST class (0 to 9)");
                }
                names.add(Messages.term(CLASS_NAMES.get(label)));
            }
        }
        return names;
    }

    /**
     * Where the files are looked for, in order: {@code $DLCOURSE_DATA/fashion-mnist},
     * {@code data/fashion-mnist} in the course folder, {@code /usr/share/datasets/fashion-mnist}
     * (the data manifest's search order, which {@code ./course} follows too).
     */
    public static List<Path> searchPath() {
        return DataFiles.searchPath(DATA_SET);
    }

    /** The first existing copy of {@code fileName} on the search path. */
    static Path locate(String fileName, List<Path> searchPath) {
        for (Path dir : searchPath) {
            Path file = dir.resolve(fileName);
            if (Files.exists(file)) {
                return file;
            }
        }
        List<String> looked = searchPath.stream().map(dir -> dir.resolve(fileName).toString()).toList();
        throw new DataFileException("Fashion-MNIST file " + fileName + " not found; looked in " + looked + ". To get it, "
                + FIX + ", or set DLCOURSE_DATA to a folder that holds fashion-mnist/" + fileName);
    }

    /** Reads and checks one IDX gzip file against its published size and SHA-256; returns its unpacked bytes. */
    static byte[] read(Path file, DataFiles.FileEntry published, int expectedMagic) {
        return read(file, Math.toIntExact(published.unpackedBytes()), published.unpackedSha256(), expectedMagic);
    }

    /** Reads and checks one IDX gzip file; returns its uncompressed bytes. */
    static byte[] read(Path file, int expectedBytes, String expectedSha256, int expectedMagic) {
        byte[] bytes = new byte[expectedBytes];
        int total = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            while (total < expectedBytes) {
                int read = in.read(bytes, total, expectedBytes - total);
                if (read < 0) {
                    break;
                }
                total += read;
            }
            if (total == expectedBytes && in.read() >= 0) {
                total += 1 + (int) in.transferTo(OutputStream.nullOutputStream());
            }
        } catch (EOFException e) {
            throw new DataFileException(file + " is truncated: it ends after " + fileSize(file) + " compressed bytes ("
                    + total + " of " + expectedBytes + " bytes unpacked); delete it and " + FIX, e);
        } catch (ZipException e) {
            throw new DataFileException(file + " is not a valid gzip file (" + e.getMessage() + "); delete it and " + FIX, e);
        } catch (IOException e) {
            throw new DataFileException("could not read " + file + ": " + e.getMessage(), e);
        }
        if (total != expectedBytes) {
            throw new DataFileException(file + " has " + total + " bytes when unpacked, expected " + expectedBytes
                    + ": the file is " + (total < expectedBytes ? "truncated" : "not the Fashion-MNIST file")
                    + "; delete it and " + FIX);
        }
        int magic = ByteBuffer.wrap(bytes, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        if (magic != expectedMagic) {
            throw new DataFileException(file + " starts with " + magic + ", expected the IDX marker " + expectedMagic
                    + ": it is not a Fashion-MNIST IDX file; delete it and " + FIX);
        }
        String sha256 = sha256(bytes);
        if (!sha256.equals(expectedSha256)) {
            throw new DataFileException(file + " is damaged: its unpacked SHA-256 is " + sha256 + ", expected "
                    + expectedSha256 + "; delete it and " + FIX);
        }
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}

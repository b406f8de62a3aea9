package dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import dlcourse.notebook.Course;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    private static final Path INSTALLED = Path.of("/usr/share/datasets/fashion-mnist");
    private static final FashionMnist.Subset TEST = FashionMnist.Subset.TEST;
    private static final int LABELS_BYTES = 8 + 10_000;

    @TempDir
    Path folder;

    private static byte[] unpacked(Path gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    private static void writeGzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }

    /** A folder with the real test images and {@code labels} as the test labels file, gzipped. */
    private Path folderWithLabels(byte[] labels) throws IOException {
        Files.copy(INSTALLED.resolve(TEST.imagesFile()), folder.resolve(TEST.imagesFile()));
        writeGzip(folder.resolve(TEST.labelsFile()), labels);
        return folder.resolve(TEST.labelsFile());
    }

    private DataFileException loadFails() {
        try (NDManager manager = NDManager.newBaseManager()) {
            return assertThrows(DataFileException.class, () -> FashionMnist.load(manager, TEST, 16, List.of(folder)));
        }
    }

    private static void assertSaysHowToFix(String message) {
        assertTrue(message.contains("delete it and run ./course setup"), message);
    }

    @Test
    void loadGivesImagesAndLabelsOfTheRequestedSize() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FashionMnist.Data data = FashionMnist.load(manager, TEST, 16);
            assertEquals(new Shape(16, 28, 28), data.images().getShape());
            assertEquals(DataType.FLOAT32, data.images().getDataType());
            assertEquals(new Shape(16), data.labels().getShape());
            assertEquals(DataType.FLOAT32, data.labels().getDataType());
            assertEquals(16, data.size());
            assertTrue(data.images().min().getFloat() >= 0f);
            assertTrue(data.images().max().getFloat() <= 1f);
            assertEquals(1f, data.images().max().getFloat(), "some pixel is at full intensity 255/255");
        }
    }

    @Test
    void firstTestLabelsAndAPixelAreTheDataSetsOwn() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FashionMnist.Data data = FashionMnist.load(manager, TEST, 10);
            assertArrayEquals(new float[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, data.labels().toFloatArray());
            assertEquals(98f / 255f, data.images().getFloat(0, 14, 12), 1e-7);
            assertEquals(0f, data.images().getFloat(0, 0, 0), "the corner of an item is background");
        }
    }

    @Test
    void firstTrainLabelsAreTheDataSetsOwn() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FashionMnist.Data data = FashionMnist.load(manager, FashionMnist.Subset.TRAIN, 10);
            assertArrayEquals(new float[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, data.labels().toFloatArray());
        }
    }

    @Test
    void limitZeroOrTooLargeLoadsTheWholeSubset() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(10_000, FashionMnist.load(manager, TEST, 0).size());
            assertEquals(10_000, FashionMnist.load(manager, TEST, 1_000_000).size());
        }
    }

    @Test
    void arraysBelongToTheManagerGiven() {
        NDArray images;
        try (NDManager manager = NDManager.newBaseManager()) {
            images = FashionMnist.load(manager, TEST, 2).images();
            assertFalse(images.isReleased());
        }
        assertTrue(images.isReleased(), "closing the manager frees the data");
    }

    @Test
    void subsetsKnowTheirFilesAndSizes() {
        assertEquals("train-images-idx3-ubyte.gz", FashionMnist.Subset.TRAIN.imagesFile());
        assertEquals("t10k-labels-idx1-ubyte.gz", TEST.labelsFile());
        assertEquals(60_000, FashionMnist.Subset.TRAIN.count());
        assertEquals(10_000, TEST.count());
    }

    @Test
    void classNamesOfLabels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(List.of("ankle boot", "t-shirt", "trouser"),
                    FashionMnist.classNames(manager.create(new float[] {9, 0, 1})));
        }
    }

    @Test
    void classNamesReadInTheNotebooksLanguageWhileTheConstantsStayEnglish() {
        Course.language("zh");
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(List.of("短靴", "T恤", "运动鞋"),
                    FashionMnist.classNames(manager.create(new float[] {9, 0, 7})));
            assertEquals("ankle boot", FashionMnist.CLASS_NAMES.get(9));
        } finally {
            Course.language("en");
        }
    }

    @Test
    void labelTenIsNotAClass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray labels = manager.create(new float[] {1, 10});
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> FashionMnist.classNames(labels));
            assertEquals("label 10 is not a Fashion-MNIST class (0 to 9)", error.getMessage());
        }
    }

    @Test
    void datasetBatchesHaveTheRequestedSize() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset dataset = FashionMnist.dataset(manager, TEST, 100, 32, false);
            assertEquals(100, dataset.size());
            try (Batch batch = dataset.getData(manager).iterator().next()) {
                assertEquals(new Shape(32, 28, 28), batch.getData().singletonOrThrow().getShape());
                NDArray labels = batch.getLabels().singletonOrThrow();
                assertEquals(new Shape(32), labels.getShape());
                assertArrayEquals(new float[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7},
                        Arrays.copyOf(labels.toFloatArray(), 10), "without shuffling, batches keep the file order");
            }
        }
    }

    @Test
    void missingFileListsTheFoldersAndTheFix() {
        Path elsewhere = folder.resolve("nowhere");
        try (NDManager manager = NDManager.newBaseManager()) {
            DataFileException error = assertThrows(DataFileException.class,
                    () -> FashionMnist.load(manager, TEST, 16, List.of(folder, elsewhere)));
            String message = error.getMessage();
            assertTrue(message.startsWith("Fashion-MNIST file t10k-images-idx3-ubyte.gz not found; looked in ["
                    + folder.resolve("t10k-images-idx3-ubyte.gz") + ", "
                    + elsewhere.resolve("t10k-images-idx3-ubyte.gz") + "]"), message);
            assertTrue(message.contains("run ./course setup"), message);
            assertTrue(message.contains("set DLCOURSE_DATA"), message);
        }
    }

    @Test
    void truncatedGzipSaysTruncatedAndNamesTheFile() throws IOException {
        byte[] packed = Files.readAllBytes(INSTALLED.resolve(TEST.labelsFile()));
        Files.copy(INSTALLED.resolve(TEST.imagesFile()), folder.resolve(TEST.imagesFile()));
        Path labels = folder.resolve(TEST.labelsFile());
        Files.write(labels, Arrays.copyOf(packed, packed.length / 2));
        String message = loadFails().getMessage();
        assertTrue(message.startsWith(labels + " is truncated: it ends after " + packed.length / 2
                + " compressed bytes ("), message);
        assertTrue(message.contains(" of " + LABELS_BYTES + " bytes unpacked)"), message);
        assertSaysHowToFix(message);
    }

    @Test
    void tooShortContentGivesBothSizes() throws IOException {
        byte[] real = unpacked(INSTALLED.resolve(TEST.labelsFile()));
        Path labels = folderWithLabels(Arrays.copyOf(real, 5000));
        String message = loadFails().getMessage();
        assertTrue(message.startsWith(labels + " has 5000 bytes when unpacked, expected " + LABELS_BYTES
                + ": the file is truncated"), message);
        assertSaysHowToFix(message);
    }

    @Test
    void tooLongContentIsNotTheDataSetsFile() throws IOException {
        byte[] real = unpacked(INSTALLED.resolve(TEST.labelsFile()));
        Path labels = folderWithLabels(Arrays.copyOf(real, LABELS_BYTES + 3));
        String message = loadFails().getMessage();
        assertTrue(message.startsWith(labels + " has " + (LABELS_BYTES + 3) + " bytes when unpacked, expected "
                + LABELS_BYTES + ": the file is not the Fashion-MNIST file"), message);
    }

    @Test
    void oneChangedByteIsCaughtByTheChecksum() throws IOException {
        byte[] real = unpacked(INSTALLED.resolve(TEST.labelsFile()));
        real[100] = (byte) ((real[100] + 1) % 10);
        Path labels = folderWithLabels(real);
        String message = loadFails().getMessage();
        assertTrue(message.startsWith(labels + " is damaged: its unpacked SHA-256 is "), message);
        assertTrue(message.contains(
                "expected 0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"), message);
        assertSaysHowToFix(message);
    }

    @Test
    void aFileThatIsNotGzipIsNamed() throws IOException {
        Path images = folder.resolve(TEST.imagesFile());
        Files.writeString(images, "<html>404 Not Found</html>");
        String message = loadFails().getMessage();
        assertTrue(message.startsWith(images + " is not a valid gzip file (Not in GZIP format)"), message);
        assertSaysHowToFix(message);
    }

    @Test
    void wrongIdxMagicIsNamed() throws IOException {
        byte[] real = unpacked(INSTALLED.resolve(TEST.labelsFile()));
        real[3] = 0x03; // 2049 (0x0801), the labels marker, becomes 2051, the images marker
        Path labels = folderWithLabels(real);
        String message = loadFails().getMessage();
        assertTrue(message.startsWith(labels + " starts with 2051, expected the IDX marker 2049"
                + ": it is not a Fashion-MNIST IDX file"), message);
        assertSaysHowToFix(message);
    }

    @Test
    void negativeLimitIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> FashionMnist.load(manager, TEST, -1, List.of(folder)));
            assertEquals("limit must be 0 (all) or positive, got -1", error.getMessage());
        }
    }

    @Test
    void searchPathEndsWithTheDebianPackagesFolder() {
        List<Path> path = FashionMnist.searchPath();
        assertEquals(INSTALLED, path.get(path.size() - 1));
        assertTrue(path.contains(Course.home().resolve("data").resolve("fashion-mnist")), path.toString());
    }

    @Test
    void locateFindsTheFirstCopyOnThePath() throws IOException {
        Path first = Files.createDirectory(folder.resolve("first"));
        Path second = Files.createDirectory(folder.resolve("second"));
        Files.writeString(second.resolve("x.gz"), "x");
        assertEquals(second.resolve("x.gz"), FashionMnist.locate("x.gz", List.of(first, second)));
        Files.writeString(first.resolve("x.gz"), "x");
        assertEquals(first.resolve("x.gz"), FashionMnist.locate("x.gz", List.of(first, second)));
    }

    @Test
    void labelsMissingBesideTheImagesAreNamed(@TempDir Path folder) throws IOException {
        Files.copy(INSTALLED.resolve(TEST.imagesFile()), folder.resolve(TEST.imagesFile()));
        try (NDManager manager = NDManager.newBaseManager()) {
            DataFileException error = assertThrows(DataFileException.class,
                    () -> FashionMnist.load(manager, TEST, 4, List.of(folder, INSTALLED)));
            assertTrue(error.getMessage().contains(folder.resolve(TEST.labelsFile()) + " is missing"), error.getMessage());
            assertTrue(error.getMessage().contains("run ./course setup"), error.getMessage());
        }
    }
}

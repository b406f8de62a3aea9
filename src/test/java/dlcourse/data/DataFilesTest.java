package dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataFilesTest {

    private static final DataFiles MANIFEST = DataFiles.manifest();

    @Test
    void dataIsLookedForInDlcourseDataThenTheCourseThenTheSystemsPackage() {
        assertEquals(List.of(Path.of("/mnt/data/fashion-mnist"), Path.of("/home/ada/dlcourse/data/fashion-mnist"),
                        Path.of("/usr/share/datasets/fashion-mnist")),
                MANIFEST.searchPath("fashion-mnist", Path.of("/mnt/data"), Path.of("/home/ada/dlcourse")));
        assertEquals(List.of(Path.of("/home/ada/dlcourse/data/devil"), Path.of("/usr/share/dictd")),
                MANIFEST.searchPath("devil", null, Path.of("/home/ada/dlcourse")), "without DLCOURSE_DATA, no such folder");
    }

    @Test
    void theLoadersUseTheManifestsSearchPath() {
        assertEquals(DataFiles.searchPath("fashion-mnist"), FashionMnist.searchPath());
        assertEquals(DataFiles.searchPath("devil"), DevilsDictionary.searchPath());
    }

    @Test
    void fashionMnistsPublishedSizesMatchTheSubsets() {
        DataFiles.DataSet fashion = MANIFEST.dataSet(FashionMnist.DATA_SET);
        for (FashionMnist.Subset subset : FashionMnist.Subset.values()) {
            DataFiles.FileEntry images = fashion.file(subset.imagesFile());
            DataFiles.FileEntry labels = fashion.file(subset.labelsFile());
            assertEquals(16L + (long) subset.count() * 28 * 28, images.unpackedBytes(), subset + " images");
            assertEquals(8L + subset.count(), labels.unpackedBytes(), subset + " labels");
            assertEquals(64, images.unpackedSha256().length());
        }
        assertEquals("dataset-fashion-mnist", fashion.debian());
    }

    @Test
    void theDevilsDictionaryIsOneFileWithoutPublishedSums() {
        DataFiles.FileEntry file = MANIFEST.dataSet(DevilsDictionary.DATA_SET).file(DevilsDictionary.FILE_NAME);
        assertEquals(0, file.unpackedBytes());
        assertNull(file.unpackedSha256());
    }

    @Test
    void anUnknownDataSetOrFileIsNamed() {
        IllegalArgumentException set = assertThrows(IllegalArgumentException.class, () -> MANIFEST.dataSet("mnist"));
        assertTrue(set.getMessage().startsWith("no data set 'mnist' in /dlcourse/data/data-files.json; it lists "), set.getMessage());
        IllegalArgumentException file = assertThrows(IllegalArgumentException.class,
                () -> MANIFEST.dataSet("devil").file("devil.txt"));
        assertEquals("The Devil's Dictionary has no file devil.txt in /dlcourse/data/data-files.json", file.getMessage());
    }

    @Test
    void aManifestWithoutItsPartsIsRefused() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> DataFiles.parse(new StringReader("{\"datasets\": {}}")));
        assertEquals("/dlcourse/data/data-files.json lacks 'search' or 'datasets'", error.getMessage());
        IllegalStateException broken = assertThrows(IllegalStateException.class,
                () -> DataFiles.parse(new StringReader("{\"search\": 3")));
        assertTrue(broken.getMessage().startsWith("/dlcourse/data/data-files.json is not valid: "), broken.getMessage());
    }
}

import gzip
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
import unittest
from pathlib import Path

from launcher import data
from launcher.data import DataError
from launcher.layout import COURSE, Layout


def ar(*members):
    """A Debian package's container: an ar archive of (name, bytes) members."""
    out = b"!<arch>\n"
    for name, body in members:
        out += f"{name + '/':<16}{0:<12}{0:<6}{0:<6}{'100644':<8}{len(body):<10}`\n".encode() + body
        if len(body) % 2:
            out += b"\n"
    return out


def tar_xz(files):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:xz") as tar:
        for name, body in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return buffer.getvalue()


class CourseCopy:
    """A course folder holding only the data manifest, so downloads land in a temporary data/."""

    def __init__(self, test):
        self.layout = Layout(Path(tempfile.mkdtemp()))
        test.addCleanup(shutil.rmtree, self.layout.home)
        self.layout.data_manifest.parent.mkdir(parents=True)
        shutil.copyfile(COURSE.data_manifest, self.layout.data_manifest)

    def manifest(self, change):
        listing = data.manifest(self.layout)
        change(listing)
        self.layout.data_manifest.write_text(json.dumps(listing))


class SearchPathTest(unittest.TestCase):

    def test_dlcourse_data_then_the_course_then_the_debian_package(self):
        layout = Layout(Path("/home/ada/dlcourse"))
        self.assertEqual([Path("/mnt/data/fashion-mnist"), Path("/home/ada/dlcourse/data/fashion-mnist"),
                          Path("/usr/share/datasets/fashion-mnist")],
                         data.search_path(data.FASHION, {"DLCOURSE_DATA": "/mnt/data"}, layout, data.manifest()))
        self.assertEqual([Path("/home/ada/dlcourse/data/devil"), Path("/usr/share/dictd")],
                         data.search_path(data.DEVIL, {}, layout, data.manifest()), "no DLCOURSE_DATA, no such folder")

    def test_the_first_folder_holding_the_first_file_is_used(self):
        course = CourseCopy(self)
        first = course.layout.home / "mine"
        (first / "fashion-mnist").mkdir(parents=True)
        (course.layout.data / "fashion-mnist").mkdir(parents=True)
        (course.layout.data / "fashion-mnist" / "train-images-idx3-ubyte.gz").write_bytes(b"")
        self.assertEqual(course.layout.data / "fashion-mnist", data.locate(data.FASHION, {"DLCOURSE_DATA": str(first)}, course.layout))
        (first / "fashion-mnist" / "train-images-idx3-ubyte.gz").write_bytes(b"")
        self.assertEqual(first / "fashion-mnist", data.locate(data.FASHION, {"DLCOURSE_DATA": str(first)}, course.layout))


class FileProblemTest(unittest.TestCase):

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)
        self.text = b"IDX" * 1000
        self.entry = {"name": "x.gz", "unpacked_bytes": len(self.text), "unpacked_sha256": hashlib.sha256(self.text).hexdigest()}
        self.file = self.folder / "x.gz"

    def test_sound_missing_truncated_and_not_the_published_data(self):
        self.file.write_bytes(gzip.compress(self.text))
        self.assertIsNone(data.problem(self.file, self.entry))
        whole = self.file.read_bytes()
        self.file.write_bytes(whole[:20])
        self.assertIn(f"{self.file} is damaged (not a complete gzip file, 20 bytes", data.problem(self.file, self.entry))
        self.file.write_bytes(gzip.compress(self.text[:-3]))
        self.assertIn(f"{len(self.text) - 3} bytes unpacked, expected {len(self.text)}", data.problem(self.file, self.entry))
        self.file.write_bytes(gzip.compress(self.text.lower()))
        self.assertIn("its unpacked SHA-256 is not the published one", data.problem(self.file, self.entry))
        self.file.unlink()
        self.assertEqual(f"{self.file} is missing", data.problem(self.file, self.entry))

    def test_a_file_without_published_sums_is_checked_as_gzip(self):
        self.file.write_bytes(gzip.compress(b"any text"))
        self.assertIsNone(data.problem(self.file, {"name": "x.gz"}))


class DownloadTest(unittest.TestCase):

    def test_fashion_files_are_checked_against_the_published_md5(self):
        course = CourseCopy(self)
        bodies = {f"train-{i}.gz": f"file {i}".encode() for i in range(2)}
        course.manifest(lambda m: m["datasets"][data.FASHION].update(files=[
            {"name": name, "download_md5": hashlib.md5(body).hexdigest()} for name, body in bodies.items()]))
        fetched = []

        def fetch(url):
            fetched.append(url)
            return bodies[url.rsplit("/", 1)[1]]
        data.download_fashion(course.layout, fetch, say=lambda line: None)
        folder = course.layout.data / "fashion-mnist"
        self.assertEqual(bodies, {p.name: p.read_bytes() for p in folder.iterdir()})
        data.download_fashion(course.layout, fetch, say=lambda line: None)
        self.assertEqual(2, len(fetched), "sound files are not downloaded again")
        (folder / "train-0.gz").write_bytes(b"cut")
        with self.assertRaises(DataError) as raised:
            data.download_fashion(course.layout, lambda url: b"not the file", say=lambda line: None)
        self.assertIn("does not have the published MD5", str(raised.exception))

    def test_the_devils_dictionary_comes_out_of_debians_package(self):
        course = CourseCopy(self)
        text = gzip.compress(b"00-database-info\nABASEMENT, n.  A decent and customary mental attitude")
        deb = ar(("debian-binary", b"2.0\n"), ("control.tar.xz", tar_xz({"./control": b"Package: dict-devil\n"})),
                 ("data.tar.xz", tar_xz({"./usr/share/dictd/devil.dict.dz": text})))
        course.manifest(lambda m: m["datasets"][data.DEVIL]["download"].update(deb_sha256=hashlib.sha256(deb).hexdigest()))
        urls = []

        def fetch(url):
            urls.append(url)
            if len(urls) == 1:
                raise OSError("connection refused")
            return deb
        target = data.download_devil(course.layout, fetch, say=lambda line: None)
        self.assertEqual(course.layout.data / "devil" / "devil.dict.dz", target)
        self.assertEqual(text, target.read_bytes())
        self.assertEqual(2, len(urls), "the second address is tried when the first fails")

    def test_a_package_that_is_not_debians_is_refused(self):
        course = CourseCopy(self)
        with self.assertRaises(DataError) as raised:
            data.download_devil(course.layout, lambda url: b"!<arch>\nsomething else", say=lambda line: None)
        self.assertIn("not the package Debian lists (SHA-256 differs)", str(raised.exception))
        self.assertIn("copy devil.dict.dz from the Debian package dict-devil", str(raised.exception))
        self.assertFalse((course.layout.data / "devil").exists())

    def test_the_manifest_names_what_the_java_library_reads(self):
        listing = data.manifest()
        self.assertEqual(["{DLCOURSE_DATA}/{folder}", "{course}/data/{folder}", "{system}"], listing["search"])
        self.assertEqual(["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                          "t10k-labels-idx1-ubyte.gz"], [f["name"] for f in data.files(data.FASHION)])


if __name__ == "__main__":
    unittest.main()

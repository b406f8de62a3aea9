"""The course's data files: where they are looked for, whether they are sound, and fetching them
where apt cannot install them. Names, folders, sizes and checksums come from the data manifest
(src/main/resources/dlcourse/data/data-files.json), which the Java library reads too, so the
launcher and the notebooks look in the same places in the same order.
"""

import gzip
import hashlib
import io
import json
import os
import re
import tarfile
import urllib.request
import zlib
from pathlib import Path

from .errors import LauncherError
from .layout import COURSE, PROG

FASHION, DEVIL = "fashion-mnist", "devil"
VARIABLE = re.compile(r"\{(\w+)\}")


class DataError(LauncherError):
    """A data file that could not be fetched; the message names it and says what to do."""


def manifest(layout=COURSE):
    return json.loads(layout.data_manifest.read_text(encoding="utf-8"))


def search_path(dataset, env, layout=COURSE, listing=None):
    """The folders a data set is looked for in, in order, from the manifest's search templates."""
    listing = listing or manifest(layout)
    entry = listing["datasets"][dataset]
    values = {"course": str(layout.home), "folder": entry["folder"], "system": entry["system"]}
    if env.get("DLCOURSE_DATA"):
        values["DLCOURSE_DATA"] = env["DLCOURSE_DATA"]
    folders = []
    for template in listing["search"]:
        if all(name in values for name in VARIABLE.findall(template)):
            folders.append(Path(VARIABLE.sub(lambda m: values[m.group(1)], template)))
    return folders


def locate(dataset, env, layout=COURSE):
    """The first folder that holds the data set's first file, or None."""
    first = manifest(layout)["datasets"][dataset]["files"][0]["name"]
    return next((folder for folder in search_path(dataset, env, layout) if (folder / first).is_file()), None)


def files(dataset, layout=COURSE):
    return manifest(layout)["datasets"][dataset]["files"]


def problem(path, entry):
    """What is wrong with one data file (missing, not gzip, truncated, not the published data), or None.
    A file with a published size and SHA-256 (Fashion-MNIST's) is unpacked and checked, as the library does."""
    path = Path(path)
    if not path.is_file():
        return f"{path} is missing"
    digest, size = hashlib.sha256(), 0
    try:
        with gzip.open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
    except (OSError, EOFError, zlib.error) as error:
        return f"{path} is damaged (not a complete gzip file, {path.stat().st_size} bytes: {error})"
    if "unpacked_bytes" in entry and size != entry["unpacked_bytes"]:
        return f"{path} is damaged ({size} bytes unpacked, expected {entry['unpacked_bytes']})"
    if "unpacked_sha256" in entry and digest.hexdigest() != entry["unpacked_sha256"]:
        return f"{path} is damaged (its unpacked SHA-256 is not the published one)"
    return None


def _fetch(url):
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read()


def _write_atomically(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_bytes(data)
    os.replace(part, path)


def download_fashion(layout=COURSE, fetch=_fetch, say=print):
    """The four Fashion-MNIST files from the data set's upstream into data/fashion-mnist, each
    checked against its published MD5; a file already there and sound is kept."""
    entry = manifest(layout)["datasets"][FASHION]
    folder = layout.data / entry["folder"]
    for file in entry["files"]:
        target = folder / file["name"]
        if target.is_file() and hashlib.md5(target.read_bytes()).hexdigest() == file["download_md5"]:
            continue
        url = entry["download"]["url"] + file["name"]
        say(f"downloading {url} ...")
        try:
            data = fetch(url)
        except OSError as error:
            raise DataError(f"could not download {url} ({error}); install the Debian package {entry['debian']}, "
                            f"or put the four files in {folder}") from None
        if hashlib.md5(data).hexdigest() != file["download_md5"]:
            raise DataError(f"the download of {file['name']} does not have the published MD5 "
                            f"{file['download_md5']}; try {PROG} setup again later")
        _write_atomically(target, data)


def deb_member(deb, member):
    """One file out of a Debian package (an ar archive holding data.tar.xz, .gz or .zst)."""
    if deb[:8] != b"!<arch>\n":
        raise DataError("not a Debian package (no ar header)")
    position = 8
    while position + 60 <= len(deb):
        header = deb[position:position + 60]
        name, size = header[:16].decode("ascii").strip().rstrip("/"), int(header[48:58].decode("ascii"))
        body = deb[position + 60:position + 60 + size]
        if name.startswith("data.tar"):
            try:
                with tarfile.open(fileobj=io.BytesIO(body)) as tar:
                    return tar.extractfile(member).read()
            except (KeyError, tarfile.TarError) as error:
                raise DataError(f"{member} could not be read from the package's {name} ({error})") from None
        position += 60 + size + size % 2
    raise DataError("the package has no data.tar member")


def download_devil(layout=COURSE, fetch=_fetch, say=print):
    """The Devil's Dictionary out of Debian's dict-devil package into data/devil, for machines
    without apt (macOS, Windows, a Linux without root): the package is checked against the SHA-256
    Debian's archive lists, and the file taken from it with Python's tarfile."""
    entry = manifest(layout)["datasets"][DEVIL]
    download = entry["download"]
    target = layout.data / entry["folder"] / entry["files"][0]["name"]
    failures = []
    for url in download["deb"]:
        say(f"downloading {url} ...")
        try:
            deb = fetch(url)
        except OSError as error:
            failures.append(f"{url}: {error}")
            continue
        if hashlib.sha256(deb).hexdigest() != download["deb_sha256"]:
            failures.append(f"{url}: not the package Debian lists (SHA-256 differs)")
            continue
        _write_atomically(target, deb_member(deb, download["member"]))
        return target
    raise DataError(f"{entry['title']} could not be downloaded ({'; '.join(failures)}); copy {entry['files'][0]['name']} "
                    f"from the Debian package {entry['debian']} into {target.parent}")

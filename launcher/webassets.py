"""The browser libraries that decks and site pages load from disk, never from a CDN.

The launcher fetches them once from the npm registry into build/vendor/ (with npm where it is
installed, so a mirror or proxy configured for npm is used; else with Python): reveal.js 4.0.2,
the version nbconvert 6's reveal template is written for, and MathJax 2.7.9, the MathJax 2 that
nbconvert's templates drive through MathJax.Hub, trimmed to what a page loads. Each output folder
gets its own copy under lib/, so a folder of decks or the site can be copied elsewhere and still work.
"""

import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile
import urllib.request
from pathlib import Path, PurePosixPath

from .errors import LauncherError
from .layout import COURSE, PROG

MATHJAX_URL = "lib/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
REVEAL_PREFIX = "lib/reveal.js"
TEMPLATES = Path(__file__).resolve().parent / "templates"

# name, version, the SHA-512 of the registry's tarball, and the parts of the package pages load.
PACKAGES = {
    "reveal.js": ("4.0.2", "2d665251e9ee7c5d60a43ee7a7127b29fa104052a07350fa5eb2d31602a5c1634fd4143be214f8f0a38d156300c3ef11fd051e6927022c22eb0551c37c52048b",
                  ("LICENSE", "dist", "plugin/notes")),
    # MathJax's TeX input and CommonHTML output with their web fonts: 5 of its 73 MB.
    "mathjax": ("2.7.9", "34e1840d320cf7e32bb2a9e33c48d518dc78ab4190c6a9bad7243048afbfe52e7d8b6eb021de480b980dbbdfdbbbcf82095979a7d1b620770097fc096bee7e05",
                ("LICENSE", "MathJax.js", "config/TeX-AMS_CHTML-full.js", "extensions", "jax/input/TeX",
                 "jax/output/CommonHTML", "jax/element", "fonts/HTML-CSS/TeX/woff", "localization/en")),
}


class AssetError(LauncherError):
    """reveal.js or MathJax could not be fetched; the message says why and what to do."""


def _version(folder):
    marker = Path(folder) / "VERSION"
    return marker.read_text().strip() if marker.exists() else None


def fetched(layout=COURSE):
    return all(_version(layout.vendor / name) == spec[0] for name, spec in PACKAGES.items())


def registry():
    """npm's own registry setting where npm is installed, else $NPM_CONFIG_REGISTRY, else the public one."""
    configured = ""
    npm = shutil.which("npm")
    if npm:
        configured = subprocess.run([npm, "config", "get", "registry"], capture_output=True, text=True).stdout.strip()
    return (configured or os.environ.get("NPM_CONFIG_REGISTRY") or "https://registry.npmjs.org/").rstrip("/")


def _download(folder, registry_url, name, version):
    """NAME-VERSION.tgz from the registry: with npm pack where npm is installed, else with urllib
    (which honours https_proxy)."""
    npm = shutil.which("npm")
    if npm:
        status = subprocess.run([npm, "pack", "--loglevel=error", f"{name}@{version}"], cwd=folder,
                                stdout=subprocess.DEVNULL).returncode
        if status != 0:
            raise AssetError(f"npm pack {name}@{version} failed (its message is above)")
        return
    url = f"{registry_url}/{name}/-/{name}-{version}.tgz"
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            (Path(folder) / f"{name}-{version}.tgz").write_bytes(response.read())
    except OSError as error:
        raise AssetError(f"could not download {url}: {error}") from None


def _extract(tarball, target, parts):
    """The listed parts of an npm tarball (everything under package/PART) into target."""
    with tarfile.open(tarball) as tar:
        for member in tar.getmembers():
            inside = PurePosixPath(member.name)
            relative = PurePosixPath(*inside.parts[1:]) if len(inside.parts) > 1 else None
            if relative is None or not (member.isfile() or member.isdir()):
                continue
            if any(relative == PurePosixPath(p) or PurePosixPath(p) in relative.parents for p in parts):
                destination = Path(target, *relative.parts)
                if member.isdir():
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(tar.extractfile(member).read())


def fetch(layout=COURSE, say=print):
    """reveal.js and MathJax in build/vendor/, unless they are there already."""
    if fetched(layout):
        return
    layout.vendor.mkdir(parents=True, exist_ok=True)
    registry_url = registry()
    say(f"fetching reveal.js {PACKAGES['reveal.js'][0]} and MathJax {PACKAGES['mathjax'][0]} from the npm registry ({registry_url}) ...")
    with tempfile.TemporaryDirectory(dir=layout.vendor, prefix=".fetch.") as work:
        for name, (version, sha512, parts) in PACKAGES.items():
            try:
                _download(work, registry_url, name, version)
            except AssetError as error:
                raise AssetError(f"{error}; reveal.js and MathJax could not be downloaded: check the connection to "
                                 f"{registry_url} (a proxy goes in https_proxy) and run {PROG} again") from None
            tarball = Path(work) / f"{name}-{version}.tgz"
            if hashlib.sha512(tarball.read_bytes()).hexdigest() != sha512:
                raise AssetError(f"{tarball.name} from the npm registry does not have the SHA-512 this launcher expects; it was not used")
            unpacked = Path(work) / name
            _extract(tarball, unpacked, parts)
            (unpacked / "VERSION").write_text(version + "\n")
        for name in PACKAGES:
            shutil.rmtree(layout.vendor / name, ignore_errors=True)
            os.replace(Path(work) / name, layout.vendor / name)


def copy_libraries(out_dir, layout=COURSE):
    """Copies the fetched libraries into out_dir/lib, unless the same versions are there already."""
    for name in PACKAGES:
        source = layout.vendor / name
        if _version(source) is None:
            raise AssetError(f"{source} is missing; {PROG} slides and {PROG} site fetch it first")
        target = Path(out_dir) / "lib" / name
        if _version(target) != _version(source):
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target)

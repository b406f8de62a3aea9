#!/usr/bin/env bash
# Simulates Binder (repo2docker) building this repository, then a learner opening notebook 00.
# In a container from BASE_IMAGE, as repo2docker does: create the user jovyan (UID 1000) with
# the repository in its home, install binder/apt.txt as root and run binder/postBuild as
# jovyan; then execute notebooks/00-setup-and-tour.ipynb with the 'java' kernel as jovyan.
# Binder brings Jupyter in a conda environment; here it comes from Debian's packages, installed
# before apt.txt as part of the base. The container gets Binder's usual 2 GB of memory.
# Usage: scripts/binder-check.sh BASE_IMAGE   (for example ubuntu:22.04, or local/debian:bookworm)
set -euo pipefail

if [ $# -ne 1 ] || [[ "$1" == -* ]]; then
  echo "usage: scripts/binder-check.sh BASE_IMAGE   (for example ubuntu:22.04, or local/debian:bookworm)" >&2
  exit 2
fi
base="$1"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
notebook="notebooks/00-setup-and-tour.ipynb"
[ -f "$repo/$notebook" ] || { echo "error: $repo/$notebook does not exist; binder-check executes it" >&2; exit 1; }
command -v docker >/dev/null 2>&1 || { echo "error: docker is not installed; binder-check runs Binder's steps in a container" >&2; exit 1; }

# Binder clones the repository: send what git tracks or would track, without build outputs or data caches.
repository_files() {
  git -C "$repo" ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$repo/$f" ] && printf '%s\0' "$f"; done
}

# Run inside the container as root; it reads the repository as a tar stream on standard input.
read -r -d '' steps <<'STEPS' || true
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
stage() { printf '\n== %s  [%d s]\n' "$1" "$SECONDS"; }
as_jovyan() { runuser -u jovyan -- env HOME=/home/jovyan USER=jovyan bash -c "cd ~ && $1"; }

stage "base: the user jovyan (UID 1000) with the repository in its home, certificates, and Jupyter (Binder's comes from conda)"
useradd --create-home --uid 1000 --shell /bin/bash jovyan
tar -x -C /home/jovyan
chown -R jovyan:jovyan /home/jovyan
apt-get update -qq
apt-get install -y -qq --no-install-recommends ca-certificates \
  jupyter-notebook jupyter-nbconvert jupyter-client python3-nbclient >/dev/null

stage "binder/apt.txt, installed as root as repo2docker does"
packages="$(sed 's/#.*//' /home/jovyan/binder/apt.txt | xargs)"
echo "$packages"
apt-get install -y -qq --no-install-recommends $packages >/dev/null
apt-get clean
rm -rf /var/lib/apt/lists/*

stage "binder/postBuild, run as jovyan as repo2docker does"
as_jovyan "chmod +x binder/postBuild && ./binder/postBuild" 2>&1 | tee /tmp/postBuild.log
if grep -qE 'apt package lists|installing Debian packages' /tmp/postBuild.log; then
  echo "FAIL: binder/postBuild tried to use apt, which Binder does not allow at that point" >&2
  exit 1
fi

stage "the kernels that jovyan's Jupyter finds"
as_jovyan "jupyter kernelspec list"

stage "$NOTEBOOK, executed and checked with the java kernel as jovyan (./course test)"
start=$SECONDS
# The notebook test: the committed form, every cell run with no error and nothing on stderr.
if ! as_jovyan "./course test $NOTEBOOK"; then
  echo "FAIL: $NOTEBOOK did not pass ./course test with the java kernel" >&2
  exit 1
fi
echo "binder-check: passed (notebook tested in $((SECONDS - start)) s, $SECONDS s in all)"
STEPS

repository_files | tar -C "$repo" --null -T - -cf - |
  docker run --rm -i --memory 2g -e NOTEBOOK="$notebook" "$base" bash -c "$steps"

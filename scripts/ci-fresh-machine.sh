#!/usr/bin/env bash
# Runs .ci/run on the committed HEAD inside a fresh Debian container that has only Java 17,
# Maven, Python 3 (the launcher's language) and apt, as CI's machine does: proves that set-up
# installs everything else.
# Usage: scripts/ci-fresh-machine.sh [BASE_IMAGE]   (default debian:bookworm-slim;
#        here local/debian:bookworm from ../shared/tools/local-docker-base.sh)
set -euo pipefail
base="${1:-debian:bookworm-slim}"
top="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git -C "$top" archive --format=tar HEAD > "$work/course.tar"
docker run --rm -e CI=true -v "$work/course.tar:/tmp/course.tar:ro" "$base" bash -c '
  set -euo pipefail
  mkdir -p /usr/share/man/man1   # slim images lack it and the JDK package links its man pages there
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    openjdk-17-jdk-headless maven python3 ca-certificates >/dev/null
  mkdir -p /work/course && tar -xf /tmp/course.tar -C /work/course && cd /work/course
  bash .ci/run'

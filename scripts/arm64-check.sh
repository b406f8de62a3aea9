#!/usr/bin/env bash
# Proves the course on Linux aarch64 (where it runs on DJL's PyTorch engine) from an x86-64
# machine, under emulation: makes an arm64 Debian bookworm base image with debootstrap, runs it
# through qemu-user-static, and in it installs Java and Maven, runs ./course setup and executes
# notebook 00 in fast mode. Far too slow for CI (see the README's platform table for its time).
#
# It runs at idle CPU priority (SCHED_IDLE, inside the container too): it takes only the CPU time
# that nothing else wants, so it can run beside other work; on an idle machine it runs at full speed.
#
# Needs: root, Debian's apt (it installs debootstrap and qemu-user-static when missing), a running
# Docker daemon (scripts/ci-fresh-machine.sh's needs), and the network for apt and Maven Central.
# Usage: scripts/arm64-check.sh            checks the committed HEAD
#        ARM64_BASE=image scripts/arm64-check.sh   uses an arm64 base image you already have
set -euo pipefail
if [ "$(chrt --pid $$ | sed -n 's/.*policy: //p')" != SCHED_IDLE ]; then
  exec chrt --idle 0 "$0" "$@"
fi
top="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
base="${ARM64_BASE:-local/debian:bookworm-arm64}"
start=$SECONDS
say() { printf '[arm64-check %4ds] %s\n' "$((SECONDS - start))" "$*"; }
fail() { printf 'arm64-check: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root: it installs packages, registers qemu with the kernel and runs Docker"
docker info >/dev/null 2>&1 || fail "Docker is not running; start its daemon (dockerd) first"

if ! command -v debootstrap >/dev/null || [ ! -e /usr/lib/binfmt.d/qemu-aarch64.conf ]; then
  say "installing debootstrap and qemu-user-static"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap qemu-user-static >/dev/null
fi

# The kernel runs arm64 programs through qemu once qemu is registered with binfmt_misc; the F flag
# in Debian's registration opens qemu now, so that it works inside chroots and containers too.
if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
  say "registering qemu-aarch64 with binfmt_misc"
  cat /usr/lib/binfmt.d/qemu-aarch64.conf > /proc/sys/fs/binfmt_misc/register
fi

if ! docker image inspect "$base" >/dev/null 2>&1; then
  say "making $base with debootstrap (its second stage runs under emulation)"
  mirror="$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  rootfs="$(mktemp -d)"
  debootstrap --arch=arm64 --variant=minbase --foreign bookworm "$rootfs" "${mirror:-http://deb.debian.org/debian}" >/dev/null
  chroot "$rootfs" /debootstrap/debootstrap --second-stage >/dev/null
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    rm -f "$rootfs/etc/apt/sources.list"
    cp /etc/apt/sources.list.d/debian.sources "$rootfs/etc/apt/sources.list.d/"
  fi
  # Certificates this machine added (an HTTPS proxy's, say), so that Maven trusts them in the container.
  mkdir -p "$rootfs/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/" 2>/dev/null || true
  chroot "$rootfs" apt-get clean
  rm -rf "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import - "$base" >/dev/null
  rm -rf "$rootfs"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git -C "$top" archive --format=tar HEAD > "$work/course.tar"
say "running ./course setup and notebook 00 in an arm64 container"
# No --platform: Docker 20.10's import records the host's architecture whatever it is told, and would
# then look for an arm64 image in a registry. The programs in the image are arm64 all the same, and
# the kernel hands them to qemu; the container checks that it really runs as aarch64.
docker run --rm -v "$work/course.tar:/tmp/course.tar:ro" "$base" chrt --idle 0 bash -c '
  set -euo pipefail
  [ "$(uname -m)" = aarch64 ] || { echo "the container runs as $(uname -m), not aarch64" >&2; exit 1; }
  echo "machine: $(uname -m)"
  mkdir -p /usr/share/man/man1   # minbase lacks it and the JDK package links its man pages there
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    openjdk-17-jdk-headless maven python3 ca-certificates >/dev/null
  mkdir -p /work/course && tar -xf /tmp/course.tar -C /work/course && cd /work/course
  time ./course setup
  ./course doctor
  time ./course test 00'
say "passed: ./course setup and notebook 00 on linux/arm64 under emulation"

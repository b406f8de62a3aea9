#!/usr/bin/env bash
# Checks pom.xml's choice of engine on every platform the course names, by making Maven believe it
# runs there (os.name and os.arch, which its profile activation reads): the engine and platform
# profiles it activates (which choose the engine's jars and their classifier), or the one-line
# refusal it stops with. Usage: scripts/engine-profiles-check.sh (.ci/run runs it)
#
# Each case needs a Maven of its own (os.name and os.arch are its JVM's, fixed when it starts), so
# the cases run side by side, as many at a time as the machine has cores, each into a file of its
# own, and are judged in order once all have ended. A Maven that lives a few seconds gains nothing
# from the JVM's optimising compiler or a parallel garbage collector: without them it starts faster.
set -euo pipefail
cd "$(dirname "$0")/.."
help_plugin=org.apache.maven.plugins:maven-help-plugin:3.4.0
outputs="$(mktemp -d)"
trap 'rm -rf "$outputs"' EXIT
cores="$(nproc 2>/dev/null || echo 2)"
cases=()

# expect OS ARCH ENGINE_PROPERTY EXPECTED: EXPECTED is "engine-… platform-…", or the refusal.
expect() {
  local n=${#cases[@]}
  cases+=("$1|$2|$3|$4")
  while [ "$(jobs -rp | wc -l)" -ge "$cores" ]; do wait -n || true; done
  MAVEN_OPTS="-Dos.name=$1 -Dos.arch=$2 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC" \
    mvn -B initialize "$help_plugin:active-profiles" ${3:+-Ddlcourse.engine=$3} >"$outputs/$n" 2>&1 &
}

expect Linux amd64 "" "engine-mxnet platform-linux-x86_64"
expect Linux amd64 mxnet "engine-asked-for engine-mxnet platform-linux-x86_64"
expect Linux amd64 pytorch "engine-asked-for engine-pytorch platform-linux-x86_64"
expect Linux aarch64 "" "engine-pytorch-by-default platform-linux-aarch64"
expect Linux aarch64 pytorch "engine-asked-for engine-pytorch platform-linux-aarch64"
expect Linux aarch64 mxnet "the mxnet engine has no native build for linux-aarch64; choose -Ddlcourse.engine=pytorch"
expect Mac_OS_X aarch64 "" "engine-pytorch-by-default platform-osx-aarch64"
expect Mac_OS_X x86_64 "" "engine-mxnet platform-osx-x86_64"
expect Mac_OS_X x86_64 pytorch "the pytorch engine has no native build for osx-x86_64; choose -Ddlcourse.engine=mxnet"
# Not Windows: told os.name=Windows, Maven's console library calls Windows' kernel32 at start-up
# and Maven stops before reading the pom (UnsatisfiedLinkError on Linux).
expect Linux amd64 tensorflow "dlcourse.engine=tensorflow is not an engine of the course; choose -Ddlcourse.engine=mxnet or -Ddlcourse.engine=pytorch"
expect Linux ppc64le "" "no DJL engine has a native build for Linux on ppc64le; the course runs on Linux (x86-64, aarch64), macOS (Intel, Apple Silicon) and Windows (x86-64)"
wait

failures=0
for n in "${!cases[@]}"; do
  IFS='|' read -r os arch property expected <<<"${cases[$n]}"
  out="$(cat "$outputs/$n")"
  got="$(sed -n 's/^\[ERROR\] \(dlcourse.engine=\|the \|no DJL\)/\1/p' <<<"$out" | head -1)"
  if [ -z "$got" ]; then
    got="$(sed -n 's/^ - \(engine-[a-z-]*\|platform-[a-z0-9_-]*\) .*/\1/p' <<<"$out" | sort | tr '\n' ' ')"
    got="${got% }"
  fi
  if [ "$got" = "$expected" ]; then
    printf 'ok    %-10s %-8s %-10s %s\n' "$os" "$arch" "${property:--}" "$expected"
  else
    printf 'FAIL  %-10s %-8s %-10s expected: %s\n      got: %s\n' "$os" "$arch" "${property:--}" "$expected" "$got"
    failures=$((failures + 1))
  fi
done

[ "$failures" = 0 ] || { echo "$failures case(s) of pom.xml's engine choice failed" >&2; exit 1; }

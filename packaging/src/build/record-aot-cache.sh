#!/usr/bin/env bash
# Records the desktop app image's AOT cache (docs/adr/0021-aot-cache-for-the-desktop-app.md): runs
# the app's training session once (`Raftpad --training-run`: the real windows on a generated
# document, offline, on a throwaway data directory) on a headless X server with
# -XX:AOTCacheOutput, then has the launcher start from the cache (lib/app/Raftpad.cfg). The JVM
# writes the cache through the runtime's bin/java, which the image therefore keeps (pom.xml).
#
# Without Xvfb the image is left as it was, without a cache: it starts as before, only slower, and
# a notice says so. With Xvfb, a training run that fails fails the build.
#
# Usage: record-aot-cache.sh APP_IMAGE_DIR
set -euo pipefail

image=${1:?usage: record-aot-cache.sh APP_IMAGE_DIR}
cache_name=raftpad.aot
cache="$image/lib/app/$cache_name"
config="$image/lib/app/Raftpad.cfg"

if ! command -v Xvfb >/dev/null 2>&1; then
  echo "NOTICE: Xvfb is not installed, so the app image gets no AOT cache and starts slower (apt-get install xvfb)." >&2
  exit 0
fi
if grep -q -- "-XX:AOTCache=" "$config"; then
  echo "record-aot-cache: $config already names a cache" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/raftpad-aot.XXXXXX")
xvfb_pid=
cleanup() {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Xvfb picks a free display and writes its number to the given descriptor (here, a file).
Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp >"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do
  [ -s "$work/display" ] && break
  sleep 0.1
done
if [ ! -s "$work/display" ]; then
  echo "record-aot-cache: Xvfb did not start:" >&2
  cat "$work/xvfb.log" >&2
  exit 1
fi
display=":$(head -n 1 "$work/display")"

echo "Recording the AOT cache from a training run on $display"
rm -f "$cache"
if ! DISPLAY=$display JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$cache" \
  timeout 600 "$image/bin/Raftpad" --training-run >"$work/training.log" 2>&1; then
  echo "record-aot-cache: the training run failed:" >&2
  tail -n 60 "$work/training.log" >&2
  exit 1
fi
grep '^training run:' "$work/training.log" || true
if [ ! -s "$cache" ]; then
  echo "record-aot-cache: the training run wrote no cache:" >&2
  tail -n 60 "$work/training.log" >&2
  exit 1
fi

# The launcher expands $APPDIR to the image's lib/app wherever it is installed (/opt/... by the .deb).
sed -i "/^\[JavaOptions\]/a java-options=-XX:AOTCache=\$APPDIR/$cache_name" "$config"
echo "AOT cache: $cache ($(du -h "$cache" | cut -f 1))"

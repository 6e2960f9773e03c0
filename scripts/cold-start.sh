#!/usr/bin/env bash
# Cold start: from launching the release binary to the first frame that shows
# the bundled sample's threat matrix, in a real window under Xvfb; five runs,
# each a new process. Prints the in-process time (from main) and the wall time
# of the whole process (launch to exit, including closing the window).
# Installs Xvfb when missing (Debian/Ubuntu, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v Xvfb >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb xauth >/dev/null; }
cargo build --release --quiet
export XDG_RUNTIME_DIR=$(mktemp -d) XDG_DATA_HOME=$(mktemp -d) XDG_CONFIG_HOME=$(mktemp -d)
chmod 700 "$XDG_RUNTIME_DIR"
unset WAYLAND_DISPLAY
Xvfb :78 -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & XPID=$!
trap 'kill $XPID 2>/dev/null || true' EXIT
export DISPLAY=:78
sleep 1
for i in 1 2 3 4 5; do
  s=$(date +%s%N)
  line=$(POC_WORKBENCH_EXIT_AFTER_FIRST_FRAME=1 timeout 30 target/release/poc-workbench 2>/dev/null | grep -m1 'first frame' || true)
  e=$(date +%s%N)
  echo "run $i: $line; process wall $(( (e - s) / 1000000 )) ms"
done

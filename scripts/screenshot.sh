#!/usr/bin/env bash
# Screenshots of every view of the release binary in a real window under Xvfb,
# at 1600×1000, at 1280×720 with the workshop scale (F11), and at 1024×700.
#   scripts/screenshot.sh [OUT_DIR]     (default: out/screenshots)
# Installs Xvfb, xdotool and ImageMagick when missing (Debian/Ubuntu, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-out/screenshots}"
mkdir -p "$OUT"
need=()
for c in Xvfb xdotool xdpyinfo; do command -v "$c" >/dev/null 2>&1 || need+=("$c"); done
[ -x /usr/bin/import ] || need+=(imagemagick)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb xauth x11-utils xdotool imagemagick >/dev/null
fi
cargo build --release --quiet
export XDG_RUNTIME_DIR=$(mktemp -d) XDG_DATA_HOME=$(mktemp -d) XDG_CONFIG_HOME=$(mktemp -d)
chmod 700 "$XDG_RUNTIME_DIR"
unset WAYLAND_DISPLAY
DISP=:77
Xvfb $DISP -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & XPID=$!
export DISPLAY=$DISP
trap 'kill $XPID 2>/dev/null || true' EXIT
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

W=1600 H=1000 PREFIX="" PRESS=""
shoot() { # shoot NAME [ARGS...]: start the app, run the key sequence in $KEYS, save PNGs
  local name=$1; shift
  target/release/poc-workbench "$@" >/dev/null 2>&1 & local APID=$!
  local WID
  WID=$(timeout 60 xdotool search --sync --name "POC Transition Workbench" | head -1)
  xdotool windowsize "$WID" "$W" "$H"; sleep 2
  # No window manager: keyboard focus follows the pointer, so park it on the
  # status bar (a harmless spot) and type there.
  xdotool mousemove --window "$WID" $((W / 2)) $((H - 8)); xdotool windowfocus --sync "$WID" 2>/dev/null || true; sleep 0.3
  for key in $PRESS; do xdotool key "$key"; sleep 1; done
  for step in $KEYS; do
    local key=${step%%=*} view=${step#*=}
    xdotool key "$key"; sleep 1.2
    /usr/bin/import -window "$WID" "$OUT/$PREFIX$view.png"
    echo "$OUT/$PREFIX$view.png"
  done
  kill $APID 2>/dev/null || true; wait $APID 2>/dev/null || true
}

ALL="ctrl+1=matrix ctrl+2=incidents ctrl+3=charts ctrl+4=map ctrl+5=report ctrl+6=register ctrl+7=followup F1=guide ctrl+e=export-dialog"
KEYS="$ALL" shoot views
# A projector: 1280×720 with the workshop scale; a small laptop: 1024×700.
W=1280 H=720 PREFIX="1280x720-f11-" PRESS="F11" KEYS="$ALL" shoot projector
W=1024 H=700 PREFIX="1024x700-" PRESS="" KEYS="$ALL" shoot small
W=1600 H=1000 PREFIX="" PRESS=""
# The mapping dialog, on a table of unknown shape.
tmp=$(mktemp -d)
printf 'Incident date,Province,Perpetrator,Killed\n14/02/2021,North,Army,2\n15/02/2021,South,Unknown,\n31/02/2021,South,Army,1\n' > "$tmp/case-log.csv"
KEYS="ctrl+1=mapping-dialog" shoot mapping "$tmp/case-log.csv"

#!/usr/bin/env bash
# The project's test command (README, .ci/run). Installs the system packages
# the tests need when they are missing, then runs every test.
#   scripts/test.sh            all tests, GUI feature included
# Tests that read ../shared/data say "skipped" where it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

need_pkgs=()
command -v python3 >/dev/null 2>&1 || need_pkgs+=(python3)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing: ${need_pkgs[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
  else
    echo "warning: missing ${need_pkgs[*]} and cannot install them; some checks will be skipped" >&2
  fi
fi

# Preferences written by the GUI tests go to a throw-away folder.
export XDG_DATA_HOME="${XDG_DATA_HOME:-$(mktemp -d)}"
export XDG_CONFIG_HOME="${XDG_CONFIG_HOME:-$(mktemp -d)}"

# --nocapture shows the corpus count ("corpus: N cases, N passed, 0 failed").
cargo test --all-targets -- --nocapture

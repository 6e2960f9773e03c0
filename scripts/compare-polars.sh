#!/usr/bin/env bash
# Compares the workbench with polars on the same generated ACLED-shaped file:
# load + first threat matrix, and peak memory. Installs polars in a throwaway
# virtual environment (not part of CI).
#   scripts/compare-polars.sh [ROWS...]     (default: 100000 1000000 2500000)
# Each tool runs in its own process, RUNS times per size (default 5; all of
# one tool's runs, then the other's, or ORDER=interleaved), after the file is
# in the page cache; the median time and the largest peak are printed. On a
# shared virtual machine single runs of either tool vary by a third: compare
# medians.
# "load" is read + filter + group-by inside the process (polars) against
# load + first matrix (`poc-workbench bench`); "process" is the whole run
# from launch to exit: python with `import polars` against
# `poc-workbench summarize --json FILE`.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(100000 1000000 2500000)
runs=${RUNS:-5}
venv="${TMPDIR:-/tmp}/poc-workbench-polars-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip >/dev/null
  "$venv/bin/pip" install -q polars
fi
cargo build --release --quiet --no-default-features
bin=target/release/poc-workbench
cat > "${TMPDIR:-/tmp}/poc-polars-matrix.py" <<'PY'
import resource, sys, time
import polars as pl
path = sys.argv[1]
t = time.perf_counter()
df = pl.read_csv(path, infer_schema_length=10000)
m = (df.filter(pl.col("civilian_targeting").is_not_null())
       .group_by(["admin1", "inter1"])
       .agg(pl.len().alias("events"), pl.col("fatalities").sum().alias("fatalities")))
elapsed = time.perf_counter() - t
print(f"{elapsed:.3f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} {m['events'].sum()}")
PY
printf '%-9s %9s %8s %6s %11s %10s %6s %9s %8s %6s %9s\n' rows polars_s ours_s ratio polars_proc ours_proc ratio polars_MB ours_MB ratio events
for n in "${sizes[@]}"; do
  f="${TMPDIR:-/tmp}/poc-compare-$n.csv"
  [ -f "$f" ] || "$bin" generate --rows "$n" --out "$f" >/dev/null
  cat "$f" > /dev/null
  pt=(); pm=0; ot=(); om=0; pe=0; oe=0; pp=(); op=()
  # Runs are grouped by tool (ORDER=interleaved makes them take turns): on a
  # shared virtual machine, memory another process has just given back is
  # slow to touch again, so a run right after polars (1.6 GB at 1M rows)
  # pays for polars' memory. Grouped, each tool runs after its own runs.
  tool_runs() {
    if [ "$1" = polars ]; then
      s0=$(date +%s%N); "$venv/bin/python" "${TMPDIR:-/tmp}/poc-polars-matrix.py" "$f" >/dev/null; s1=$(date +%s%N)
      pp+=("$(awk -v a="$s0" -v b="$s1" 'BEGIN{printf "%.3f", (b-a)/1e9}')")
      read -r t m e < <("$venv/bin/python" "${TMPDIR:-/tmp}/poc-polars-matrix.py" "$f")
      pt+=("$t"); if [ "${m%.*}" -gt "$pm" ]; then pm=${m%.*}; fi; pe=$e
    else
      s0=$(date +%s%N); "$bin" summarize --json "$f" >/dev/null; s1=$(date +%s%N)
      op+=("$(awk -v a="$s0" -v b="$s1" 'BEGIN{printf "%.3f", (b-a)/1e9}')")
      out=$("$bin" bench --file "$f")
      t=$(echo "$out" | awk '/load \+ first matrix/ {print $5}')
      m=$(echo "$out" | awk '/peak memory/ {print $4}')
      oe=$(echo "$out" | awk '/civilian-harm events/ {print $3}')
      ot+=("$t"); if [ "${m%.*}" -gt "$om" ]; then om=${m%.*}; fi
    fi
  }
  if [ "${ORDER:-grouped}" = interleaved ]; then
    for _ in $(seq "$runs"); do tool_runs polars; tool_runs ours; done
  else
    for _ in $(seq "$runs"); do tool_runs polars; done
    for _ in $(seq "$runs"); do tool_runs ours; done
  fi
  med() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
  p=$(med "${pt[@]}"); o=$(med "${ot[@]}"); ppm=$(med "${pp[@]}"); opm=$(med "${op[@]}")
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
  printf '%-9s %9s %8s %6s %11s %10s %6s %9s %8s %6s %9s\n' "$n" "$p" "$o" "$(ratio "$o" "$p")" "$ppm" "$opm" "$(ratio "$opm" "$ppm")" "$pm" "$om" "$(ratio "$om" "$pm")" "$oe"
  [ "$pe" = "$oe" ] || echo "  note: polars counts $pe rows with civilian_targeting; the workbench counts $oe civilian-harm events (METHODOLOGY §3 also counts files without that column)"
done

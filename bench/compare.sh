#!/usr/bin/env bash
# Side-by-side timing of kehoach and its peers on the same content, on the
# same machine, in the same run. Run on demand; not part of CI's pass/fail.
#
#   bench/compare.sh [PAGES] [ROWS] [RUNS]        (defaults: 30 200 7)
#   WRITE=1 bench/compare.sh 30 200 7             also updates BENCHMARKS.md
#
# For one synthetic sample (src/sample.rs) it times, RUNS times each, and
# reports the median wall time and the peak memory (maximum resident set
# size from /usr/bin/time -v):
#   kehoach    the plan → DOCX + PDF (release build; `kehoach render` when the
#              CLI has it, else the same pipeline through the bench-pipeline
#              example)
#   soffice    LibreOffice converting our DOCX to PDF (how offices usually
#              get a PDF)
#   pandoc     the same content as Markdown → DOCX
#   typst      the same content as Typst → PDF (the typst CLI, or the typst
#              Python package when the CLI is not installed)
# and the ratio of each peer to kehoach. A missing peer is reported and
# skipped.
#
# Peers on Debian 12 (see BENCHMARKS.md):
#   apt-get install -y pandoc hyperfine time
#   apt-get install -y --no-install-recommends libreoffice-writer-nogui
#   cargo install typst-cli --locked      # or: pip install typst
set -euo pipefail

PAGES=${1:-30}
ROWS=${2:-200}
RUNS=${3:-7}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=${OUT:-$CARGO_TARGET_DIR/bench-compare/${PAGES}p-${ROWS}rows}
mkdir -p "$OUT"

[ -x /usr/bin/time ] || { echo "compare.sh: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 2; }

echo "building (release) …" >&2
(cd "$ROOT" && cargo build --release --quiet --bin kehoach --example bench-sample --example bench-pipeline)
BIN=$CARGO_TARGET_DIR/release
"$BIN/examples/bench-sample" "$PAGES" "$ROWS" "$OUT" 42

# Our render command: the CLI's `render` when it exists, else the example
# that runs the same library pipeline.
if "$BIN/kehoach" render --help >/dev/null 2>&1; then
    OURS=("$BIN/kehoach" render "$OUT/sample.yaml" -o "$OUT/ours")
    OURS_NAME="kehoach render"
else
    OURS=("$BIN/examples/bench-pipeline" "$OUT/sample.yaml" "$OUT/ours")
    OURS_NAME="kehoach pipeline (bench-pipeline)"
fi
mkdir -p "$OUT/ours"

# measure NAME CMD…: RUNS timed runs after one untimed warm-up run; prints
# "median_ms peak_kb" and keeps every figure in $OUT/NAME.runs.
measure() {
    local name=$1; shift
    "$@" >/dev/null 2>"$OUT/$name.err" || { echo "FAIL"; return 0; }
    : >"$OUT/$name.runs"
    local i t0 t1 kb
    for ((i = 0; i < RUNS; i++)); do
        t0=$(date +%s%N)
        /usr/bin/time -f '%M' -o "$OUT/$name.mem" "$@" >/dev/null 2>>"$OUT/$name.err"
        t1=$(date +%s%N)
        kb=$(tail -n 1 "$OUT/$name.mem")
        echo "$(( (t1 - t0) / 1000 )) $kb" >>"$OUT/$name.runs"
    done
    sort -n "$OUT/$name.runs" | awk '{ t[NR] = $1; if ($2 > m) m = $2 } END { printf "%.1f %d\n", t[int((NR + 1) / 2)] / 1000, m }'
}

# Lets LibreOffice create its profile before timing (the first start is
# several times slower than the following ones).
LO_PROFILE="file://$OUT/lo-profile"

declare -A MS KB WHAT
run() {
    local key=$1 what=$2; shift 2
    local r
    r=$(measure "$key" "$@")
    WHAT[$key]=$what
    if [ "$r" = FAIL ]; then
        MS[$key]=FAIL; KB[$key]=""
        echo "  $key failed: $(head -c 300 "$OUT/$key.err")" >&2
    else
        MS[$key]=${r% *}; KB[$key]=${r#* }
    fi
}

echo "timing $OURS_NAME …" >&2
run kehoach "$OURS_NAME: YAML → DOCX + PDF" "${OURS[@]}"
DOCX=$(ls "$OUT"/ours/*.docx | head -n 1)

if command -v soffice >/dev/null; then
    echo "timing LibreOffice …" >&2
    mkdir -p "$OUT/lo"
    run soffice "LibreOffice $(soffice --version 2>/dev/null | awk '{print $2}'): our DOCX → PDF" \
        soffice "-env:UserInstallation=$LO_PROFILE" --headless --convert-to pdf --outdir "$OUT/lo" "$DOCX"
else
    MS[soffice]="not installed"; WHAT[soffice]="LibreOffice: our DOCX → PDF"
fi

if command -v pandoc >/dev/null; then
    echo "timing pandoc …" >&2
    run pandoc "pandoc $(pandoc --version | awk 'NR == 1 {print $2}'): Markdown → DOCX" \
        pandoc "$OUT/sample.md" -f markdown -t docx -o "$OUT/pandoc.docx"
else
    MS[pandoc]="not installed"; WHAT[pandoc]="pandoc: Markdown → DOCX"
fi

if command -v typst >/dev/null; then
    echo "timing typst …" >&2
    run typst "typst $(typst --version | awk '{print $2}') CLI: Typst → PDF" \
        typst compile --font-path "$ROOT/fonts" "$OUT/sample.typ" "$OUT/typst.pdf"
elif python3 -c 'import typst' 2>/dev/null; then
    echo "timing typst (Python package) …" >&2
    v=$(python3 -c 'import importlib.metadata as m; print(m.version("typst"))')
    run typst "typst $v (Python package, includes interpreter start): Typst → PDF" \
        python3 -c 'import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])' \
        "$OUT/sample.typ" "$OUT/typst.pdf" "$ROOT/fonts"
else
    MS[typst]="not installed"; WHAT[typst]="typst: Typst → PDF"
fi

pages() { [ -f "$1" ] && command -v pdfinfo >/dev/null && pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}' || echo "?"; }
OUR_PDF=$(ls "$OUT"/ours/*.pdf 2>/dev/null | head -n 1)

CPU=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
TABLE=$(
    echo "Sample: $PAGES pages of body text, $ROWS appendix rows (seed 42); our PDF has $(pages "$OUR_PDF") pages, Typst's $(pages "$OUT/typst.pdf"), LibreOffice's $(pages "$OUT/lo/$(basename "${DOCX%.docx}").pdf")."
    echo "Machine: $CPU, $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM; load average at the end: $LOAD."
    echo "Command: \`bench/compare.sh $PAGES $ROWS $RUNS\` ($RUNS timed runs each after one warm-up; median wall time, peak RSS)."
    echo
    echo "| Tool | Median time (ms) | Peak memory (MB) | Time vs kehoach |"
    echo "|---|---:|---:|---:|"
    for k in kehoach soffice pandoc typst; do
        ms=${MS[$k]:-}
        if [[ $ms =~ ^[0-9.]+$ ]]; then
            mb=$(awk -v kb="${KB[$k]}" 'BEGIN { printf "%.1f", kb / 1024 }')
            ratio=$(awk -v a="$ms" -v b="${MS[kehoach]}" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "—" }')
            echo "| ${WHAT[$k]} | $ms | $mb | $ratio |"
        else
            echo "| ${WHAT[$k]} | $ms | — | — |"
        fi
    done
)
echo "$TABLE"
echo "$TABLE" >"$OUT/results.md"

# WRITE=1: replace the block between the markers in BENCHMARKS.md.
if [ "${WRITE:-0}" = 1 ]; then
    begin="<!-- compare:${PAGES}p-${ROWS}rows:begin -->"
    end="<!-- compare:${PAGES}p-${ROWS}rows:end -->"
    f=$ROOT/BENCHMARKS.md
    if grep -qF "$begin" "$f"; then
        awk -v b="$begin" -v e="$end" -v tf="$OUT/results.md" '
            $0 == b { print; while ((getline l < tf) > 0) print l; skip = 1; next }
            $0 == e { skip = 0 }
            !skip { print }' "$f" >"$f.tmp" && mv "$f.tmp" "$f"
    else
        { echo; echo "$begin"; cat "$OUT/results.md"; echo "$end"; } >>"$f"
    fi
    echo "BENCHMARKS.md updated" >&2
fi

#!/usr/bin/env bash
# Checks native PDFs with the real clients: qpdf's structure check, every font
# embedded and subset (pdffonts), PDF version >= 1.4 (spec R41), A4 pages (R01).
set -euo pipefail
status=0
for pdf in "$@"; do
  name=$(basename "$pdf")
  if ! qpdf --check "$pdf" >/dev/null 2>&1; then
    echo "$name: qpdf --check failed"; qpdf --check "$pdf" | tail -5; status=1; continue
  fi
  # pdffonts: columns name type encoding emb sub uni object ID
  bad=$(pdffonts "$pdf" | awk 'NR>2 && ($(NF-4)!="yes" || $(NF-3)!="yes" || $(NF-2)!="yes") {print $1}')
  if [ -n "$bad" ]; then echo "$name: fonts not embedded+subset+unicode: $bad"; status=1; fi
  version=$(pdfinfo "$pdf" | awk '/^PDF version:/ {print $3}')
  if awk -v v="$version" 'BEGIN {exit !(v < 1.4)}'; then echo "$name: PDF version $version < 1.4"; status=1; fi
  sizes=$(pdfinfo -f 1 -l 10000 "$pdf" | awk '/^Page +[0-9]+ size:/ {w=$4; h=$6; if (!((w>594.8&&w<595.8&&h>841.4&&h<842.4)||(h>594.8&&h<595.8&&w>841.4&&w<842.4))) print $2}')
  if [ -n "$sizes" ]; then echo "$name: pages not A4: $sizes"; status=1; fi
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  echo "$name: ok (PDF $version, $pages pages, fonts: $(pdffonts "$pdf" | awk 'NR>2 {print $1}' | sed 's/^[A-Z]*+//' | sort -u | tr '\n' ' '))"
done
exit $status

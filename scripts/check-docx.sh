#!/usr/bin/env bash
# Checks DOCX files the way users meet them: converts each to PDF with
# LibreOffice (headless, own profile), prints its page count, and validates it
# with openxml-audit (the Open XML SDK rules Microsoft Word applies), failing on
# any error not in the allow-list below (documented in docs/docx-notes.md).
#
# Usage: scripts/check-docx.sh FILE.docx…
# Env:   OUT_DIR        where the PDFs go (default: a new temporary directory)
#        OPENXML_AUDIT  validator command (default: openxml-audit on PATH, else
#                       /tmp/oxa/bin/openxml-audit; install with
#                       python3 -m venv /tmp/oxa && /tmp/oxa/bin/pip install openxml-audit)
#        SOFFICE        LibreOffice command (default: soffice)
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 FILE.docx…" >&2
  exit 2
fi

# Error descriptions (Python regular expressions) accepted on purpose.
# Empty: the writer's output has no validator findings.
ALLOW=()

SOFFICE="${SOFFICE:-soffice}"
if [ -z "${OPENXML_AUDIT:-}" ]; then
  if command -v openxml-audit >/dev/null 2>&1; then
    OPENXML_AUDIT=openxml-audit
  elif [ -x /tmp/oxa/bin/openxml-audit ]; then
    OPENXML_AUDIT=/tmp/oxa/bin/openxml-audit
  else
    echo "openxml-audit not found (see the header of $0)" >&2
    exit 2
  fi
fi
command -v "$SOFFICE" >/dev/null || { echo "LibreOffice ($SOFFICE) not found" >&2; exit 2; }
command -v pdfinfo >/dev/null || { echo "pdfinfo (poppler-utils) not found" >&2; exit 2; }

OUT_DIR="${OUT_DIR:-$(mktemp -d /tmp/check-docx.XXXXXX)}"
mkdir -p "$OUT_DIR"
PROFILE="/tmp/lo-profile-$$"
trap 'rm -rf "$PROFILE"' EXIT

status=0
for f in "$@"; do
  if [ ! -f "$f" ]; then
    echo "$f: no such file" >&2
    status=1
    continue
  fi
  name="$(basename "${f%.*}")"

  # 1. LibreOffice → PDF, page count.
  if "$SOFFICE" -env:UserInstallation="file://$PROFILE" --headless \
      --convert-to pdf --outdir "$OUT_DIR" "$f" >/dev/null 2>&1 \
      && [ -f "$OUT_DIR/$name.pdf" ]; then
    pages="$(pdfinfo "$OUT_DIR/$name.pdf" | awk '/^Pages:/ {print $2}')"
    echo "$f: $pages pages → $OUT_DIR/$name.pdf"
  else
    echo "$f: LibreOffice could not convert it" >&2
    status=1
  fi

  # 2. Schema and semantic validation.
  json="$("$OPENXML_AUDIT" -o json -m 0 "$f" || true)"
  if ! printf '%s' "$json" | python3 -c '
import json, re, sys
allow = [re.compile(a) for a in sys.argv[2:]]
report = json.load(sys.stdin)
bad = 0
for entry in report:
    for e in entry.get("errors", []):
        if e.get("severity", "error") != "error":
            continue
        desc = e.get("description", "")
        if any(a.search(desc) for a in allow):
            print(f"{sys.argv[1]}: allowed: {desc}")
            continue
        bad += 1
        part, path = e.get("part_uri"), e.get("path")
        print(f"{sys.argv[1]}: openxml-audit: {desc} [{part} {path}]")
print(f"{sys.argv[1]}: openxml-audit: {bad} error(s) outside the allow-list")
sys.exit(1 if bad else 0)
' "$f" "${ALLOW[@]}"; then
    status=1
  fi
done
exit "$status"

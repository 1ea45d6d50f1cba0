#!/usr/bin/env bash
# Parity report: native PDF vs LibreOffice's PDF of our DOCX (see parity.py).
set -euo pipefail
python3 "$(dirname "$0")/parity.py" "$@"

#!/usr/bin/env python3
"""Parity of the native PDF with LibreOffice's rendering of our DOCX.

For every plan rendered into OUT_DIR (x.docx + x.pdf) this converts the DOCX
with LibreOffice, then compares page counts and the share of text lines that
start with the same word (lines matched in order with difflib). A secretariat
that opens the DOCX in an office suite and prints it should get the document
the native PDF shows; this measures how close that is.

usage: parity.py [--min-lines 0.95] [--strict] OUT_DIR
--strict fails (exit 1) when any plan misses parity, for CI.
"""
import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise RuntimeError(f"no page count for {pdf}")


def first_words(pdf):
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    words = []
    for line in text.splitlines():
        parts = unicodedata.normalize("NFC", line).split()
        if parts:
            words.append(parts[0])
    return words


def main():
    ap = argparse.ArgumentParser(description="Native PDF vs LibreOffice's PDF of our DOCX.")
    ap.add_argument("out", help="directory with x.docx and x.pdf of each plan")
    ap.add_argument("--min-lines", type=float, default=0.95,
                    help="least share of lines starting with the same word")
    ap.add_argument("--strict", action="store_true",
                    help="exit 1 when a plan's page counts differ or its share is below --min-lines")
    a = ap.parse_args()
    out, min_lines, strict = a.out, a.min_lines, a.strict
    docs = sorted(f[:-5] for f in os.listdir(out) if f.endswith(".docx"))
    if not docs:
        print(f"no .docx in {out}")
        return 1 if strict else 0
    lo = tempfile.mkdtemp(prefix="kehoach-lo-")
    profile = tempfile.mkdtemp(prefix="kehoach-lo-profile-")
    try:
        return compare(out, docs, lo, profile, min_lines, strict)
    finally:
        # CI disks are small: LibreOffice's profile alone is tens of MB.
        shutil.rmtree(lo, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)


def compare(out, docs, lo, profile, min_lines, strict):
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", lo]
        + [os.path.join(out, d + ".docx") for d in docs],
        check=True, capture_output=True,
    )
    failed = False
    print(f"{'plan':<28} {'native pages':>12} {'LibreOffice pages':>17} {'same first word':>15}")
    for d in docs:
        native = os.path.join(out, d + ".pdf")
        office = os.path.join(lo, d + ".pdf")
        pn, po = pages(native), pages(office)
        a, b = first_words(native), first_words(office)
        sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        same = sum(block.size for block in sm.get_matching_blocks())
        share = same / max(len(a), len(b), 1)
        print(f"{d:<28} {pn:>12} {po:>17} {share:>14.1%}")
        if pn != po or share < min_lines:
            failed = True
    if failed and strict:
        print(f"parity below target (equal page counts, >= {min_lines:.1%} same first word)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

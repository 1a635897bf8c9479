#!/usr/bin/env python3
"""The plain script an analyst would write instead of claimcheck: read every claims CSV with the
csv module, cache each source's text, and compare text[start:end] with the quote.

Python string indexes count code points, as the contract's offsets do, so this is a faithful
check of intact spans; it does not locate moved quotes or explain differences.

usage: check.py SOURCES_DIR ANNOTATIONS_DIR
"""
import csv
import os
import sys


def main():
    sources_dir, annotations_dir = sys.argv[1], sys.argv[2]
    ids = {}
    manifest = os.path.join(sources_dir, "sources.csv")
    if os.path.exists(manifest):
        with open(manifest, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                if row.get("id"):
                    ids[row["id"]] = row["file"]
    texts = {}
    claims = mismatches = 0
    for name in sorted(os.listdir(annotations_dir)):
        if not name.endswith(".csv") or name == "reviews.csv":
            continue
        with open(os.path.join(annotations_dir, name), newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                claims += 1
                source = ids.get(row["source"], row["source"])
                text = texts.get(source)
                if text is None:
                    with open(os.path.join(sources_dir, source), newline="", encoding="utf-8") as s:
                        text = texts[source] = s.read()
                try:
                    start, end = int(row["start"]), int(row["end"])
                except ValueError:
                    mismatches += 1
                    continue
                if text[start:end] != row["quote"]:
                    mismatches += 1
    print(f"{claims} claims, {mismatches} mismatches")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())

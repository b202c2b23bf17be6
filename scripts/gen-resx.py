#!/usr/bin/env python3
"""Generates .resx files (neutral English, zh-Hans, zh-Hant) from a messages TSV.

Usage: scripts/gen-resx.py path/to/Messages.tsv
TSV columns: key, English, Simplified Chinese. Traditional Chinese is converted from the Simplified
text with OpenCC (s2twp) when `opencc` is installed (apt-get install opencc); a third-column override
may be given as a fourth column. Lines starting with '#' are comments.
"""
import html
import os
import shutil
import subprocess
import sys

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def to_traditional(texts):
    if not shutil.which("opencc"):
        sys.exit("opencc is required to produce zh-Hant (apt-get install opencc)")
    joined = "\n".join(t.replace("\n", "\\n") for t in texts)
    out = subprocess.run(["opencc", "-c", "s2twp.json"], input=joined, capture_output=True, text=True, check=True).stdout
    return [t.replace("\\n", "\n") for t in out.rstrip("\n").split("\n")]


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        for key, value in rows:
            f.write(f'  <data name="{html.escape(key)}" xml:space="preserve"><value>{html.escape(value, quote=False)}</value></data>\n')
        f.write("</root>\n")


def main():
    tsv = sys.argv[1]
    rows = []
    with open(tsv, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 3:
                sys.exit(f"bad line: {line}")
            rows.append(parts)
    base = os.path.splitext(tsv)[0]
    write(base + ".resx", [(r[0], r[1]) for r in rows])
    write(base + ".zh-Hans.resx", [(r[0], r[2]) for r in rows])
    hant = to_traditional([r[2] for r in rows])
    write(base + ".zh-Hant.resx", [(r[0], r[3] if len(r) > 3 and r[3] else h) for r, h in zip(rows, hant)])


if __name__ == "__main__":
    main()

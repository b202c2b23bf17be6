#!/usr/bin/env python3
"""Generates a message family's three .resx files from its TSV (docs/localization.md).

Usage: scripts/gen-resx.py src/Jixiao.Web/Resources/PlansText.tsv [more.tsv ...]
       scripts/gen-resx.py --all        (every *.tsv under src/*/Resources)

TSV columns: key, Simplified Chinese (zh-CN), English (en), optional Traditional Chinese (zh-TW) override.
Lines starting with '#' are comments. Writes NAME.resx (zh-CN, the neutral language of every assembly),
NAME.en.resx and NAME.zh-TW.resx next to the TSV. Traditional Chinese is converted from the Simplified text
with OpenCC (s2twp, Taiwan phrasing; apt-get install opencc) unless the fourth column overrides it.
Values keep their leading and trailing spaces; a value cannot hold a tab or a line break.
"""
import glob
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
        sys.exit("opencc is required to produce zh-TW (apt-get install opencc)")
    out = subprocess.run(["opencc", "-c", "s2twp.json"], input="\n".join(texts), capture_output=True, text=True, check=True).stdout
    lines = out.split("\n")
    return lines[: len(texts)]


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        for key, value in rows:
            f.write(f'  <data name="{html.escape(key)}" xml:space="preserve"><value>{html.escape(value, quote=False)}</value></data>\n')
        f.write("</root>\n")


def read(tsv):
    rows = []
    keys = set()
    with open(tsv, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 3 or len(parts) > 4 or not parts[0] or not parts[1] or not parts[2]:
                sys.exit(f"{tsv}:{number}: expected key, zh-CN, en and an optional zh-TW, all non-empty")
            if parts[0] in keys:
                sys.exit(f"{tsv}:{number}: duplicate key {parts[0]}")
            keys.add(parts[0])
            rows.append(parts)
    return rows


def generate(tsv):
    rows = read(tsv)
    base = os.path.splitext(tsv)[0]
    write(base + ".resx", [(r[0], r[1]) for r in rows])
    write(base + ".en.resx", [(r[0], r[2]) for r in rows])
    hant = to_traditional([r[1] for r in rows])
    write(base + ".zh-TW.resx", [(r[0], r[3] if len(r) > 3 and r[3] else h) for r, h in zip(rows, hant)])


def main():
    args = sys.argv[1:]
    if args == ["--all"]:
        root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
        args = sorted(glob.glob(os.path.join(root, "src", "*", "Resources", "*.tsv")))
    if not args:
        sys.exit(__doc__)
    for tsv in args:
        generate(tsv)


if __name__ == "__main__":
    main()

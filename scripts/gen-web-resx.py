#!/usr/bin/env python3
"""Generates a web page's .resx files from a TSV: NAME.resx (zh-CN, the neutral language), NAME.en.resx and
NAME.zh-TW.resx.

Usage: scripts/gen-web-resx.py src/Jixiao.Web/Resources/PlansText.tsv
TSV columns: key, Simplified Chinese, English, optional Traditional Chinese override. Traditional Chinese is
converted from the Simplified text with OpenCC (s2twp; apt-get install opencc). Lines starting with '#' are comments.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
gen = __import__("gen-resx")


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
    gen.write(base + ".resx", [(r[0], r[1]) for r in rows])
    gen.write(base + ".en.resx", [(r[0], r[2]) for r in rows])
    hant = gen.to_traditional([r[1] for r in rows])
    gen.write(base + ".zh-TW.resx", [(r[0], r[3] if len(r) > 3 and r[3] else h) for r, h in zip(rows, hant)])


if __name__ == "__main__":
    main()

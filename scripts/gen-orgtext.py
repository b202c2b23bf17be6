#!/usr/bin/env python3
"""Generates src/Jixiao.Web/Resources/OrgText{,.en,.zh-TW}.resx from OrgText.tsv (key, zh-CN, en).

zh-CN is the neutral resource (the UI's default language); zh-TW is converted with OpenCC (s2twp).
"""
import html
import os
import subprocess

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "Jixiao.Web", "Resources")
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        for key, value in rows:
            f.write(f'  <data name="{html.escape(key)}" xml:space="preserve"><value>{html.escape(value, quote=False)}</value></data>\n')
        f.write("</root>\n")


rows = []
with open(os.path.join(HERE, "OrgText.tsv"), encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        key, zh, en = line.split("\t")
        rows.append((key, zh, en))
tw = subprocess.run(["opencc", "-c", "s2twp.json"], input="\n".join(r[1] for r in rows), capture_output=True, text=True, check=True).stdout.rstrip("\n").split("\n")
write(os.path.join(HERE, "OrgText.resx"), [(k, zh) for k, zh, _ in rows])
write(os.path.join(HERE, "OrgText.en.resx"), [(k, en) for k, _, en in rows])
write(os.path.join(HERE, "OrgText.zh-TW.resx"), [(rows[i][0], tw[i]) for i in range(len(rows))])

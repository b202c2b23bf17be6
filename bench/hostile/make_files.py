#!/usr/bin/env python3
"""Writes the hostile upload files of issues 9 and 13 into a folder (default bench-data/hostile).

Usage: bench/hostile/make_files.py [FOLDER]
Files that exist are kept (the zip bombs take a minute to write). See bench/hostile/README.md.
"""
import io
import os
import sys
import zipfile
import zlib

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER_ROW = ('<row r="1">' + "".join(
    f'<c r="{c}1" t="inlineStr"><is><t>{t}</t></is></c>'
    for c, t in zip("ABCDEF", ["id", "employee", "date", "product", "units", "amount"])) + "</row>")


def package(zf, sheet_writer, shared_strings=None):
    """The parts of a one-sheet workbook; sheet_writer(stream) writes xl/worksheets/sheet1.xml."""
    zf.writestr("[Content_Types].xml",
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                '</Types>')
    zf.writestr("_rels/.rels",
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                '</Relationships>')
    zf.writestr("xl/workbook.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                '<sheet name="sales" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = ('<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/>')
    if shared_strings is not None:
        rels += ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                 'Target="sharedStrings.xml"/>')
        zf.writestr("xl/sharedStrings.xml",
                    f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(shared_strings)}">'
                    + "".join(f"<si><t>{s}</t></si>" for s in shared_strings) + "</sst>")
    zf.writestr("xl/_rels/workbook.xml.rels",
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + rels + "</Relationships>")
    with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as s:
        sheet_writer(s)


def sheet(rows_xml):
    def write(s):
        s.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'.encode())
        s.write(rows_xml.encode() if isinstance(rows_xml, str) else rows_xml)
        s.write(b"</sheetData></worksheet>")
    return write


def xlsx(path, writer, shared_strings=None, level=9):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        package(zf, writer, shared_strings)


def repeated(head, unit, count, tail):
    """A sheet writer repeating unit count times (in blocks, without holding it all in memory)."""
    def write(s):
        s.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'.encode())
        s.write(head.encode())
        block = unit.encode() * 65536
        left = count
        while left >= 65536:
            s.write(block)
            left -= 65536
        s.write(unit.encode() * left)
        s.write(tail.encode())
        s.write(b"</sheetData></worksheet>")
    return write


def data_row(r):
    return (f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>S{r}</t></is></c><c r="B{r}" t="inlineStr"><is><t>P01</t></is></c>'
            f'<c r="C{r}" t="inlineStr"><is><t>2026-01-05</t></is></c><c r="D{r}" t="inlineStr"><is><t>suv</t></is></c>'
            f'<c r="E{r}"><v>1</v></c><c r="F{r}"><v>100</v></c></row>')


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "bench-data/hostile"
    os.makedirs(folder, exist_ok=True)

    def make(name, fn):
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            fn(path + ".tmp")
            os.replace(path + ".tmp", path)
        print(f"{name}\t{os.path.getsize(path):,} bytes")

    def text(content):
        def write(path):
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(content)
        return write

    # YAML: flow sequences nested 30,000 and 1,000,000 deep; a billion-laughs alias bomb inside a plan.
    make("depth-30000.yaml", text("[" * 30000 + "]" * 30000 + "\n"))
    make("depth-1000000.yaml", text("[" * 1000000 + "]" * 1000000 + "\n"))
    laughs = ['lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        laughs.append(f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    make("alias-bomb.yaml", text("plan:\n  code: bomb\n  name: bomb\n  description:\n"
                                 + "".join("    " + line + "\n" for line in laughs)
                                 # A key that is an alias of 9**9 values (harmless to the loader as written, which
                                 # shares aliased nodes; fatal to any code walking the whole tree).
                                 + "metrics:\n  ? *l9\n  : {source: sales}\n"))

    # xlsx: one row numbered 2,147,483,647.
    make("row-2147483647.xlsx", lambda p: xlsx(p, sheet(HEADER_ROW + data_row(2) + data_row(2147483647))))
    # xlsx: a zip bomb of identical rows (no r attributes), 12.5 MB of zip.
    unit = ('<row><c t="inlineStr"><is><t>S1</t></is></c><c t="inlineStr"><is><t>P01</t></is></c><c t="inlineStr"><is><t>2026-01-05</t></is></c>'
            '<c t="inlineStr"><is><t>suv</t></is></c><c><v>1</v></c><c><v>100</v></c></row>')
    make("rows-bomb.xlsx", lambda p: xlsx(p, repeated(HEADER_ROW, unit, 12_500_000 * 258 // len(unit), "")))
    # xlsx: a zip bomb of one text cell (about 2 GB of 'a'), 2 MB of zip.
    make("cell-bomb.xlsx", lambda p: xlsx(p, repeated(HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>', "a" * 32768, 65536,
                                                      "</t></is></c></row>")))
    # xlsx: a column reference beyond XFD, and shared-string indexes out of range.
    make("column-FXSHRXW.xlsx", lambda p: xlsx(p, sheet(HEADER_ROW + '<row r="2"><c r="FXSHRXW2" t="inlineStr"><is><t>x</t></is></c></row>')))
    make("sst-99999.xlsx", lambda p: xlsx(p, sheet(HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>99999</v></c></row>'), ["S1"]))
    make("sst-minus1.xlsx", lambda p: xlsx(p, sheet(HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>-1</v></c></row>'), ["S1"]))

    # xlsx: a dimension claiming every column (XFD) and row, over 1,000 real rows.
    make("dimension-XFD1048576.xlsx", lambda p: xlsx(p, lambda st: (
        st.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><dimension ref="A1:XFD1048576"/><sheetData>'.encode()),
        st.write((HEADER_ROW + "".join(data_row(r) for r in range(2, 1002))).encode()),
        st.write(b"</sheetData></worksheet>"))))
    # xlsx: what the import must still reject with a clear message: a formula saved without its value, merged cells.
    make("formula-uncalculated.xlsx", lambda p: xlsx(p, sheet(HEADER_ROW + data_row(2).replace('<c r="F2"><v>100</v></c>', '<c r="F2"><f>E2*100</f></c>'))))
    make("merged-cells.xlsx", lambda p: xlsx(p, lambda st: (
        st.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'.encode()),
        st.write((HEADER_ROW + data_row(2)).encode()),
        st.write(b'</sheetData><mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells></worksheet>'))))
    # xlsx: a legitimate upload of 100,000 rows (for time and memory of the normal case).
    make("rows-100000.xlsx", lambda p: xlsx(p, sheet(HEADER_ROW + "".join(data_row(r).replace(f">S{r}<", f">X{r}<") for r in range(2, 100002))), level=6))

    # CSV: a 25 MB field, a 100,000-character id, 1,000,000 short valid rows (demo employee P01).
    header = "id,employee,date,customer,product,units,amount\n"
    make("field-25mb.csv", text(header + "S1,P01,2026-01-05," + "c" * 25_000_000 + ",suv,1,100\n"))
    make("id-100000.csv", text(header + "S" * 100_000 + ",P01,2026-01-05,c,suv,1,100\n"))

    def million(path):
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("id,employee,date,product,units,amount\n")
            for i in range(1_000_000):
                f.write(f"H{i},P01,2026-01-05,suv,1,100\n")
    make("rows-1000000.csv", million)


if __name__ == "__main__":
    main()

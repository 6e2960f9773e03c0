# Hardening, second round (issue #16), workbooks: sheets per year, cells out
# of order, references past a sheet's limits, cells past Excel's 32,767
# characters, decompression bombs, ODS and legacy XLS files (XLS made by
# LibreOffice from the XLSX cases when it is installed). Run by
# make_corpus.py with its helpers; each expectation says what an analyst
# would want, never what the code happens to do.
import subprocess
import tempfile


def year_rows(year, n, first_day=1):
    return [XCOLS] + [[f"{year}-03-{first_day + k:02d}", "North Darfur", "Army", ("num", 1)] for k in range(n)]


def many(sheets):
    return xlsx([(name, sheet_xml(rows), hidden) for name, rows, hidden in sheets])


# ---------------------------------------------------------- sheets per year
case("workbooks", "two_year_sheets", "xlsx",
     many([("2020", year_rows(2020, 3), False), ("2021", year_rows(2021, 2), False)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
     **ok(5, events=5, date_span=["2020-03-01", "2021-03-02"], note_contains="read as one table"))
case("workbooks", "five_year_sheets", "xlsx",
     many([(str(y), year_rows(y, 3), False) for y in range(2018, 2023)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
     **ok(15, events=15, date_span=["2018-03-01", "2022-03-03"]))
case("workbooks", "year_sheets_with_hidden_copy", "xlsx",
     many([("2020", year_rows(2020, 3), False), ("2021", year_rows(2021, 2), False),
           ("2021 old copy", year_rows(2019, 9), True)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
     **ok(5, events=5, date_span=["2020-03-01", "2021-03-02"], note_contains="hidden sheet '2021 old copy' not read"))
case("workbooks", "year_sheets_with_notes_sheet", "xlsx",
     many([("Notes", [["About"], ["Synthetic log"], ["Licence CC0"]], False),
           ("2021", year_rows(2021, 2), False), ("2022", year_rows(2022, 4), False)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
     **ok(6, events=6, date_span=["2021-03-01", "2022-03-04"]))
case("workbooks", "year_sheets_header_lower_in_one", "xlsx",
     many([("2020", year_rows(2020, 3), False),
           ("2021", [["Incidents recorded in 2021"], []] + year_rows(2021, 2), False)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
     **ok(5, events=5, date_span=["2020-03-01", "2021-03-02"]))
reordered = [[XCOLS[2], XCOLS[0], XCOLS[3], XCOLS[1]]] + [["Army", f"2021-04-0{k + 1}", ("num", 2), "South Darfur"] for k in range(3)]
case("workbooks", "year_sheets_columns_reordered", "xlsx",
     many([("2020", year_rows(2020, 2), False), ("2021", reordered, False)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
     **ok(5, events=5, civilian_fatalities=8, regions=["North Darfur", "South Darfur"], date_span=["2020-03-01", "2021-04-03"]))
wider = [XCOLS + ["Source"]] + [[f"2022-05-0{k + 1}", "West Darfur", "Army", ("num", 1), "Radio"] for k in range(3)]
case("workbooks", "year_sheet_with_an_extra_column_is_named", "xlsx",
     many([("2021", year_rows(2021, 5), False), ("2022", wider, False)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
     **ok(5, events=5, note_contains="sheet '2022' holds a table with other columns and was not read"))
case("workbooks", "year_sheets_mapping_names_one", "xlsx",
     many([("2020", year_rows(2020, 3), False), ("2021", year_rows(2021, 2), False)]),
     mapping="sheet2021.ron",
     extra={"sheet2021.ron": XMAP[:-1] + ', sheet: Some("2021"))'},
     **ok(2, events=2, date_span=["2021-03-01", "2021-03-02"]))
case("workbooks", "lookup_sheet_is_not_a_data_sheet", "xlsx",
     many([("Data", year_rows(2021, 3), False), ("Lookup", [["Perpetrator", "Type"], ["Army", "State"], ["Police", "State"], ["Militia", "Militia"]], False)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP}, **ok(3, events=3, note_absent="WARNING"))
case("workbooks", "year_sheet_with_header_only", "xlsx",
     many([("2020", year_rows(2020, 3), False), ("2021", [XCOLS], False)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP}, **ok(3, events=3, date_span=["2020-03-01", "2020-03-03"]))
gap = sheet_xml(year_rows(2021, 2)).replace("</sheetData>",
      '<row r="1004"><c r="A1004" t="inlineStr"><is><t>2021-03-09</t></is></c><c r="B1004" t="inlineStr"><is><t>North Darfur</t></is></c>'
      '<c r="C1004" t="inlineStr"><is><t>Army</t></is></c><c r="D1004"><v>1</v></c></row></sheetData>')
case("workbooks", "blank_rows_between_data", "xlsx", xlsx([("Data", gap, False)]), mapping="xlsx.ron",
     extra={"xlsx.ron": XMAP}, **ok(3, events=3, blank_rows=1000))
bad = year_rows(2022, 3)
bad[2][0] = "someday"
case("workbooks", "year_sheets_bad_row_in_the_second", "xlsx",
     many([("2021", year_rows(2021, 2), False), ("2022", bad, False)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
     **warned(5, 4, issues=[dict(line=3, column="Incident date", code="date_unreadable")]))
case("workbooks", "year_sheets_first_one_hidden", "xlsx",
     many([("2019", year_rows(2019, 4), True), ("2020", year_rows(2020, 1), False), ("2021", year_rows(2021, 1), False)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
     **ok(2, events=2, date_span=["2020-03-01", "2021-03-01"]))

# ------------------------------------------------------ cells out of order
def rows_xml(rows):
    """Each data row as its own <row> element, in the order given."""
    out = []
    for ri, row in rows:
        cells = "".join(f'<c r="{col_letter(ci)}{ri}" t="inlineStr"><is><t>{esc(v)}</t></is></c>'
                        for ci, v in enumerate(row) if v != "")
        out.append(f'<row r="{ri}">{cells}</row>')
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + "".join(out) + "</sheetData></worksheet>")


NOFAT = '(date: "Incident date", admin1: Some("State"), perpetrator: Some("Perpetrator"), perpetrator_values: {"Army": state_forces})'
plain = [XCOLS[:3], ["2021-01-04", "North Darfur", "Army"], ["2021-01-05", "South Darfur", "Army"], ["2021-01-06", "West Darfur", "Army"]]
for name, order in [("rows_out_of_order_two_swapped", [1, 2, 4, 3]), ("rows_out_of_order_header_last", [2, 3, 4, 1]),
                    ("rows_out_of_order_reversed", [4, 3, 2, 1])]:
    xml = rows_xml([(r, plain[r - 1]) for r in order])
    case("workbooks", name, "xlsx", xlsx([("Data", xml, False)]), mapping="nofat.ron", extra={"nofat.ron": NOFAT},
         **ok(3, events=3, regions=["North Darfur", "South Darfur", "West Darfur"]))
# Cells of one row in reverse order are still one row.
xml = rows_xml([(r, plain[r - 1]) for r in (1, 2, 3, 4)])
for r in (2, 3, 4):
    a, b = xml.index(f'<row r="{r}">') + len(f'<row r="{r}">'), xml.index("</row>", xml.index(f'<row r="{r}">'))
    cells = xml[a:b].split("</c>")[:-1]
    xml = xml[:a] + "".join(c + "</c>" for c in reversed(cells)) + xml[b:]
case("workbooks", "cells_of_a_row_in_reverse", "xlsx", xlsx([("Data", xml, False)]), mapping="nofat.ron",
     extra={"nofat.ron": NOFAT}, **ok(3, events=3))

# ---------------------------------------------- references past the limits
for name, ref in [("cell_past_column_xfd", "XFE2"), ("cell_past_row_1048576", "A1048577"), ("cell_at_column_zzzz", "ZZZZ3")]:
    xml = sheet_xml(xrows).replace("</sheetData>", f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
    case("workbooks", name, "xlsx", xlsx([("Data", xml, False)]), mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
         **refused("workbook"))

# --------------------------------------------- cells past 32,767 characters
NCOLS = XCOLS + ["Notes"]
NMAP = XMAP
for name, size in [("note_of_40k_characters", 40_000), ("note_of_1m_characters", 1_000_000)]:
    rows = [NCOLS] + [[f"2021-02-0{k + 1}", "North Darfur", "Army", ("num", 1), "y" * size] for k in range(3)]
    case("workbooks", name, "xlsx", xlsx([("Data", sheet_xml(rows), False)]), mapping="xlsx.ron",
         extra={"xlsx.ron": NMAP}, **ok(3, events=3, note_contains="3 cells held more text than a spreadsheet cell can"))
# One long shared string used in 300 cells.
def shared_xlsx(n_rows, long):
    body = xlsx([("Data", sheet_xml([XCOLS]), False)])
    src = zipfile.ZipFile(io.BytesIO(body))
    out = io.BytesIO()
    z = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
    strings = ["North Darfur", "Army", long]
    rows = ['<row r="1">' + "".join(f'<c r="{col_letter(i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(XCOLS + ["Notes"])) + "</row>"]
    for r in range(2, n_rows + 2):
        rows.append(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>2021-06-01</t></is></c><c r="B{r}" t="s"><v>0</v></c>'
                    f'<c r="C{r}" t="s"><v>1</v></c><c r="D{r}"><v>1</v></c><c r="E{r}" t="s"><v>2</v></c></row>')
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + "".join(rows) + "</sheetData></worksheet>")
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == "xl/worksheets/sheet1.xml":
            data = sheet.encode()
        elif item.filename == "xl/_rels/workbook.xml.rels":
            data = data.replace(b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        elif item.filename == "[Content_Types].xml":
            data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        z.writestr(item.filename, data)
    z.writestr("xl/sharedStrings.xml", sst)
    z.close()
    return out.getvalue()


case("workbooks", "one_long_shared_string_in_300_cells", "xlsx", shared_xlsx(300, "z" * 200_000), mapping="xlsx.ron",
     extra={"xlsx.ron": NMAP}, **ok(300, events=300, note_contains="300 cells held more text"))
case("workbooks", "shared_strings_read_as_values", "xlsx", shared_xlsx(4, "short note"), mapping="xlsx.ron",
     extra={"xlsx.ron": NMAP}, **ok(4, events=4, regions=["North Darfur"], perpetrators=["state_forces"]))


# --------------------------------------------------- decompression bombs
def bomb(part, size=80 << 20):
    body = xlsx([("Data", sheet_xml(xrows), False)])
    src = zipfile.ZipFile(io.BytesIO(body))
    out = io.BytesIO()
    z = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9)
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == part:
            cut = data.rindex(b"</")
            data = data[:cut] + b" " * size + data[cut:]
        z.writestr(item.filename, data)
    z.close()
    return out.getvalue()


for name, part in [("bomb_in_the_sheet", "xl/worksheets/sheet1.xml"), ("bomb_in_the_styles", "xl/styles.xml"),
                   ("bomb_in_the_workbook_part", "xl/workbook.xml")]:
    case("workbooks", name, "xlsx", bomb(part), mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
         **refused("workbook", message_contains="decompression bomb"))
# A large part that packs as real data does (about 10:1) is read.
case("workbooks", "padded_but_not_a_bomb", "xlsx", bomb("xl/worksheets/sheet1.xml", size=2 << 20), mapping="xlsx.ron",
     extra={"xlsx.ron": XMAP}, **ok(3, events=3))


# ------------------------------------------------------------------- ODS
def ods(sheets, content_override=None):
    """sheets: list of (name, rows, hidden); rows of strings or ("num", v)."""
    tables = []
    for name, rows, hidden in sheets:
        style = ' table:style-name="hid"' if hidden else ""
        trs = []
        for row in rows:
            if row == "REPEAT":
                continue
            if isinstance(row, tuple) and row[0] == "repeat":
                _, times, cols, value = row
                trs.append(f'<table:table-row table:number-rows-repeated="{times}"><table:table-cell table:number-columns-repeated="{cols}" office:value-type="string"><text:p>{value}</text:p></table:table-cell></table:table-row>')
                continue
            cells = []
            for v in row:
                if isinstance(v, tuple):
                    cells.append(f'<table:table-cell office:value-type="float" office:value="{v[1]}"><text:p>{v[1]}</text:p></table:table-cell>')
                elif v in (None, ""):
                    cells.append("<table:table-cell/>")
                else:
                    cells.append(f'<table:table-cell office:value-type="string"><text:p>{esc(v)}</text:p></table:table-cell>')
            trs.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        tables.append(f'<table:table table:name="{esc(name)}"{style}>' + "".join(trs) + "</table:table>")
    content = content_override or (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:automatic-styles><style:style style:name="hid" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles>'
        "<office:body><office:spreadsheet>" + "".join(tables) + "</office:spreadsheet></office:body></office:document-content>")
    out = io.BytesIO()
    z = zipfile.ZipFile(out, "w")
    z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
    z.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
               '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
               '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
               compress_type=zipfile.ZIP_DEFLATED)
    z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    z.close()
    return out.getvalue()


orows = [XCOLS, ["2021-01-04", "North Darfur", "Army", ("num", 2)], ["2021-01-05", "South Darfur", "Opposition Group", ("num", 1)],
         ["2021-01-14", "North Darfur", "Army", ("num", 0)]]
case("workbooks", "ods_plain", "ods", ods([("Data", orows, False)]), mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
     **ok(3, events=3, civilian_fatalities=3, perpetrators=["rebel_groups", "state_forces"]))
case("workbooks", "ods_two_year_sheets", "ods",
     ods([("2020", [XCOLS, ["2020-02-01", "North Darfur", "Army", ("num", 1)]], False), ("2021", orows, False)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP}, **ok(4, events=4, note_contains="read as one table"))
case("workbooks", "ods_hidden_sheet_passed_over", "ods",
     ods([("Old", [XCOLS] + [["2019-01-01", "West Darfur", "Army", ("num", 5)]] * 6, True), ("Data", orows, False)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP}, **ok(3, events=3, civilian_fatalities=3))
case("workbooks", "ods_title_above_header", "ods", ods([("Data", [["Incident log, synthetic"], []] + orows, False)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP}, **ok(3, events=3, civilian_fatalities=3))
case("workbooks", "ods_cells_repeated_past_the_readers_limit", "ods",
     ods([("Data", [XCOLS, ("repeat", 1_000_000, 16_000, "x")], False)]), mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
     **refused("workbook", message_contains="Cell limit exceeded"))
case("workbooks", "ods_not_xml_inside", "ods", ods([], content_override="this is not XML <<<"), mapping="xlsx.ron",
     extra={"xlsx.ron": XMAP}, **refused("workbook"))
case("workbooks", "ods_cut_short", "ods", ods([("Data", orows, False)])[:300], mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
     **refused("workbook"))


# -------------------------------------------------- legacy XLS (LibreOffice)
def to_xls(data):
    """The XLSX bytes saved as .xls by LibreOffice; None when it is missing."""
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "in.xlsx")
        with open(src, "wb") as f:
            f.write(data)
        try:
            subprocess.run(["libreoffice", "--headless", "--convert-to", "xls", "--outdir", d, src],
                           check=True, capture_output=True, timeout=120)
            with open(os.path.join(d, "in.xls"), "rb") as f:
                return f.read()
        except (OSError, subprocess.SubprocessError):
            return None


srows = [XCOLS, ["2021-01-04", "North Darfur", "Army", ("num", 2)], ["2021-01-05", "South Darfur", "Opposition Group", ("num", 1)],
         ["2021-01-14", "North Darfur", "Army", ("num", 0)]]
xls_cases = [
    ("xls_plain", xlsx([("Data", sheet_xml(srows), False)]), ok(3, events=3, civilian_fatalities=3)),
    ("xls_data_on_second_sheet", xlsx([("Notes", sheet_xml([["About"], ["Synthetic"]]), False), ("Data", sheet_xml(srows), False)]),
     ok(3, events=3)),
    ("xls_two_year_sheets", many([("2020", year_rows(2020, 3), False), ("2021", year_rows(2021, 2), False)]),
     ok(5, events=5, note_contains="read as one table")),
    ("xls_hidden_sheet_passed_over", many([("Old", year_rows(2019, 7), True), ("2021", year_rows(2021, 2), False)]),
     ok(2, events=2, date_span=["2021-03-01", "2021-03-02"])),
    ("xls_year_sheets_columns_reordered", many([("2020", year_rows(2020, 2), False), ("2021", reordered, False)]),
     ok(5, events=5, civilian_fatalities=8, regions=["North Darfur", "South Darfur"])),
    ("xls_merged_region_filled_down", xlsx([("Data", sheet_xml([XCOLS, ["2021-01-04", "North Darfur", "Army", ("num", 1)],
                                                                    ["2021-01-05", "", "Army", ("num", 1)],
                                                                    ["2021-01-06", "", "Army", ("num", 1)]], merges=["B2:B4"]), False)]),
     ok(3, events=3, regions=["North Darfur"], note_contains="cells of merged regions filled down")),
]
def hide_xls_sheet(x, sheet):
    """Sets the hidden state of `sheet` in its BOUNDSHEET record (LibreOffice
    writes every sheet visible)."""
    b = bytearray(x)
    name = sheet.encode("latin-1")
    for k in range(len(b) - 12):
        if b[k:k + 2] == b"\x85\x00":
            ln = int.from_bytes(b[k + 2:k + 4], "little")
            if b[k + 4 + 8:k + 4 + ln] == name and b[k + 4 + 6] == len(name):
                b[k + 4 + 4] = 1
                return bytes(b)
    raise ValueError(f"no BOUNDSHEET for {sheet}")


for name, data, expect in xls_cases:
    x = to_xls(data)
    if x is None:
        print(f"LibreOffice missing: {name} not written")
        continue
    if name == "xls_hidden_sheet_passed_over":
        x = hide_xls_sheet(x, "Old")
    case("workbooks", name, "xls", x, mapping="xlsx.ron", extra={"xlsx.ron": XMAP}, **expect)
    if name == "xls_plain":
        case("workbooks", "xls_cut_in_half", "xls", x[: len(x) // 2], mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
             **refused("workbook"))
        # The sector size field of the compound-file header made absurd.
        broken = bytearray(x)
        broken[0x1E] = 0x30
        case("workbooks", "xls_sector_size_absurd", "xls", bytes(broken), mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
             **refused("workbook"))

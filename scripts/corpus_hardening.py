# Hardening, second round (issue #16): cases for the classes the red team
# found, run by make_corpus.py after corpus_families.py with the same
# helpers. Each expectation is written from what an analyst would want.

# ------------------------------------------- far-corner cells in a workbook
# A stray note far from the data must cost nothing and add no event: the
# sheet is read cell by cell, never as a dense range.
for ref_name, (col, row) in [("xfd1", (16383, 0)), ("a1048576", (0, 1048575)),
                              ("xfd1048576", (16383, 1048575)), ("z100000", (25, 99999)),
                              ("aaa5000", (702, 4999))]:
    body = sheet_xml(xrows).replace("</sheetData>",
                                    f'<row r="{row + 1}"><c r="{col_letter(col)}{row + 1}" t="inlineStr">'
                                    f'<is><t>stray note</t></is></c></row></sheetData>')
    # Never silent: a stray cell below the data is a row of its own,
    # rejected with its reason (no date); one beside the header leaves the
    # columns between it and the data without a name, which is said.
    if row == 0:
        expect = warned(3, 3, warnings=["blank_header"])
    elif col == 0:
        expect = warned(4, 3, warnings=["date_unreadable"])
    else:
        expect = warned(4, 3, warnings=["date_blank", "long_row"])
    case("hardening", f"far_corner_cell_{ref_name}", "xlsx", xlsx([("Data", body, False)]),
         mapping="xlsx.ron", extra={"xlsx.ron": XMAP}, **expect)

# A dimension record that claims the whole sheet, over three real rows.
case("hardening", "dimension_claims_whole_sheet", "xlsx",
     xlsx([("Data", sheet_xml(xrows, dimension="A1:XFD1048576"), False)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP}, **ok(3))

# ---------------------------------------------------- hidden and year sheets
# A hidden sheet is never chosen over visible data, wherever it stands.
for pos in range(3):
    sheets = [("Notes", sheet_xml([["About"], ["Synthetic"]]), False), ("Data", sheet_xml(xrows), False)]
    sheets.insert(pos, ("Old data", sheet_xml([XCOLS, [("date", 40000), "West Darfur", "Army", ("num", 9)]]), True))
    case("hardening", f"hidden_sheet_at_{pos}", "xlsx", xlsx(sheets),
         mapping="xlsx.ron", extra={"xlsx.ron": XMAP}, **ok(3, events=3))

# --------------------------------------------- coordinates that are not numbers
for name, value in [("nan", "NaN"), ("inf", "inf"), ("minus_inf", "-inf"), ("huge_exponent", "1e999"),
                    ("word", "north of town"), ("two_dots", "14.5.2")]:
    rows = acled(3)
    rows[1]["latitude"] = value
    case("hardening", f"coordinate_{name}", "csv", table(rows, ACLED_COLS),
         **warned(3, 3, warnings=["coordinates_unreadable"], with_points=2))

# ------------------------------------------------- zero written several ways
for name, value in [("minus_zero", "-0"), ("plus_zero", "+0"), ("zero_point_zero", "0.0"),
                    ("minus_zero_point_zero", "-0.0"), ("spaced_zero", " 0 ")]:
    rows = acled(2)
    rows[0]["fatalities"] = value
    case("hardening", f"fatalities_{name}", "csv", table(rows, ACLED_COLS),
         **ok(2, civilian_fatalities=1))

# ------------------------------------- dates after the day of import (§1)
for name, value in [("year_2099", "2099-03-15"), ("next_century", "2100-01-01"), ("typo_2921", "2921-03-15")]:
    rows = acled(4)
    rows[2]["event_date"] = value
    rows[2]["year"] = value[:4]
    reason = "date_in_future" if value[:4] <= "2100" else "date_out_of_range"
    case("hardening", f"future_date_{name}", "csv", table(rows, ACLED_COLS),
         **warned(4, 3, warnings=[reason], date_span=["2020-03-15", "2020-03-15"]))

# ------------------------------------------ header rows past a 40-row preview
for above in (41, 60, 150):
    junk = "".join(f"Export note line {k},\n" for k in range(above))
    body = junk + "Date,Region\n2021-01-01,North\n2021-01-02,South\n"
    case("hardening", f"header_row_{above + 1}_in_mapping", "csv", body,
         mapping=f"header_row_{above + 1}_in_mapping.ron",
         extra={f"header_row_{above + 1}_in_mapping.ron": f'(header_row: Some({above + 1}), date: "Date", admin1: Some("Region"))'},
         **ok(2, regions=["North", "South"]))

# ------------------------------------------------- line numbers in CR-only files
for nl_name, nl in [("cr", "\r"), ("crlf", "\r\n")]:
    rows = acled(6)
    rows[3]["event_date"] = "not a date"
    case("hardening", f"line_numbers_{nl_name}", "csv", table(rows, ACLED_COLS, nl=nl),
         **warned(6, 5, issues=[dict(line=5, record=4, column="event_date", code="date_unreadable")]))

# ------------------------------------------------------ very long cells
for size in (100_000, 1_000_000):
    rows = acled(3)
    rows[1]["event_date"] = "9" * size
    case("hardening", f"long_date_cell_{size}", "csv", table(rows, ACLED_COLS),
         **warned(3, 2, issues=[dict(line=3, record=2, column="event_date", code="date_unreadable")]))
    rows = acled(3)
    rows[1]["notes"] = "n" * size
    case("hardening", f"long_note_cell_{size}", "csv", table(rows, ACLED_COLS), **ok(3))

# ------------------------------- one stray Windows-1252 byte early in a UTF-8 file
# The rest of the file stays UTF-8: names later in it keep their accents
# and one region stays one region.
for at in (2, 20, 200):
    rows = acled(max(at + 5, 10))
    for r in rows:
        r["admin1"] = "Ségou"
    text = table(rows, ACLED_COLS).encode("utf-8")
    lines = text.split(b"\n")
    lines[at] = lines[at].replace(b"Synthetic test", b"Synth\xe9tic test")
    case("hardening", f"stray_cp1252_byte_line_{at + 1}", "csv", b"\n".join(lines),
         **warned(len(rows), len(rows), warnings=["invalid_utf8"], regions=["Ségou"],
                  issues=[dict(line=at + 1, column="notes", code="invalid_utf8")]))

# ------------------------------------------ coordinates outside the globe
for name, (lat, lon) in [("lat_91", ("91", "10")), ("lat_minus_91", ("-91", "10")),
                         ("lon_181", ("14", "181")), ("lon_minus_181", ("14", "-181"))]:
    rows = acled(3)
    rows[1]["latitude"], rows[1]["longitude"] = lat, lon
    case("hardening", f"coordinate_{name}", "csv", table(rows, ACLED_COLS),
         **warned(3, 3, warnings=["coordinates_out_of_range"], with_points=2))

# ---------------------------------------------- a header cell of 64 KB / 1 MB
for size in (65_536, 1_048_576):
    cols = ACLED_COLS + ["x" * size]
    case("hardening", f"header_cell_{size}", "csv", table(acled(3), cols), **ok(3))

# ------------------------------------ many merged ranges below the data
for n in (10, 1_000, 10_000):
    merges = [f"A{10 + 2 * k}:D{11 + 2 * k}" for k in range(n)]
    case("hardening", f"merged_ranges_{n}_below_data", "xlsx",
         xlsx([("Data", sheet_xml(xrows, merges=merges), False)]),
         mapping="xlsx.ron", extra={"xlsx.ron": XMAP}, **ok(3))

# ------------------------------------------------- the same classes in UCDP files
for name, value in [("nan", "NaN"), ("inf", "inf"), ("word", "east"), ("lat_95", "95")]:
    rows = [urow(i, f"2020-01-1{i}") for i in range(1, 4)]
    rows[1]["latitude"] = value
    code = "coordinates_out_of_range" if value == "95" else "coordinates_unreadable"
    case("hardening", f"ucdp_coordinate_{name}", "csv", ut(rows),
         **warned(3, 3, warnings=[code], with_points=2, events=3))
for name, value in [("minus_zero", "-0"), ("zero_point_zero", "0.0"), ("plus_zero", "+0")]:
    rows = [urow(i, f"2020-01-1{i}") for i in range(1, 3)]
    rows[0]["deaths_civilians"] = value
    rows[0]["best_est"] = value
    case("hardening", f"ucdp_civilian_deaths_{name}", "csv", ut(rows),
         **ok(2, civilian_fatalities=2))
for name, value in [("year_2099", "2099-01-15"), ("typo_2921", "2921-01-15")]:
    rows = [urow(i, f"2020-01-1{i}") for i in range(1, 4)]
    rows[2]["date_start"] = rows[2]["date_end"] = value
    reason = "date_in_future" if value[:4] <= "2100" else "date_out_of_range"
    case("hardening", f"ucdp_future_date_{name}", "csv", ut(rows),
         **warned(3, 2, warnings=[reason], date_span=["2020-01-11", "2020-01-12"]))

# ------------------------------------------- the same classes in a workbook
for name, value in [("nan", "NaN"), ("word", "north of town")]:
    cols = XCOLS + ["Latitude", "Longitude"]
    rows = [cols] + [r + ["14.5", "-4.2"] for r in xrows[1:]]
    rows[2] = rows[2][:4] + [value, "-4.2"]
    mapping = XMAP[:-1] + ', latitude: Some("Latitude"), longitude: Some("Longitude"))'
    case("hardening", f"xlsx_coordinate_{name}", "xlsx", xlsx([("Data", sheet_xml(rows), False)]),
         mapping=f"xlsx_coordinate_{name}.ron", extra={f"xlsx_coordinate_{name}.ron": mapping},
         **warned(3, 3, warnings=["coordinates_unreadable"], with_points=2))
for size in (100_000, 1_000_000):
    rows = [r[:] for r in xrows]
    rows[2] = [rows[2][0], rows[2][1], rows[2][2], ("num", 1), "n" * size]
    case("hardening", f"xlsx_long_cell_{size}", "xlsx", xlsx([("Data", sheet_xml(rows), False)]),
         mapping="xlsx.ron", extra={"xlsx.ron": XMAP}, **warned(3, 3, warnings=["long_row"]))
rows = [r[:] for r in xrows]
rows[3] = [("date", 72700)] + rows[3][1:]  # 2099-01-15
case("hardening", "xlsx_future_date", "xlsx", xlsx([("Data", sheet_xml(rows), False)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP}, **warned(3, 2, warnings=["date_in_future"]))

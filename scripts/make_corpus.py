#!/usr/bin/env python3
"""Writes the bad-input corpus under tests/corpus/<category>/<case>.<ext>, each
with a sidecar <case>.expect.toml stating the outcome the case is built for
(../shared/BAD-INPUTS.md). All rows are synthetic: invented actors, fixed
places, no real case-log or ACLED rows.

Run from the repository root: python3 scripts/make_corpus.py
The expectations are written from each case's intent, never from running
the workbench; tests/corpus.rs checks the workbench against them.
"""
import os, shutil, zipfile, io

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "corpus")

ACLED_COLS = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
              "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,"
              "region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
              "source_scale,notes,fatalities,tags,timestamp").split(",")

UCDP_COLS = ("id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
             "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
             "side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,"
             "source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,"
             "latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,"
             "date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best_est,high_est,low_est").split(",")

REGIONS = ["Mopti", "Gao", "Segou", "Kidal", "Tombouctou"]


def acled_row(i, date="2020-03-15", admin1=None, fatalities="1", civ=True, notes=None, **over):
    r = {c: "" for c in ACLED_COLS}
    r.update({
        "event_id_cnty": f"TST{i}", "event_date": date, "year": date[:4] if date[:4].isdigit() else "2020",
        "time_precision": "1", "disorder_type": "Political violence",
        "event_type": "Violence against civilians" if civ else "Battles",
        "sub_event_type": "Attack" if civ else "Armed clash",
        "actor1": "Military Forces of Testland (2019-)", "inter1": "State forces",
        "actor2": "Civilians (Testland)" if civ else "Testland Liberation Front",
        "inter2": "Civilians" if civ else "Rebel group",
        "interaction": "State forces-Civilians", "civilian_targeting": "Civilians targeted" if civ else "",
        "iso": "999", "region": "Western Africa", "country": "Testland",
        "admin1": admin1 if admin1 is not None else REGIONS[i % len(REGIONS)],
        "admin2": "District A", "admin3": "", "location": "Village A", "latitude": "14.5",
        "longitude": "-4.2", "geo_precision": "1", "source": "Synthetic Radio", "source_scale": "Local",
        "notes": notes if notes is not None else f"Synthetic test event number {i}.",
        "fatalities": fatalities, "tags": "", "timestamp": "1600000000",
    })
    r.update(over)
    return r


def csv_cell(v, d=","):
    v = str(v)
    if any(ch in v for ch in (d, '"', "\n", "\r")):
        return '"' + v.replace('"', '""') + '"'
    return v


def table(rows, cols, d=",", nl="\n", header=True):
    out = []
    if header:
        out.append(d.join(cols))
    for r in rows:
        out.append(d.join(csv_cell(r.get(c, ""), d) for c in cols))
    return nl.join(out) + nl


cases = []  # (category, name, ext, bytes, expect dict, extra files)


def case(cat, name, ext, data, **expect):
    if isinstance(data, str):
        data = data.encode("utf-8")
    extra = expect.pop("extra", {})
    cases.append((cat, name, ext, data, expect, extra))


def acled(n=5, **kw):
    return [acled_row(i + 1, **kw) for i in range(n)]


def ok(n, **more):
    return dict(outcome="accept", rows_read=n, rows_kept=n, rows_rejected=0, **more)


def warned(read, kept, **more):
    return dict(outcome="accept_with_warnings", rows_read=read, rows_kept=kept, rows_rejected=read - kept, **more)


def refused(kind, **more):
    return dict(outcome="reject", error_kind=kind, **more)


# ---------------------------------------------------------------- A. encodings
base = table(acled(5), ACLED_COLS)
case("encoding", "utf8_plain", "csv", base, **ok(5, events=5, civilian_fatalities=5))
case("encoding", "utf8_bom", "csv", b"\xef\xbb\xbf" + base.encode(), **ok(5, events=5))
rows = acled(5)
rows[2]["admin1"] = "\ufeffMopti"
rows[3]["notes"] = "text with a \ufeff BOM inside"
case("encoding", "bom_inside_fields", "csv", table(rows, ACLED_COLS), **ok(5, regions=["Gao", "Mopti", "Segou", "Tombouctou"]))
tsv = table(acled(5), ACLED_COLS, d="\t", nl="\r\n")
case("encoding", "utf16le_bom_tab", "txt", b"\xff\xfe" + tsv.encode("utf-16-le"), **ok(5))
case("encoding", "utf16be_bom", "csv", b"\xfe\xff" + base.encode("utf-16-be"), **ok(5))
case("encoding", "utf16le_no_bom", "csv", base.encode("utf-16-le"), **ok(5))
rows = acled(5)
for r, place in zip(rows, ["Ségou", "Ménaka", "Côte d’Ivoire", "Bœuf-çà", "Ségou"]):
    r["admin1"] = place
    r["notes"] = "Rapport: l’attaque à l’école, œuvre détruite, français"
case("encoding", "cp1252_accents", "csv", table(rows, ACLED_COLS).encode("cp1252"),
     **ok(5, regions=["Bœuf-çà", "Côte d’Ivoire", "Ménaka", "Ségou"]))
rows = acled(5)
for r in rows:
    r["admin1"] = "Ségou"
case("encoding", "latin1", "csv", table(rows, ACLED_COLS).encode("latin-1"), **ok(5, regions=["Ségou"]))
big = acled(6000, notes="Ordinary UTF-8 note with é and ü")
text = table(big, ACLED_COLS).encode("utf-8")
lines = text.split(b"\n")
lines[5000] = lines[5000].replace(b"Ordinary", b"Ordin\xe9ry")
case("encoding", "mixed_utf8_one_cp1252_byte", "csv", b"\n".join(lines),
     **warned(6000, 6000, warnings=["invalid_utf8"], issues=[dict(line=5001, column="notes", code="invalid_utf8")]))
bad = table(acled(5), ACLED_COLS).encode().replace(b"Synthetic test event number 2", b"Bad \xc0\xaf overlong") + b"\xe2\x82"
# The two stray bytes after the last newline form a sixth record with no date.
case("encoding", "invalid_utf8_sequences", "csv", bad, **warned(6, 5, warnings=["date_blank", "short_row"]))
u16 = base.replace("Village A", "Village \ud800A") if False else base
raw = bytearray(b"\xff\xfe" + base.encode("utf-16-le"))
pos = raw.find("Village".encode("utf-16-le"))
raw[pos:pos + 2] = b"\x00\xd8"  # a lone high surrogate where 'V' was
case("encoding", "utf16_lone_surrogate", "csv", bytes(raw), **ok(5))
rows = acled(5)
rows[1]["notes"] = "nul\x00inside"
case("encoding", "nul_in_field", "csv", table(rows, ACLED_COLS), **ok(5))
case("encoding", "all_nuls", "csv", b"\x00" * 4096, **refused("not_a_table"))
case("encoding", "zero_bytes", "csv", b"", **refused("empty"))
case("encoding", "only_bom", "csv", b"\xef\xbb\xbf", **refused("empty"))
rows = acled(5)
rows[0]["admin1"] = "\u202eMopti"
rows[1]["admin1"] = "Mo\u200bpti" if False else "Mopti\u200b"
rows[2]["admin1"] = "\u00a0Mopti\u00a0"
rows[3]["notes"] = "ملاحظة عربية \u202e reversed"
rows[4]["admin1"] = "Mopti"
case("encoding", "rtl_zero_width_nbsp", "csv", table(rows, ACLED_COLS), **ok(5, regions=["Mopti", "Tombouctou"]))
rows = acled(4)
rows[0]["admin1"] = "S\u00e9gou"      # NFC
rows[1]["admin1"] = "Se\u0301gou"     # NFD
rows[2]["admin1"] = "S\u00e9gou"
rows[3]["admin1"] = "SEGOU"
case("encoding", "nfc_nfd_same_region", "csv", table(rows, ACLED_COLS), **ok(4, regions=["Ségou"]))

# ------------------------------------------------------------- B. structure
rows = acled(5)
for r in rows:
    r["latitude"] = "14,5"
    r["longitude"] = "-4,25"
case("structure", "semicolon_decimal_comma", "csv", table(rows, ACLED_COLS, d=";"), **ok(5, with_points=5))
case("structure", "tab_delimited", "tsv", table(acled(5), ACLED_COLS, d="\t"), **ok(5))
case("structure", "pipe_delimited", "csv", table(acled(5), ACLED_COLS, d="|"), **ok(5))
case("structure", "comma_notes_full_of_semicolons", "csv",
     table(acled(5, notes="a; b; c; d; e; f; g; h; i; j; k; l; m; n"), ACLED_COLS), **ok(5))
case("structure", "crlf", "csv", table(acled(5), ACLED_COLS, nl="\r\n"), **ok(5))
case("structure", "bare_cr", "csv", table(acled(5), ACLED_COLS, nl="\r"), **ok(5))
mixed = table(acled(6), ACLED_COLS).split("\n")
case("structure", "mixed_line_endings", "csv", mixed[0] + "\r\n" + mixed[1] + "\r" + mixed[2] + "\n" + "\r\n".join(mixed[3:]), **ok(6))
case("structure", "no_trailing_newline", "csv", table(acled(5), ACLED_COLS).rstrip("\n"), **ok(5))
rows = acled(6, notes="line one\nline two\nline three")
rows[5]["event_date"] = "not a date"
case("structure", "multiline_fields_line_numbers", "csv", table(rows, ACLED_COLS),
     **warned(6, 5, issues=[dict(line=17, record=6, column="event_date", code="date_unreadable")]))
case("structure", "escaped_quotes", "csv", table(acled(5, notes='He said "leave" and left'), ACLED_COLS), **ok(5))
rows = table(acled(3), ACLED_COLS).replace("Synthetic test event number 2.", '\\"x, y\\" z')
rows = rows.replace('\\"x, y\\" z', '"start \\"x, y\\" end"')
case("structure", "backslash_escaped_quotes", "csv", rows, **warned(3, 3, warnings=["long_row"]))
t = table(acled(5), ACLED_COLS).replace("Synthetic test event number 3.", '"unterminated quote runs on')
case("structure", "unterminated_quote_at_eof", "csv", t, **warned(3, 3, warnings=["unterminated_quote"]))
case("structure", "quote_inside_unquoted_field", "csv", table(acled(5), ACLED_COLS).replace("Village A", 'Village 5" pipe'), **ok(5))
lines = table(acled(5), ACLED_COLS).split("\n")
lines[2] = ",".join(lines[2].split(",")[:20])          # short row: cut after admin2 column... keeps date
lines[4] = lines[4] + ",extra,fields"
case("structure", "ragged_rows", "csv", "\n".join(lines),
     **warned(5, 5, warnings=["short_row", "long_row"], issues=[dict(line=3, record=2, code="short_row"), dict(line=5, record=4, code="long_row")]))
lines = table(acled(8), ACLED_COLS).split("\n")
for k in range(1, 9):
    lines[k] = ",".join(lines[k].split(",")[:29])
case("structure", "many_short_rows", "csv", "\n".join(lines), **warned(8, 8, warnings=["short_row"]))
case("structure", "header_only", "csv", ",".join(ACLED_COLS) + "\n", **ok(0))
cols = ["Date", "Region", "Killed", "Killed", "Perpetrator"]
mapping = '(date: "Date", admin1: Some("Region"), fatalities: Some("Killed"), perpetrator: Some("Perpetrator"))'
body = "Date,Region,Killed,Killed,Perpetrator\n2021-01-05,North,1,9,Army\n2021-01-06,South,2,9,Army\n"
case("structure", "duplicate_headers", "csv", body,
     **warned(2, 2, warnings=["duplicate_header"], civilian_fatalities=3, mapping="duplicate_headers.ron", extra={"duplicate_headers.ron": mapping}))
body = "Date,,Region,Killed\n2021-01-05,x,North,1\n2021-01-06,y,South,2\n"
case("structure", "blank_header_cell", "csv", body,
     **warned(2, 2, warnings=["blank_header"], mapping="blank_header_cell.ron",
              extra={"blank_header_cell.ron": '(date: "Date", admin1: Some("Region"), fatalities: Some("Killed"))'}))
hdr = [c.upper() + (" " if k % 3 == 0 else "") for k, c in enumerate(ACLED_COLS)]
case("structure", "header_case_and_spaces", "csv", ",".join(hdr) + "\n" + table(acled(5), ACLED_COLS, header=False), **ok(5))
case("structure", "title_rows_above_header", "csv",
     "Export of synthetic events\nhttps://example.org/export\n\n" + table(acled(5), ACLED_COLS), **ok(5))
hxl = ",".join("#event+code" if c == "event_id_cnty" else "#date+occurred" if c == "event_date" else
               "#adm1+name" if c == "admin1" else "#affected+killed" if c == "fatalities" else "" for c in ACLED_COLS)
case("structure", "hxl_second_row", "csv", ",".join(ACLED_COLS) + "\n" + hxl + "\n" + table(acled(5), ACLED_COLS, header=False), **ok(5))
t = "# preamble line, written by a tool\n" + table(acled(5), ACLED_COLS) + "Total,123\n"
case("structure", "preamble_and_totals_row", "csv", t,
     **warned(6, 5, warnings=["short_row"], issues=[dict(line=8, record=6, column="event_date", code="date_unreadable")]))
t = table(acled(5), ACLED_COLS).split("\n")
t.insert(3, "")
t.insert(4, "," * 30)
t = "\n".join(t) + ("," * 30 + "\n") * 50
case("structure", "blank_lines_and_trailing_empty_rows", "csv", t, **ok(5, blank_rows=51))

# ----------------------------------------------------------------- C. dates
case("dates", "iso", "csv", table(acled(5, date="2021-06-30"), ACLED_COLS), **ok(5, date_span=["2021-06-30", "2021-06-30"]))
rows = acled(3)
for r, d in zip(rows, ["25/03/2020", "05/04/2020", "13/12/2020"]):
    r["event_date"] = d
case("dates", "dd_mm_yyyy", "csv", table(rows, ACLED_COLS), **ok(3, date_span=["2020-03-25", "2020-12-13"]))
rows = acled(3)
for r, d in zip(rows, ["25-03-2020", "05-04-2020", "13-12-2020"]):
    r["event_date"] = d
case("dates", "dd_dash_mm_yyyy", "csv", table(rows, ACLED_COLS), **ok(3, date_span=["2020-03-25", "2020-12-13"]))
rows = acled(3)
for r, d in zip(rows, ["5/3/19", "1/2/19", "30/11/19"]):
    r["event_date"] = d
case("dates", "d_m_yy", "csv", table(rows, ACLED_COLS), **ok(3, date_span=["2019-02-01", "2019-11-30"]))
rows = acled(4)
for r, d in zip(rows, ["12 janvier 2024", "1er février 2024", "16 May 2025", "7-Feb-25"]):
    r["event_date"] = d
case("dates", "month_names_fr_en", "csv", table(rows, ACLED_COLS), **ok(4, date_span=["2024-01-12", "2025-05-16"]))
rows = acled(3)
for r, d in zip(rows, ["43831", "43832", "43833.0"]):
    r["event_date"] = d
case("dates", "excel_serial_as_text", "csv", table(rows, ACLED_COLS), **ok(3, date_span=["2020-01-01", "2020-01-03"]))
rows = acled(4)
for r, d in zip(rows, ["60", "0.5", "-5", "2020-01-01"]):
    r["event_date"] = d
case("dates", "bad_serials", "csv", table(rows, ACLED_COLS),
     **warned(4, 1, issues=[dict(line=2, record=1, column="event_date", code="date_unreadable"),
                             dict(line=3, record=2, column="event_date", code="date_unreadable"),
                             dict(line=4, record=3, column="event_date", code="date_unreadable")]))
rows = acled(3)
for r, d in zip(rows, ["1900-05-05", "9999-01-01", "2090-01-01"]):
    r["event_date"] = d
case("dates", "extreme_years", "csv", table(rows, ACLED_COLS),
     **warned(3, 2, issues=[dict(line=3, record=2, column="event_date", code="date_out_of_range")]))
rows = acled(2)
rows[0]["event_date"] = "2024-03-01/2024-03-05"
case("dates", "date_range", "csv", table(rows, ACLED_COLS), **ok(2, date_span=["2020-03-15", "2024-03-01"]))
rows = acled(3)
rows[1]["time_precision"] = "2"
rows[2]["time_precision"] = "3"
case("dates", "week_and_month_precision", "csv", table(rows, ACLED_COLS), **ok(3))
rows = acled(4)
for r, d in zip(rows, ["", "unknown", "N/A", "2020-01-01"]):
    r["event_date"] = d
case("dates", "blank_unknown_na", "csv", table(rows, ACLED_COLS),
     **warned(4, 1, issues=[dict(line=2, record=1, column="event_date", code="date_blank")]))
amb = "Date,Region,Killed\n01/02/2021,North,1\n03/04/2021,South,2\n05/06/2021,East,0\n"
case("dates", "ambiguous_mapped_column", "csv", amb, mapping="ambiguous_mapped_column.ron",
     extra={"ambiguous_mapped_column.ron": '(date: "Date", admin1: Some("Region"), fatalities: Some("Killed"))'},
     **refused("ambiguous_dates"))
case("dates", "ambiguous_with_order_in_mapping", "csv", amb, mapping="ambiguous_with_order_in_mapping.ron",
     extra={"ambiguous_with_order_in_mapping.ron": '(date: "Date", date_order: Some(MonthFirst), admin1: Some("Region"), fatalities: Some("Killed"))'},
     **ok(3, date_span=["2021-01-02", "2021-05-06"]))
rows = acled(3)
for r, d in zip(rows, ["01/02/2020", "03/04/2020", "05/06/2020"]):
    r["event_date"] = d
case("dates", "acled_all_ambiguous_uses_day_first", "csv", table(rows, ACLED_COLS), **ok(3, date_span=["2020-02-01", "2020-06-05"]))
urow = lambda i, d, tov="3", dc="2", adm="North Darfur state": {
    "id": str(i), "relid": f"T-{i}", "year": "2020", "active_year": "True", "code_status": "Clear",
    "type_of_violence": tov, "conflict_name": "Government of Testland - Civilians", "side_a": "Government of Testland",
    "side_b": "Civilians", "where_prec": "1", "adm_1": adm, "adm_2": "", "latitude": "13.5", "longitude": "25.3",
    "country": "Testland", "region": "Africa", "event_clarity": "1", "date_prec": "1", "date_start": d, "date_end": d,
    "deaths_a": "0", "deaths_b": "0", "deaths_civilians": dc, "deaths_unknown": "0", "best_est": dc, "high_est": dc, "low_est": dc}
ut = lambda rows: ",".join(UCDP_COLS) + "\n" + "".join(",".join(csv_cell(r.get(c, "")) for c in UCDP_COLS) + ",\n" for r in rows)
case("dates", "ucdp_export_all_ambiguous_uses_month_first", "csv",
     ut([urow(1, "01/02/2020 00:00:00"), urow(2, "03/04/2020 00:00:00")]), **ok(2, date_span=["2020-01-02", "2020-03-04"], events=2, civilian_fatalities=4))
case("dates", "ucdp_export_month_first", "csv",
     ut([urow(1, "01/12/2001 00:00:00"), urow(2, "12/25/2001 00:00:00", tov="1", dc="0")]),
     **ok(2, date_span=["2001-01-12", "2001-12-25"], events=1, civilian_fatalities=2))
rows = acled(5)
for r, d in zip(rows, ["25/03/2020", "26/03/2020", "27/03/2020", "03/28/2020", "01/01/2020"]):
    r["event_date"] = d
case("dates", "conflicting_orders_majority_wins", "csv", table(rows, ACLED_COLS),
     **warned(5, 4, issues=[dict(line=5, record=4, column="event_date", code="date_invalid")]))

# ---------------------------------------------------------------- D. numbers
vals = ["10+", "~20", "approx. 20", "5-10", ">100", "dozens", "unknown", "N/A", "-", "", "0"]
rows = acled(len(vals))
for r, v in zip(rows, vals):
    r["fatalities"] = v
case("numbers", "fatality_words_and_ranges", "csv", table(rows, ACLED_COLS),
     **warned(11, 11, warnings=["fatalities_unreadable"], events=11, civilian_fatalities=0, fatalities_unknown=10))
rows = acled(3)
for r, v in zip(rows, ["1,234", "1.234", "3.0"]):
    r["fatalities"] = v
case("numbers", "thousands_separators", "csv", table(rows, ACLED_COLS), **ok(3, civilian_fatalities=2471))
rows = acled(2)
rows[0]["fatalities"] = "12,5"
case("numbers", "decimal_comma", "csv", table(rows, ACLED_COLS), **warned(2, 2, warnings=["fatalities_unreadable"], civilian_fatalities=1))
rows = acled(3)
for r, v in zip(rows, ["-3", "1e3", "2"]):
    r["fatalities"] = v
case("numbers", "negative_and_exponent", "csv", table(rows, ACLED_COLS), **warned(3, 3, warnings=["fatalities_negative"], civilian_fatalities=1002))
rows = acled(4)
for r, v in zip(rows, ["#N/A", "#REF!", "#VALUE!", "#DIV/0!"]):
    r["fatalities"] = v
case("numbers", "excel_error_values", "csv", table(rows, ACLED_COLS), **warned(4, 4, warnings=["fatalities_unreadable"], fatalities_unknown=4))
body = "Date,Region,Killed\n2021-01-05,North,\n2021-01-06,South,0\n2021-01-07,South,3\n"
case("numbers", "blank_is_not_zero", "csv", body, mapping="blank_is_not_zero.ron",
     extra={"blank_is_not_zero.ron": '(date: "Date", admin1: Some("Region"), fatalities: Some("Killed"))'},
     **warned(3, 3, warnings=["fatalities_unreadable"], events=3, civilian_fatalities=3, fatalities_unknown=1))
rows = acled(2)
rows[0]["fatalities"] = "9999999"
case("numbers", "huge_outlier", "csv", table(rows, ACLED_COLS), **warned(2, 2, warnings=["fatalities_outlier"], civilian_fatalities=10000000))

# -------------------------------------------------------------- E. geography
rows = acled(3)
rows[0]["admin1"] = ""
case("geography", "missing_admin1", "csv", table(rows, ACLED_COLS), **ok(3, regions=["(unknown)", "Kidal", "Segou"]))
rows = acled(3)
for r, a in zip(rows, ["South Darfur state", "South Darfur", "SOUTH DARFUR STATE"]):
    r["admin1"] = a
case("geography", "state_suffix", "csv", table(rows, ACLED_COLS), **ok(3, regions=["South Darfur"]))
rows = acled(3)
for r, a in zip(rows, ["Tillabéri", "Tillaberi", "Tillabéri"]):
    r["admin1"] = a
case("geography", "accent_variants", "csv", table(rows, ACLED_COLS), **ok(3, regions=["Tillabéri"]))
rows = acled(2)
rows[0]["latitude"], rows[0]["longitude"] = "0", "0"
case("geography", "zero_zero", "csv", table(rows, ACLED_COLS), **warned(2, 2, warnings=["coordinates_zero"], with_points=1))
rows = acled(2)
rows[0]["latitude"] = "95.2"
case("geography", "out_of_range", "csv", table(rows, ACLED_COLS), **warned(2, 2, warnings=["coordinates_out_of_range"], with_points=1))
rows = acled(3)
for r in rows:
    r["longitude"] = "-12.75"
case("geography", "negative_longitudes", "csv", table(rows, ACLED_COLS), **ok(3, with_points=3))

# ------------------------------------------------------------- F. duplicates
rows = acled(4)
rows[3]["event_id_cnty"] = rows[1]["event_id_cnty"]
case("duplicates", "repeated_event_id", "csv", table(rows, ACLED_COLS),
     **warned(4, 3, issues=[dict(line=5, column="event_id_cnty", code="duplicate_event_id")]))
legacy_cols = ["data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
               "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
               "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
               "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp", "iso3"]
rows = acled(4)
for k, r in enumerate(rows):
    r["inter1"] = "1"
    r["inter2"] = "7" if k < 3 else "2"
    r["event_type"] = "Battles" if k == 0 else r["event_type"]
    r["data_id"] = str(1000 + k)
    r["iso3"] = "TST"
# Row 1 is a battle whose second actor is civilians (inter2 = 7): civilian harm by §3.
case("duplicates", "legacy_numeric_inter", "csv", table(rows, legacy_cols), **ok(4, events=4))
old_cols = ["GWNO", "EVENT_ID_CNTY", "EVENT_ID_NO_CNTY", "EVENT_DATE", "YEAR", "TIME_PRECISION", "EVENT_TYPE",
            "ACTOR1", "ALLY_ACTOR_1", "INTER1", "ACTOR2", "ALLY_ACTOR_2", "INTER2", "INTERACTION", "COUNTRY",
            "ADMIN1", "ADMIN2", "ADMIN3", "LOCATION", "LATITUDE", "LONGITUDE", "GEO_PRECISION", "SOURCE", "NOTES",
            "FATALITIES"]
rows = []
for k in range(4):
    r = {c: "" for c in old_cols}
    r.update({"GWNO": "432", "EVENT_ID_CNTY": f"OLD{k}", "EVENT_DATE": ["25/03/2012", "01/04/2012", "13/05/2012", "02/06/2012"][k],
              "YEAR": "2012", "TIME_PRECISION": "1",
              "EVENT_TYPE": ["Violence against civilians", "Battle-No change of territory", "Riots/Protests", "Violence against civilians"][k],
              "ACTOR1": ["Unidentified Armed Group (Testland)", "Military Forces of Testland", "Protesters (Testland)", "Ségou Militia"][k],
              "INTER1": ["3", "1", "6", "4"][k], "ACTOR2": "Civilians (Testland)" if k in (0, 3) else "",
              "INTER2": "7" if k in (0, 3) else "0", "COUNTRY": "Testland", "ADMIN1": "Ségou", "FATALITIES": "2"})
    rows.append(r)
case("duplicates", "very_old_uppercase_cp1252_crlf", "csv", table(rows, old_cols, nl="\r\n").encode("cp1252"),
     **ok(4, events=2, civilian_fatalities=4, date_span=["2012-03-25", "2012-06-02"], perpetrators=["identity_militias", "unidentified"]))

# ------------------------------------------------------------ G. spreadsheets
def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(v):
    return str(v).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def sheet_xml(rows, merges=(), dimension=None, extra_empty_rows=0):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
    if dimension:
        out.append(f'<dimension ref="{dimension}"/>')
    out.append("<sheetData>")
    for ri, row in enumerate(rows):
        cells = []
        for ci, v in enumerate(row):
            ref = f"{col_letter(ci)}{ri + 1}"
            if v is None or v == "":
                continue
            if isinstance(v, tuple):
                kind, val = v
                if kind == "date":
                    cells.append(f'<c r="{ref}" s="1"><v>{val}</v></c>')
                elif kind == "err":
                    cells.append(f'<c r="{ref}" t="e"><v>{esc(val)}</v></c>')
                elif kind == "formula":
                    f, cached = val
                    cells.append(f'<c r="{ref}"><f>{esc(f)}</f><v>{cached}</v></c>')
                elif kind == "num":
                    cells.append(f'<c r="{ref}"><v>{val}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{esc(v)}</t></is></c>')
        out.append(f'<row r="{ri + 1}">' + "".join(cells) + "</row>")
    for k in range(extra_empty_rows):
        out.append(f'<row r="{len(rows) + k + 1}"><c r="A{len(rows) + k + 1}" s="0"/></row>')
    out.append("</sheetData>")
    if merges:
        out.append(f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>")
    out.append("</worksheet>")
    return "".join(out)


def xlsx(sheets, date1904=False):
    """sheets: list of (name, xml, hidden)."""
    b = io.BytesIO()
    z = zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED)
    ct = ['<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>',
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>']
    for i in range(len(sheets)):
        ct.append(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
    ct.append("</Types>")
    z.writestr("[Content_Types].xml", "".join(ct))
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = ['<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">']
    if date1904:
        wb.append('<workbookPr date1904="1"/>')
    wb.append("<sheets>")
    rels = ['<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    for i, (name, xml, hidden) in enumerate(sheets):
        state = ' state="hidden"' if hidden else ""
        wb.append(f'<sheet name="{esc(name)}" sheetId="{i + 1}"{state} r:id="rId{i + 1}"/>')
        rels.append(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>')
        z.writestr(f"xl/worksheets/sheet{i + 1}.xml", xml)
    n = len(sheets)
    rels.append(f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>')
    rels.append("</Relationships>")
    wb.append("</sheets></workbook>")
    z.writestr("xl/workbook.xml", "".join(wb))
    z.writestr("xl/_rels/workbook.xml.rels", "".join(rels))
    z.writestr("xl/styles.xml", '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')
    z.close()
    return b.getvalue()


XCOLS = ["Incident date", "State", "Perpetrator", "Killed"]
XMAP = '(date: "Incident date", admin1: Some("State"), perpetrator: Some("Perpetrator"), fatalities: Some("Killed"), perpetrator_values: {"Army": state_forces, "Opposition Group": rebel_groups})'
xrows = [XCOLS,
         [("date", 44200), "North Darfur", "Army", ("num", 2)],
         [("date", 44201), "South Darfur", "Opposition Group, ", ("num", 1)],
         [("date", 44210), "North Darfur", "Army", ("num", 0)]]
meta = sheet_xml([["Citation", "Synthetic workbook for tests"], ["Licence", "CC0"]])
case("spreadsheet", "data_on_second_sheet", "xlsx", xlsx([("MetaData&Notes", meta, False), ("Data", sheet_xml(xrows), False)]),
     mapping="xlsx.ron", extra={"xlsx.ron": XMAP},
     **ok(3, events=3, civilian_fatalities=3, date_span=["2021-01-04", "2021-01-14"], perpetrators=["rebel_groups", "state_forces"]))
case("spreadsheet", "hidden_sheet_present", "xlsx", xlsx([("Data", sheet_xml(xrows), False), ("Names", sheet_xml([["Name"], ["Fake Person"]]), True)]),
     mapping="xlsx.ron", **ok(3))
mrows = [["Synthetic incident log", None, None, None], XCOLS,
         [("date", 44200), "North Darfur", "Army", ("num", 2)],
         [("date", 44201), None, "Army", ("num", 1)]]
case("spreadsheet", "merged_header_and_body", "xlsx", xlsx([("Log", sheet_xml(mrows, merges=["A1:D1", "B3:B4"]), False)]),
     mapping="xlsx.ron", **ok(2, regions=["North Darfur"]))
frows = [XCOLS, [("date", 44200), "North Darfur", "Army", ("formula", ("1+1", 2))],
         [("date", 44201), "North Darfur", "Army", ("formula", ("A1", ""))]]
case("spreadsheet", "formulas_with_and_without_cached_values", "xlsx", xlsx([("Data", sheet_xml(frows), False)]),
     mapping="xlsx.ron", **warned(2, 2, warnings=["fatalities_unreadable"], civilian_fatalities=2))
erows = [XCOLS, [("date", 44200), "=cmd|' /C calc'!A0", "Army", ("num", 1)], [("date", 44201), "+North", "Army", ("num", 1)]]
case("spreadsheet", "text_starting_with_equals", "xlsx", xlsx([("Data", sheet_xml(erows), False)]),
     mapping="xlsx.ron", **ok(2))
trows = [XCOLS, ["2021-01-05", "North Darfur", "Army", "3"], ["2021-01-06", "North Darfur", "Army", ("num", "2.0")],
         [("num", "44203"), "North Darfur", "Army", "1"]]
case("spreadsheet", "numbers_as_text_and_floats", "xlsx", xlsx([("Data", sheet_xml(trows), False)]),
     mapping="xlsx.ron", **ok(3, civilian_fatalities=6, date_span=["2021-01-05", "2021-01-07"]))
lrows = [XCOLS + ["Narrative"], [("date", 44200), "North Darfur", "Army", ("num", 1), "x" * 40000]]
case("spreadsheet", "huge_cell", "xlsx", xlsx([("Data", sheet_xml(lrows), False)]), mapping="xlsx.ron", **ok(1))
case("spreadsheet", "encrypted_looking_ole", "xlsx", bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + b"\x00" * 2000,
     **refused("workbook"))
good = xlsx([("Data", sheet_xml(xrows), False)])
case("spreadsheet", "truncated_zip", "xlsx", good[: len(good) // 2], **refused("workbook"))
case("spreadsheet", "xlsx_named_csv", "csv", good, mapping="xlsx.ron", **ok(3))
case("spreadsheet", "csv_named_xlsx", "xlsx", table(acled(3), ACLED_COLS), **ok(3))
case("spreadsheet", "date1904_workbook", "xlsx", xlsx([("Data", sheet_xml(xrows), False)], date1904=True),
     mapping="xlsx.ron", **ok(3, date_span=["2025-01-05", "2025-01-15"]))
case("spreadsheet", "used_range_of_empty_rows", "xlsx",
     xlsx([("Data", sheet_xml(xrows, dimension="A1:D100000", extra_empty_rows=20000), False)]), mapping="xlsx.ron", **ok(3))
er = [XCOLS, [("date", 44200), "North Darfur", "Army", ("err", "#N/A")], [("date", 44201), "North Darfur", "Army", ("err", "#DIV/0!")]]
case("spreadsheet", "error_value_cells", "xlsx", xlsx([("Data", sheet_xml(er), False)]), mapping="xlsx.ron",
     **warned(2, 2, warnings=["fatalities_unreadable"], fatalities_unknown=2))
hx = [["Date", "State", "Group", "Killed"], ["#date", "#adm1 +name", "#group +name +first", "#affected +killed"],
      ["2021-01-05", "North Darfur", "Army", "2"], ["2021-01-06", "North Darfur", "Unknown", "1"]]
case("spreadsheet", "hxl_row_with_spaces", "xlsx", xlsx([("Data", sheet_xml(hx), False)]),
     **ok(2, civilian_fatalities=3, perpetrators=["state_forces", "unidentified"]))

agg = [["Country", "Admin1", "Admin2", "ISO3", "Admin2 Pcode", "Admin1 Pcode", "Month", "Year", "Events", "Fatalities"],
       ["Testland", "North", "District A", "TST", "TS0101", "TS01", "January", ("num", 2021), ("num", 4), ("num", 7)]]
case("spreadsheet", "acled_aggregated_workbook", "xlsx",
     xlsx([("Non_HRP", sheet_xml([["Country", "Month", "Year", "Events", "Fatalities"], ["Testland", "January", ("num", 2021), ("num", 4), ("num", 7)]]), False),
           ("HRP_1", sheet_xml(agg), False)]),
     **refused("not_a_table"))

# --------------------------------------------------------- M. mapping files
case("mapping", "mapping_syntax_error", "csv", "Date,Region\n2021-01-01,North\n", mapping="mapping_syntax_error.ron",
     extra={"mapping_syntax_error.ron": '(\n  date: "Date",\n  admin1: Some("Region"\n)'}, **refused("mapping"))
case("mapping", "mapping_names_missing_column", "csv", "Date,Region\n2021-01-01,North\n", mapping="mapping_names_missing_column.ron",
     extra={"mapping_names_missing_column.ron": '(date: "Date", admin1: Some("Province"))'}, **refused("missing_column"))
case("mapping", "unknown_shape_without_mapping", "csv", "Date,Region\n2021-01-01,North\n", **refused("unknown_shape"))
case("mapping", "acled_missing_required_column", "csv", table(acled(2), [c for c in ACLED_COLS if c != "fatalities"]),
     **refused("missing_column"))
case("mapping", "unmapped_perpetrator_values", "csv", "Date,Region,Perpetrator\n2021-01-01,North,Army\n2021-01-02,North,Zorblax\n",
     mapping="unmapped_perpetrator_values.ron",
     extra={"unmapped_perpetrator_values.ron": '(date: "Date", admin1: Some("Region"), perpetrator: Some("Perpetrator"))'},
     **warned(2, 2, warnings=["unmapped_perpetrator"], perpetrators=["other", "state_forces"]))
case("mapping", "header_row_given_in_mapping", "csv", "junk,junk\nmore junk,x\nDate,Region\n2021-01-01,North\n",
     mapping="header_row_given_in_mapping.ron",
     extra={"header_row_given_in_mapping.ron": '(header_row: Some(3), date: "Date", admin1: Some("Region"))'},
     **ok(1, regions=["North"]))

# Parameterised families (scripts/corpus_families.py), with the helpers above.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus_families.py"), encoding="utf-8") as f:
    exec(f.read())
# Issue #16's classes (scripts/corpus_hardening.py).
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus_hardening.py"), encoding="utf-8") as f:
    exec(f.read())
# Issue #16's workbook classes (scripts/corpus_workbooks.py).
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus_workbooks.py"), encoding="utf-8") as f:
    exec(f.read())

# ----------------------------------------------------------------- writing
def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


if os.path.isdir(ROOT):
    shutil.rmtree(ROOT)
for cat, name, ext, data, expect, extra in cases:
    d = os.path.join(ROOT, cat)
    os.makedirs(d, exist_ok=True)
    expect = dict(expect)
    expect["file"] = f"{name}.{ext}"
    with open(os.path.join(d, f"{name}.{ext}"), "wb") as f:
        f.write(data)
    for fname, text in extra.items():
        with open(os.path.join(d, fname), "w", encoding="utf-8") as f:
            f.write(text + "\n")
    with open(os.path.join(d, f"{name}.expect.toml"), "w", encoding="utf-8") as f:
        for k, v in expect.items():
            if k == "issues":
                continue
            f.write(f"{k} = {toml_value(v)}\n")
        for issue in expect.get("issues", []):
            f.write("\n[[issues]]\n")
            for k, v in issue.items():
                f.write(f"{k} = {toml_value(v)}\n")
print(f"{len(cases)} cases written under {os.path.relpath(ROOT)}")

# Parameterised families of bad-input cases, run by make_corpus.py (exec'd
# after its hand-written cases, so it uses the same helpers: case, acled,
# acled_row, table, ok, warned, refused, urow, ut, xlsx, sheet_xml, XCOLS).
# Each family varies one thing across its whole range; the expectation of
# every case is written from what an analyst would want, not from a run.

import itertools

# ------------------------------------------------ dialects: delimiter × newline × BOM
for (dn, d), (nn, nl), (bn, bom) in itertools.product(
        [("comma", ","), ("semicolon", ";"), ("tab", "\t"), ("pipe", "|")],
        [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")],
        [("nobom", b""), ("bom", b"\xef\xbb\xbf")]):
    case("structure", f"dialect_{dn}_{nn}_{bn}", "csv", bom + table(acled(5), ACLED_COLS, d=d, nl=nl).encode(),
         **ok(5, events=5, civilian_fatalities=5))
# UCDP files in every delimiter, with and without BOM.
for (dn, d), (bn, bom) in itertools.product([("comma", ","), ("semicolon", ";"), ("tab", "\t"), ("pipe", "|")],
                                            [("nobom", b""), ("bom", b"\xef\xbb\xbf")]):
    rows = [urow(i, f"2020-0{i}-1{i}") for i in range(1, 4)]
    text = d.join(UCDP_COLS) + "\n" + "".join(d.join(csv_cell(r.get(c, ""), d) for c in UCDP_COLS) + "\n" for r in rows)
    case("structure", f"ucdp_dialect_{dn}_{bn}", "csv", bom + text.encode(),
         **ok(3, events=3, civilian_fatalities=6, regions=["North Darfur"]))

# ----------------------------------------------------------- encodings × source
def encode(text, enc):
    if enc == "utf8":
        return text.encode("utf-8")
    if enc == "utf8_bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if enc == "utf16le_bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if enc == "utf16be_bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    if enc == "utf16le_nobom":
        return text.encode("utf-16-le")
    if enc == "utf16be_nobom":
        return text.encode("utf-16-be")
    return text.encode("cp1252")


for enc in ["utf8", "utf8_bom", "utf16le_bom", "utf16be_bom", "utf16le_nobom", "utf16be_nobom", "cp1252"]:
    rows = acled(5, admin1="Ségou")
    case("encoding", f"acled_{enc}_accented_region", "csv", encode(table(rows, ACLED_COLS), enc),
         **ok(5, regions=["Ségou"], events=5))
    urows = [urow(i, f"2020-01-1{i}", adm="Kordofan Méridional") for i in range(1, 4)]
    case("encoding", f"ucdp_{enc}_accented_region", "csv", encode(ut(urows), enc),
         **ok(3, regions=["Kordofan Méridional"], events=3))

# Invisible and direction marks around a region name: all are dropped.
for name, mark in [("lrm", "\u200e"), ("rlm", "\u200f"), ("lre", "\u202a"), ("rle", "\u202b"),
                   ("pdf", "\u202c"), ("lro", "\u202d"), ("rlo", "\u202e"), ("lri", "\u2066"),
                   ("rli", "\u2067"), ("fsi", "\u2068"), ("pdi", "\u2069"), ("zwsp", "\u200b"),
                   ("zwnj", "\u200c"), ("zwj", "\u200d"), ("word_joiner", "\u2060"), ("nbsp", "\u00a0"),
                   ("alm", "\u061c")]:
    rows = acled(4, admin1="Mopti")
    rows[1]["admin1"] = mark + "Mopti" + mark
    rows[2]["admin1"] = "Mop" + mark + "ti" if name not in ("nbsp",) else "Mopti" + mark
    case("encoding", f"mark_{name}_in_region", "csv", table(rows, ACLED_COLS), **ok(4, regions=["Mopti"]))
# Arabic-script region names with a right-to-left mark stay one region.
rows = acled(3, admin1="شمال دارفور")
rows[0]["admin1"] = "\u200fشمال دارفور"
case("encoding", "arabic_region_with_rlm", "csv", table(rows, ACLED_COLS), **ok(3, regions=["شمال دارفور"]))
# NUL bytes inside fields: the row survives, the NUL does not reach a name.
rows = acled(3)
rows[0]["notes"] = "note\x00with NUL"
rows[1]["actor1"] = "Military Forces of Testland\x00 (2019-)"
rows[2]["admin1"] = "Gao\x00"
case("encoding", "nul_in_names_and_notes", "csv", table(rows, ACLED_COLS), **ok(3, regions=["Gao", "Segou"]))

# ------------------------------------------------------------------ date forms
DAYS = [(2021, 1, 5), (2021, 2, 17), (2021, 11, 30)]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
forms = {
    "iso": lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}",
    "iso_slash": lambda y, m, d: f"{y:04d}/{m:02d}/{d:02d}",
    "iso_dot": lambda y, m, d: f"{y:04d}.{m:02d}.{d:02d}",
    "iso_with_time": lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d} 14:30:00",
    "iso_t_time": lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}T14:30:00",
    "dd_mm_yyyy_slash": lambda y, m, d: f"{d:02d}/{m:02d}/{y:04d}",
    "dd_mm_yyyy_dash": lambda y, m, d: f"{d:02d}-{m:02d}-{y:04d}",
    "dd_mm_yyyy_dot": lambda y, m, d: f"{d:02d}.{m:02d}.{y:04d}",
    "d_m_yyyy_unpadded": lambda y, m, d: f"{d}/{m}/{y}",
    "mm_dd_yyyy_slash": lambda y, m, d: f"{m:02d}/{d:02d}/{y:04d}",
    "mm_dd_yyyy_time": lambda y, m, d: f"{m:02d}/{d:02d}/{y:04d} 00:00:00",
    "dd_month_yyyy": lambda y, m, d: f"{d:02d} {MONTHS[m - 1]} {y}",
    "d_mon_yyyy": lambda y, m, d: f"{d} {MONTHS[m - 1][:3]} {y}",
    "dd_month_dash_yyyy": lambda y, m, d: f"{d:02d}-{MONTHS[m - 1]}-{y}",
    "compact_yyyymmdd": lambda y, m, d: f"{y:04d}{m:02d}{d:02d}",
    "padded_with_spaces": lambda y, m, d: f"  {y:04d}-{m:02d}-{d:02d}  ",
}
for name, f in forms.items():
    rows = acled(3)
    for r, (y, m, d) in zip(rows, DAYS):
        r["event_date"] = f(y, m, d)
    case("dates", f"form_{name}", "csv", table(rows, ACLED_COLS), **ok(3, date_span=["2021-01-05", "2021-11-30"]))
# Excel serials written as text (1900 system): 44201 = 2021-01-05.
rows = acled(3)
for r, s in zip(rows, ["44201", "44244", "44530"]):
    r["event_date"] = s
case("dates", "form_excel_serial_text", "csv", table(rows, ACLED_COLS), **ok(3, date_span=["2021-01-05", "2021-11-30"]))
# Dates that do not exist or lie outside 1900–2100 are rejected with the row named.
for name, bad, code in [("feb_29_non_leap", "2021-02-29", "date_invalid"), ("april_31", "31/04/2021", "date_invalid"),
                        ("month_13_iso", "2021-13-01", "date_invalid"), ("year_1850", "1850-06-01", "date_out_of_range"),
                        ("year_2150", "2150-06-01", "date_out_of_range"),
                        # Year 0 is outside 1900–2100 before its month 0 is looked at.
                        ("zeros", "0000-00-00", "date_out_of_range")]:
    rows = acled(3)
    rows[1]["event_date"] = bad
    case("dates", f"invalid_{name}", "csv", table(rows, ACLED_COLS),
         **warned(3, 2, issues=[dict(line=3, record=2, column="event_date", code=code)]))
rows = acled(2)
rows[0]["event_date"] = "2020-02-29"
case("dates", "leap_day_2020", "csv", table(rows, ACLED_COLS), **ok(2, date_span=["2020-02-29", "2020-03-15"]))
# The UCDP web export writes MM/DD/YYYY HH:MM:SS; a day above 12 settles it.
for i, (y, m, d) in enumerate(DAYS):
    case("dates", f"ucdp_export_form_{i}", "csv",
         ut([urow(1, f"{m:02d}/{d:02d}/{y} 00:00:00"), urow(2, "06/30/2021 00:00:00")]),
         **ok(2, date_span=sorted([f"{y:04d}-{m:02d}-{d:02d}", "2021-06-30"])))

# ------------------------------------------------------------- fatality tokens
readable = {"zero": ("0", 0), "spaces": (" 7 ", 7), "leading_zeros": ("007", 7), "thousands_comma": ("1,234", 1234),
            "thousands_dot": ("1.234", 1234), "point_zero": ("3.0", 3), "exponent": ("1e3", 1000),
            "plus_sign": ("+4", 4)}
for name, (tok, v) in readable.items():
    rows = acled(2)
    rows[0]["fatalities"] = tok
    case("numbers", f"fatalities_{name}", "csv", table(rows, ACLED_COLS), **ok(2, civilian_fatalities=v + 1, fatalities_unknown=0))
unreadable = {"ten_plus": "10+", "tilde": "~20", "approx": "approx. 20", "range": "5-10", "greater": ">100",
              "dozens": "dozens", "unknown": "unknown", "na": "N/A", "dash": "-", "blank": "", "err_na": "#N/A",
              "err_value": "#VALUE!", "err_ref": "#REF!", "err_div0": "#DIV/0!", "err_name": "#NAME?",
              "err_null": "#NULL!", "err_num": "#NUM!", "decimal_comma": "12,5", "fraction": "2.5",
              "words_with_number": "at least 12"}
for name, tok in unreadable.items():
    rows = acled(2)
    rows[0]["fatalities"] = tok
    case("numbers", f"fatalities_{name}", "csv", table(rows, ACLED_COLS),
         **warned(2, 2, warnings=["fatalities_unreadable"], events=2, civilian_fatalities=1, fatalities_unknown=1,
                  issues=[dict(line=2, record=1, column="fatalities", code="fatalities_unreadable")]))
rows = acled(2)
rows[0]["fatalities"] = "-3"
case("numbers", "fatalities_negative", "csv", table(rows, ACLED_COLS),
     **warned(2, 2, warnings=["fatalities_negative"], civilian_fatalities=1, fatalities_unknown=1))

# ------------------------------------------------------------------- geography
coord_cases = {
    "zero_zero": ("0", "0", "coordinates_zero", 0),
    "lat_95": ("95", "10", "coordinates_out_of_range", 0),
    "lon_200": ("10", "200", "coordinates_out_of_range", 0),
    "swapped_out_of_range": ("-120.5", "14.5", "coordinates_out_of_range", 0),
}
for name, (lat, lon, code, pts) in coord_cases.items():
    rows = acled(2)
    rows[0]["latitude"], rows[0]["longitude"] = lat, lon
    case("geography", f"coords_{name}", "csv", table(rows, ACLED_COLS), **warned(2, 2, warnings=[code], with_points=1 + pts))
for name, (lat, lon) in {"blank": ("", ""), "south_west": ("-12.25", "-45.75"), "high_precision": ("14.123456", "-4.987654"),
                         "integers": ("14", "-4")}.items():
    rows = acled(2)
    rows[0]["latitude"], rows[0]["longitude"] = lat, lon
    case("geography", f"coords_{name}", "csv", table(rows, ACLED_COLS), **ok(2, with_points=1 if name == "blank" else 2))
for name, variant in {"padded": "  Mopti  ", "upper": "MOPTI", "lower": "mopti", "state_suffix": "Mopti State",
                      "province_suffix": "Mopti Province", "punctuation": "Mopti."}.items():
    rows = acled(3, admin1="Mopti")
    rows[0]["admin1"] = variant
    case("geography", f"region_{name}", "csv", table(rows, ACLED_COLS), **ok(3, regions=["Mopti"]))
rows = acled(4)
for r in rows:
    r["admin1"] = ""
case("geography", "all_regions_blank", "csv", table(rows, ACLED_COLS), **ok(4, regions=["(unknown)"]))

# ------------------------------------------------------------------ duplicates
for k in range(2, 6):
    rows = acled(5)
    rows += [dict(rows[0]) for _ in range(k - 1)]
    case("duplicates", f"event_id_{k}_times", "csv", table(rows, ACLED_COLS),
         **dict(outcome="accept_with_warnings", rows_read=4 + k, rows_kept=5, rows_rejected=k - 1, warnings=["duplicate_event_id"]))
rows = acled(4)
for r in rows:
    r["event_id_cnty"] = ""
case("duplicates", "blank_event_ids_are_not_repeats", "csv", table(rows, ACLED_COLS), **ok(4, events=4))
rows = acled(3)
rows[2]["event_id_cnty"] = rows[0]["event_id_cnty"]
rows[2]["fatalities"] = "9"
case("duplicates", "repeated_id_different_content", "csv", table(rows, ACLED_COLS),
     **dict(outcome="accept_with_warnings", rows_read=3, rows_kept=2, rows_rejected=1, warnings=["duplicate_event_id"],
            civilian_fatalities=2))

# ------------------------------------------------------ header and title rows
for n in range(1, 7):
    pre = "".join(f"Synthetic export, title line {i}\n" for i in range(n))
    case("structure", f"title_rows_{n}", "csv", pre + table(acled(5), ACLED_COLS), **ok(5))
for n in range(1, 4):
    case("structure", f"blank_lines_before_header_{n}", "csv", "\n" * n + table(acled(5), ACLED_COLS), **ok(5))
shuffles = {"reversed": list(reversed(ACLED_COLS)), "rotated": ACLED_COLS[7:] + ACLED_COLS[:7],
            "sorted": sorted(ACLED_COLS)}
for name, cols in shuffles.items():
    case("structure", f"columns_{name}", "csv", table(acled(5), cols), **ok(5, events=5, civilian_fatalities=5))
case("structure", "header_upper_case", "csv",
     ",".join(c.upper() for c in ACLED_COLS) + "\n" + table(acled(5), ACLED_COLS, header=False), **ok(5))
case("structure", "extra_unknown_columns", "csv", table([dict(r, extra1="x", extra2="y") for r in acled(5)], ACLED_COLS + ["extra1", "extra2"]), **ok(5))
for name, label in {"total": "Total", "upper_total": "TOTAL", "grand_total": "Grand total", "sum": "Sum"}.items():
    total = {c: "" for c in ACLED_COLS}
    total.update(event_id_cnty=label, fatalities="15")
    t = table(acled(5) + [total], ACLED_COLS)
    case("structure", f"totals_row_{name}", "csv", t,
         **warned(6, 5, issues=[dict(line=7, record=6, column="event_date", code="date_blank")]))

# --------------------------------------------------------------- ragged rows
for k in (1, 2, 5):
    lines = table(acled(3), ACLED_COLS).rstrip("\n").split("\n")
    lines[2] = lines[2].rsplit(",", k)[0]
    case("structure", f"row_short_by_{k}", "csv", "\n".join(lines) + "\n", **warned(3, 3, warnings=["short_row"]))
for k in (1, 2, 5):
    lines = table(acled(3), ACLED_COLS).rstrip("\n").split("\n")
    lines[2] = lines[2] + ",extra" * k
    case("structure", f"row_long_by_{k}", "csv", "\n".join(lines) + "\n", **warned(3, 3, warnings=["long_row"]))

# ------------------------------------------------------- multi-line and huge fields
for name, note in {"lf": "line one\nline two", "crlf": "line one\r\nline two", "many": "a\nb\nc\nd\ne\nf",
                   "quoted_comma_newline": 'he said, "go"\nthen left'}.items():
    case("structure", f"multiline_notes_{name}", "csv", table(acled(4, notes=note), ACLED_COLS), **ok(4, events=4))
for name, size in {"100k": 100_000, "1m": 1_000_000}.items():
    rows = acled(3)
    rows[1]["notes"] = "x" * size
    case("structure", f"huge_note_{name}", "csv", table(rows, ACLED_COLS), **ok(3, events=3))
rows = acled(3, admin1="Mopti")
rows[0]["actor1"] = "A" * 50_000
case("structure", "huge_actor_name", "csv", table(rows, ACLED_COLS), **ok(3, events=3))

# ------------------------------------------------------------ ACLED inter codes
inter_cases = {
    "state_text": ("State forces", "state_forces"), "state_numeric": ("1", "state_forces"),
    "state_lower": ("state forces", "state_forces"), "state_upper": ("STATE FORCES", "state_forces"),
    "rebel_text": ("Rebel group", "rebel_groups"), "rebel_plural": ("Rebel groups", "rebel_groups"),
    "rebel_numeric": ("2", "rebel_groups"), "political_text": ("Political militia", "political_militias"),
    "political_numeric": ("3", "political_militias"), "identity_text": ("Identity militia", "identity_militias"),
    "identity_numeric": ("4", "identity_militias"), "rioters_text": ("Rioters", "rioters"),
    "protesters_numeric": ("6", "protesters"), "external_text": ("External/Other forces", "external_forces"),
    "external_numeric": ("8", "external_forces"),
}
for name, (code, key) in inter_cases.items():
    rows = acled(2)
    for r in rows:
        r["inter1"] = code
        r["actor1"] = "Synthetic Armed Group"
    case("actors", f"inter1_{name}", "csv", table(rows, ACLED_COLS), **ok(2, perpetrators=[key]))
rows = acled(2)
rows[0]["inter1"] = "99"
rows[0]["actor1"] = "Synthetic Armed Group"
case("actors", "inter1_unknown_code", "csv", table(rows, ACLED_COLS),
     **warned(2, 2, warnings=["unknown_inter_code"], perpetrators=["other", "state_forces"]))
rows = acled(2)
rows[0]["actor1"] = "Unidentified Armed Group (Testland)"
rows[0]["inter1"] = "Political militia"
case("actors", "unidentified_actor_name_wins", "csv", table(rows, ACLED_COLS), **ok(2, perpetrators=["state_forces", "unidentified"]))
rows = acled(2)
rows[0]["actor1"] = ""
rows[0]["inter1"] = ""
case("actors", "empty_actor_is_unidentified", "csv", table(rows, ACLED_COLS), **ok(2, perpetrators=["state_forces", "unidentified"]))
# UCDP: the government of the event's own country is state forces; another's is external.
case("actors", "ucdp_foreign_government", "csv",
     ut([dict(urow(1, "2020-01-05"), side_a="Government of Otherland"), urow(2, "2020-01-06")]),
     **ok(2, perpetrators=["external_forces", "state_forces"]))
case("actors", "ucdp_non_state_side", "csv",
     ut([dict(urow(1, "2020-01-05"), side_a="Synthetic Liberation Army"), urow(2, "2020-01-06")]),
     **ok(2, perpetrators=["non_state_armed_groups", "state_forces"]))
case("actors", "ucdp_state_based_with_civilian_deaths", "csv",
     ut([urow(1, "2020-01-05", tov="1", dc="4"), urow(2, "2020-01-06", tov="2", dc="0")]),
     **ok(2, events=1, civilian_fatalities=4, perpetrators=["unattributed"]))

# ------------------------------------------------------------- Excel traps
def xcase(name, rows, date1904=False, **expect):
    case("spreadsheet", name, "xlsx", xlsx([("Data", sheet_xml([XCOLS] + rows), False)], date1904=date1904),
         mapping="xlsx.ron", **expect)


xcase("serial_1900_leap_bug_61", [[("date", 61), "North Darfur", "Army", ("num", 1)]], **ok(1, date_span=["1900-03-01", "1900-03-01"]))
xcase("serial_1904_epoch", [[("date", 42738), "North Darfur", "Army", ("num", 1)]], date1904=True,
      **ok(1, date_span=["2021-01-04", "2021-01-04"]))
xcase("serial_with_time_fraction", [[("date", "44200.75"), "North Darfur", "Army", ("num", 1)]], **ok(1, date_span=["2021-01-04", "2021-01-04"]))
xcase("date_as_text_cell", [["2021-01-04", "North Darfur", "Army", ("num", 1)]], **ok(1, date_span=["2021-01-04", "2021-01-04"]))
xcase("killed_as_text_cell", [[("date", 44200), "North Darfur", "Army", "3"]], **ok(1, civilian_fatalities=3))
xcase("killed_float_cell", [[("date", 44200), "North Darfur", "Army", ("num", "3.0")]], **ok(1, civilian_fatalities=3))
xcase("error_cell_in_killed", [[("date", 44200), "North Darfur", "Army", ("err", "#N/A")], [("date", 44201), "North Darfur", "Army", ("num", 2)]],
      **warned(2, 2, warnings=["fatalities_unreadable"], civilian_fatalities=2, fatalities_unknown=1))
xcase("error_cell_in_date", [[("err", "#VALUE!"), "North Darfur", "Army", ("num", 1)], [("date", 44201), "North Darfur", "Army", ("num", 2)]],
      **warned(2, 1, warnings=["date_unreadable"]))

# ------------------------------------------------------------ blank lines, hints
# Empty lines are not records (nothing to count), but the lines after them
# keep their true numbers in the report.
for n in range(1, 4):
    rows = acled(5)
    rows[3]["event_date"] = "2021-02-30"
    lines = table(rows, ACLED_COLS).split("\n")
    lines[3:3] = [""] * n
    case("structure", f"blank_lines_between_rows_{n}", "csv", "\n".join(lines),
         **warned(5, 4, blank_rows=0, issues=[dict(line=5 + n, record=4, column="event_date", code="date_invalid")]))
case("structure", "header_names_quoted", "csv",
     ",".join(f'"{c}"' for c in ACLED_COLS) + "\n" + table(acled(5), ACLED_COLS, header=False), **ok(5))
case("structure", "bom_then_title_rows", "csv",
     b"\xef\xbb\xbf" + ("Synthetic export\nGenerated by a tool\n" + table(acled(5), ACLED_COLS)).encode(), **ok(5))
# Excel's "sep=;" hint line above a semicolon file.
case("structure", "excel_sep_hint_line", "csv", "sep=;\n" + table(acled(5), ACLED_COLS, d=";"), **ok(5, events=5))

#!/usr/bin/env python3
"""An independent recount of violations and victims per perpetrator type x
region for Insecurity Insight incident workbooks, from the raw .xlsx (read
here with zipfile and ElementTree, no third-party package), by its own
reading of METHODOLOGY §7 and FORMATS "Counting Insecurity Insight files".
It shares no code with the Rust crate; tests/monitoring.rs compares it with
`summarize --json` cell by cell.

Usage: reference_monitoring.py FILE.xlsx...
  -> {"cells": [{"perpetrator", "region", "events", "violations", "victims",
                 "civilian_fatalities"}], "totals": {...}}
"""
import json, re, sys, zipfile
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from reference_summarize import clean, key  # noqa: E402  (region naming, METHODOLOGY §3)

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def first_sheet_rows(path):
    """The rows of the workbook's first sheet, as lists of strings."""
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    first = wb.find("m:sheets/m:sheet", NS)
    rid = first.get("{%s}id" % NS["r"])
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = next(r.get("Target") for r in rels if r.get("Id") == rid)
    target = target.lstrip("/")
    if not target.startswith("xl/"):
        target = "xl/" + target
    rows = []
    for row in ET.fromstring(z.read(target)).iter("{%s}row" % NS["m"]):
        cells = {}
        for c in row.findall("m:c", NS):
            t, v = c.get("t"), c.find("m:v", NS)
            if t == "s":
                val = shared[int(v.text)]
            elif t == "inlineStr":
                val = "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"]))
            else:
                val = v.text if v is not None and v.text is not None else ""
            cells[col_index(c.get("r"))] = val
        width = max(cells) + 1 if cells else 0
        rows.append([cells.get(i, "") for i in range(width)])
    return rows


def fold(s):
    return re.sub(r"[^0-9a-z]+", " ", s.lower()).strip()


def unmangle(s):
    """`MÃ©naka` (UTF-8 read as Latin-1 upstream) back to `Ménaka`."""
    if ("Ã" in s or "Â" in s) and all(ord(c) <= 0xFF for c in s):
        try:
            return s.encode("latin-1").decode("utf-8")
        except UnicodeDecodeError:
            return s
    return s


def perp_type(v):
    v = v.strip().rstrip(", ").lower().strip()
    if ("host government" in v or "armed forces of government" in v
            or "government or self-declared government" in v
            or "government/self-declared government" in v or v in ("police", "military")):
        return "state_forces"
    if v.startswith("foreign force"):
        return "external_forces"
    if v in ("nsa", "milcombatant"):
        return "non_state_armed_groups"
    if v == "vigilante":
        return "political_militias"
    if v == "protestors":
        return "protesters"
    if v in ("civilian", "community member", "camp resident", "patient or family"):
        return "civilians"
    if v in ("", "no information", "unknown"):
        return "unidentified"
    return "other"


def num(s, blank):
    s = s.strip()
    if s == "":
        return blank
    return int(float(s))


OUTCOME = [("targeted with crsv", "sexual_violence"), ("killed", "killing"),
           ("injured", "maiming"), ("kidnapped", "abduction"), ("arrested", "arbitrary_detention")]


TYPES = defaultdict(lambda: [0, 0])
GROUPS = Counter()


def records(path):
    rows = first_sheet_rows(path)
    header = [fold(h) for h in rows[0]]
    body = rows[1:]
    if body and all(c.strip().startswith("#") for c in body[0] if c.strip()):
        body = body[1:]
    idx = {h: i for i, h in reversed(list(enumerate(header)))}
    get = lambda r, name: r[idx[name]] if name in idx and idx[name] < len(r) else ""
    perp_col = next(n for n in ("reported perpetrator", "actor type") if n in idx)
    out = []
    for r in body:
        if not any(c.strip() for c in r):
            continue
        date = get(r, "date").strip()
        try:
            float(date)
        except ValueError:
            continue  # blank or unreadable date: rejected
        if "type" in idx and "number of reported victims" in idx:
            violations = 1
            victims = num(get(r, "number of reported victims"), 1)
            fatalities = num(get(r, "reported deaths following the sexual violence"), 0)
            per_type = {"sexual_violence": victims}
        else:
            types, victims, fatalities, per_type = set(), 0, 0, {}
            for i, h in enumerate(header):
                t = next((t for suffix, t in OUTCOME if h.endswith(suffix)), None)
                if t is None:
                    continue
                n = num(r[i] if i < len(r) else "", 0)
                victims += n
                if n > 0:
                    types.add(t)
                    per_type[t] = per_type.get(t, 0) + n
                if t == "killing":
                    fatalities += n
            violations = len(types) or 1
            if not types:
                per_type = {"other": 0}
        # Victims by group: one group where the sex and age cells each
        # name exactly one value, else unknown.
        sex_col = next((n for n in ("survivor or victim sex", "survivor sex") if n in idx), None)
        age_col = next((n for n in ("adult or minor", "survivor or victim minor") if n in idx), None)
        def single(name):
            vals = {v.strip().lower() for v in get(r, name).split(",") if v.strip()} if name else set()
            return vals.pop() if len(vals) == 1 else None
        group = {("female", "adult"): "women", ("male", "adult"): "men", ("female", "minor"): "girls",
                 ("male", "minor"): "boys"}.get((single(sex_col), single(age_col)), "unknown")
        GROUPS[group] += victims
        for t, n in per_type.items():
            TYPES[t][0] += 1
            TYPES[t][1] += n
        out.append((perp_type(get(r, perp_col)), clean(unmangle(get(r, "admin 1"))),
                    unmangle(get(r, "country")), violations, victims, fatalities))
    return out


def main(paths):
    recs = [x for p in paths for x in records(p)]
    multi = len({key(r[2]) for r in recs if key(r[2])}) > 1
    spell, cspell = defaultdict(Counter), defaultdict(Counter)
    for _, a, c, *_ in recs:
        if key(a):
            spell[key(a)][a] += 1
        cspell[key(c)][c] += 1
    best = lambda cnt: sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    cells = defaultdict(lambda: [0, 0, 0, 0])
    for perp, a, c, viol, vict, fat in recs:
        name = best(spell[key(a)]) if key(a) else "(unknown)"
        if multi:
            name = f"{name} ({best(cspell[key(c)]) if key(c) else 'country unknown'})"
        cell = cells[(perp, name)]
        cell[0] += 1
        cell[1] += viol
        cell[2] += vict
        cell[3] += fat
    print(json.dumps({
        "cells": [{"perpetrator": p, "region": r, "events": v[0], "violations": v[1],
                   "victims": v[2], "civilian_fatalities": v[3]}
                  for (p, r), v in sorted(cells.items())],
        "totals": {k: sum(v[i] for v in cells.values())
                   for i, k in enumerate(["events", "violations", "victims", "civilian_fatalities"])},
        "by_violation_type": {t: {"violations": v[0], "victims": v[1]} for t, v in sorted(TYPES.items())},
        "victims_by_group": {g: GROUPS[g] for g in ("women", "men", "girls", "boys", "unknown")},
    }))


if __name__ == "__main__":
    main(sys.argv[1:])

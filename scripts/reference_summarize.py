#!/usr/bin/env python3
"""An independent reading of METHODOLOGY §2-3, written apart from the Rust
code, used by tests/real_files.rs to check `summarize --json` cell by cell.

It handles the shapes in ../shared/data (UCDP GED HDX copy and web export,
ACLED legacy/current exports with or without an HXL row). Usage:
    reference_summarize.py FILE...   -> prints {"cells": [...], "totals": {...}}
"""
import csv, json, sys, unicodedata, re
from collections import defaultdict, Counter

csv.field_size_limit(1 << 30)

def clean(name):
    n = " ".join(name.split())
    low = n.lower()
    for suf in (" state", " province"):
        if low.endswith(suf) and len(n) > len(suf):
            return n[: -len(suf)].rstrip()
    return n

def key(name):
    d = unicodedata.normalize("NFKD", name)
    d = "".join(c for c in d if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", " ", d.lower()).strip()

INTER = {"1": "state_forces", "2": "rebel_groups", "3": "political_militias", "4": "identity_militias",
         "5": "rioters", "6": "protesters", "7": "civilians", "8": "external_forces"}
LABELS = {"state forces": "1", "rebel group": "2", "political militia": "3", "identity militia": "4",
          "rioters": "5", "protesters": "6", "civilians": "7", "external/other forces": "8"}

def inter_code(v):
    v = v.strip()
    if v.lower() in LABELS:
        return LABELS[v.lower()]
    return v

def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header = [h.strip().lower() for h in rows[0]]
    body = rows[1:]
    if body and all(c.strip().startswith("#") for c in body[0] if c.strip()):
        body = body[1:]
    return [dict(zip(header, r)) for r in body if any(c.strip() for c in r)]

def events(path):
    rows = read(path)
    out = []
    for r in rows:
        if "type_of_violence" in r:
            tov = r["type_of_violence"].strip()
            dc = int(r["deaths_civilians"])
            if tov == "3":
                side = r["side_a"].strip()
                if side.lower().startswith("government of "):
                    perp = "state_forces" if side[14:].strip().lower() == r["country"].strip().lower() else "external_forces"
                else:
                    perp = "non_state_armed_groups"
            elif dc > 0:
                perp = "unattributed"
            else:
                continue
            out.append((perp, clean(r.get("adm_1", "")), r["country"], dc))
        else:
            i1, i2 = inter_code(r["inter1"]), inter_code(r.get("inter2", ""))
            if "civilian_targeting" in r:
                harm = r["civilian_targeting"].strip() != ""
            else:
                harm = r["event_type"].strip().lower() == "violence against civilians" or i1 == "7" or i2 == "7"
            if not harm:
                continue
            if i1 == "7" and i2 != "7":
                actor, code = r.get("actor2", ""), i2
            else:
                actor, code = r["actor1"], i1
            if actor.strip() == "" or actor.strip().lower().startswith("unidentified"):
                perp = "unidentified"
            else:
                perp = INTER.get(code, "other")
            out.append((perp, clean(r["admin1"]), r["country"], int(r["fatalities"])))
    return out

def matrix(evs):
    """Cells and totals from (perpetrator, admin1, country, fatalities) records."""
    countries = {key(c) for _, _, c, _ in evs if key(c)}
    multi = len(countries) > 1
    spell = defaultdict(Counter)
    for _, a, _, _ in evs:
        if key(a):
            spell[key(a)][a] += 1
    cspell = defaultdict(Counter)
    for _, _, c, _ in evs:
        cspell[key(c)][c] += 1
    def best(counter):
        return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    cells = defaultdict(lambda: [0, 0])
    for perp, a, c, f in evs:
        name = best(spell[key(a)]) if key(a) else "(unknown)"
        if multi:
            name = f"{name} ({best(cspell[key(c)]) if key(c) else 'country unknown'})"
        cells[(perp, name)][0] += 1
        cells[(perp, name)][1] += f
    return {
        "cells": [{"perpetrator": p, "region": r, "events": v[0], "civilian_fatalities": v[1]}
                  for (p, r), v in sorted(cells.items())],
        "totals": {"events": sum(v[0] for v in cells.values()),
                   "civilian_fatalities": sum(v[1] for v in cells.values())},
    }

def main(paths):
    print(json.dumps(matrix([e for p in paths for e in events(p)])))

if __name__ == "__main__":
    main(sys.argv[1:])

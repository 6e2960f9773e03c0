#!/usr/bin/env python3
"""An independent reading of METHODOLOGY §8 (one event, several sources),
written apart from the Rust code, with plain loops over every pair: used by
tests/matching.rs to check `summarize --json` on the real ACLED/UCDP pair.

It reads the shapes scripts/reference_summarize.py reads (ACLED exports, UCDP
GED HDX copy and web export), finds the civilian-harm events (§3), matches
events of different families (ACLED, UCDP) within the day and distance
windows, takes the pairs in the stated order, counts each cluster once as
its first member in the priority order, and prints
    {"matches": [{"families": [a, b], "count": n}], "matches_total": n,
     "cells": [...], "totals": {...}}
Usage: reference_match.py [--days N] [--km X] [--priority logs,ucdp,acled] FILE...
"""
import json, math, re, sys, unicodedata
from collections import defaultdict, Counter
from datetime import date, datetime

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from reference_summarize import read, clean, key, inter_code, INTER, matrix  # noqa: E402

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"])}


def parse_date(s, month_first):
    s = s.strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    m = re.match(r"^(\d{1,2}) ([A-Za-z]+) (\d{4})$", s)
    if m:
        return date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})", s)
    if m:
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        return date(y, a, b) if month_first else date(y, b, a)
    raise ValueError(s)


def num(s):
    s = s.strip()
    if not s:
        return None
    v = float(s)
    return v if math.isfinite(v) else None


def events(path, load_order):
    rows = read(path)
    out = []
    for n, r in enumerate(rows, start=1):
        if "type_of_violence" in r:
            family = "ucdp"
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
            start = parse_date(r["date_start"], True)
            end = parse_date(r["date_end"], True) if r.get("date_end", "").strip() else start
            end = max(end, start)
            a1, a2, fat = r.get("adm_1", ""), r.get("adm_2", ""), dc
        else:
            family = "acled"
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
            start = end = parse_date(r["event_date"], False)
            a1, a2, fat = r["admin1"], r.get("admin2", ""), int(r["fatalities"])
        lat, lon = num(r.get("latitude", "")), num(r.get("longitude", ""))
        point = (lat, lon) if lat is not None and lon is not None and not (lat == 0 and lon == 0) else None
        out.append({
            "family": family, "file": load_order, "row": n, "perp": perp,
            "start": start.toordinal(), "end": end.toordinal(), "point": point,
            "a1": key(clean(a1)), "a2": key(clean(a2)), "region": clean(a1),
            "country": r.get("country", ""), "fatalities": fat,
        })
    return out


def haversine(p, q):
    (la1, lo1), (la2, lo2) = p, q
    f1, f2 = math.radians(la1), math.radians(la2)
    df, dl = f2 - f1, math.radians(lo2 - lo1)
    a = math.sin(df / 2) ** 2 + math.cos(f1) * math.cos(f2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


ARMED = {"rebel_groups", "political_militias", "identity_militias"}


def compatible(a, b):
    if a == b or a in ("unidentified", "unattributed") or b in ("unidentified", "unattributed"):
        return True
    return (a == "non_state_armed_groups" and b in ARMED) or (b == "non_state_armed_groups" and a in ARMED)


def day_gap(x, y):
    if x["end"] < y["start"]:
        return y["start"] - x["end"]
    if y["end"] < x["start"]:
        return x["start"] - y["end"]
    return 0


def main(argv):
    days, km, priority, paths = 1, 5.0, ["logs", "ucdp", "acled"], []
    it = iter(argv)
    for a in it:
        if a == "--days":
            days = int(next(it))
        elif a == "--km":
            km = float(next(it))
        elif a == "--priority":
            priority = next(it).split(",")
        else:
            paths.append(a)
    evs = [e for i, p in enumerate(paths) for e in events(p, i)]
    # Every pair of events of different families, with plain loops.
    pairs = []
    for i in range(len(evs)):
        x = evs[i]
        for j in range(i + 1, len(evs)):
            y = evs[j]
            if x["family"] == y["family"]:
                continue
            gap = day_gap(x, y)
            if gap > days or not compatible(x["perp"], y["perp"]):
                continue
            if x["point"] and y["point"]:
                d = haversine(x["point"], y["point"])
                if d > km:
                    continue
            else:
                if not x["a1"] or x["a1"] != y["a1"]:
                    continue
                if x["a2"] and y["a2"] and x["a2"] != y["a2"]:
                    continue
                d = 0.0
            early, other = (x, y) if x["file"] < y["file"] else (y, x)
            pairs.append((gap, d, early["row"], other["row"], early["file"], other["file"], i, j))
    pairs.sort()
    cluster = list(range(len(evs)))
    members = {k: [k] for k in range(len(evs))}
    counts = Counter()
    for gap, d, _, _, _, _, i, j in pairs:
        ci, cj = cluster[i], cluster[j]
        if ci == cj:
            continue
        fi = {evs[k]["family"] for k in members[ci]}
        fj = {evs[k]["family"] for k in members[cj]}
        if fi & fj:
            continue
        for k in members[cj]:
            cluster[k] = ci
        members[ci] += members.pop(cj)
        counts[tuple(sorted((evs[i]["family"], evs[j]["family"])))] += 1
    group = {"acled": "acled", "ucdp": "ucdp"}
    counted = []
    for c, ms in members.items():
        best = min(ms, key=lambda k: (priority.index(group.get(evs[k]["family"], "logs")), evs[k]["file"]))
        counted.append(evs[best])
    # The matrix as reference_summarize.py builds it, from the counted records.
    out = {
        "matches": [{"families": list(k), "count": n} for k, n in sorted(counts.items())],
        "matches_total": sum(counts.values()),
    }
    out.update(matrix([(e["perp"], e["region"], e["country"], e["fatalities"]) for e in counted]))
    print(json.dumps(out))

if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""Checks that IncidentMap and the peers computed the same things (one line per workload).

Point-in-zone and overlay must agree (exit 1 otherwise). Gazetteer accuracy is
a measurement, not an invariant: both figures are printed, with a note when
IncidentMap is below the peer.

Usage: agreement.py WORK_FOLDER
"""
import json, sys
import pandas as pd

w = sys.argv[1]
ok = True
def line(text, good):
    global ok
    ok &= good
    print(("" if good else "MISMATCH: ") + text)

im = pd.read_csv(f"{w}/im-locate.csv", dtype=str)
gp = pd.read_csv(f"{w}/gpd-locate.csv", dtype=str)
idcol = "event_id_cnty" if "event_id_cnty" in im.columns else "id"
m = im[[idcol, "adm3_pcode"]].merge(gp[[idcol, "ADM3_PCODE"]], on=idcol).dropna()
same = (m.adm3_pcode == m.ADM3_PCODE).sum()
line(f"point-in-zone: {same:,} of the {len(m):,} incidents both tools placed are in the same section", same == len(m))

o1 = pd.read_csv(f"{w}/im-overlay.csv", dtype={"pcode": str})[["pcode", "gang_overlay", "state_overlay"]]
o2 = pd.read_csv(f"{w}/gpd-overlay.csv", dtype={"pcode": str})
mo = o1.merge(o2, on="pcode")
diff = max((mo.gang_overlay - mo.gang).abs().max(), (mo.state_overlay - mo.state).abs().max())
line(f"overlay: {len(mo)} communes, largest share difference {diff:.2e}", len(mo) == 140 and diff < 1e-4)

truth = [l.rstrip("\n").split("\t")[1] for l in open(next(__import__("glob").iglob(f"{w}/names-*.tsv")), encoding="utf-8").read().splitlines()[1:]]
# geocode --format csv: query,id,name,kind,latitude,longitude,zones,score,method,ambiguous (zones: p-codes, space-separated)
res = pd.read_csv(f"{w}/im-geocode.csv", dtype=str, keep_default_na=False)
def im_right(place, zones, pc):
    return place == pc or pc in zones.split()
im_acc = sum(im_right(p, z, pc) for p, z, pc in zip(res["id"], res["zones"], truth)) / len(truth)
rf = open(f"{w}/rf-geocode.csv", encoding="utf-8").read().splitlines()
rf_acc = sum(a == pc for a, pc in zip(rf, truth)) / len(truth)
line(f"gazetteer: top-1 right p-code (or a place inside it) IncidentMap {im_acc:.1%}, rapidfuzz {rf_acc:.1%} on {len(truth):,} noisy names"
     + ("" if im_acc >= rf_acc else " (IncidentMap below the peer)"), len(res) == len(truth))
sys.exit(0 if ok else 1)

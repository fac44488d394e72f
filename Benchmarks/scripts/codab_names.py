#!/usr/bin/env python3
"""Every COD-AB zone name (French, English, Kreyòl, ALT) with its p-code, as CSV name,pcode.

Usage: codab_names.py COD_AB_FOLDER OUT.csv   (reads the adm1-adm3 shapefiles with pyogrio)
"""
import glob, re, sys
import pyogrio

folder, out = sys.argv[1], sys.argv[2]
rows = set()
for level in (1, 2, 3):
    path = glob.glob(f"{folder}/*adm{level}*.shp")[0]
    df = pyogrio.read_dataframe(path, read_geometry=False)
    for _, r in df.iterrows():
        pc = r[f"ADM{level}_PCODE"]
        for col in df.columns:
            if col.startswith(f"ADM{level}") and col[len(f"ADM{level}"):].lstrip("_").startswith(("EN", "FR", "HT", "ALT")):
                v = r[col]
                if not isinstance(v, str):
                    continue
                for name in re.split(r"[\r\n]+", v):  # some ALT cells hold several names, one per line
                    if name.strip():
                        rows.add((name.strip().replace(",", " "), pc))
with open(out, "w", encoding="utf-8") as f:
    f.write("name,pcode\n")
    for name, pc in sorted(rows):
        f.write(f"{name},{pc}\n")

#!/usr/bin/env python3
"""Regenerates name-variants.tsv: real name variants with their expected answer.

Run from the repository root with ../shared beside it and GDAL installed:
    Tests/GazetteerTests/Fixtures/make-name-variants.py

Rows: query <TAB> expected <TAB> source. `expected` is a COD-AB p-code (the
top match must lie in that commune, or be that department) or geonames:ID
(the top match must be that place, or lie in the same commune).
Hand-collected rows (the issue's list, the seed briefing, Kreyòl usage in the
news) are kept from hand-rows.tsv; the rest come from real data fields:
  - COD-AB ADM2_FR / ADM2_EN / ADM2_REF and ADM1 names (OCHA/CNIGS),
  - COD-AB section names (ADM3_FR) that are unique in Haiti,
  - GeoNames alternate names of the embedded cities500 extract (Latin script,
    names shared by two places left out).
"""
import csv, os, subprocess, unicodedata, collections

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", "..", ".."))
codab = os.path.join(root, "..", "shared", "data", "haiti", "cod-ab")

def ogr(level, fields):
    shp = os.path.join(codab, f"hti_admbnda_adm{level}_cnigs_20181129.shp")
    out = subprocess.run(["ogr2ogr", "-f", "CSV", "/vsistdout/", shp, "-select", ",".join(fields)],
                         capture_output=True, text=True, check=True).stdout
    return list(csv.DictReader(out.splitlines()))

def latin(s):
    return all(unicodedata.name(c, "").startswith(("LATIN", "SPACE", "HYPHEN", "APOSTROPHE", "DIGIT", "FULL STOP", "RIGHT SINGLE", "COMMA", "LEFT PAREN", "RIGHT PAREN"))
               or c in "-'’ .()" for c in s)

def fold(s):
    # Mirrors NameNormalizer closely enough for the uniqueness filter:
    # marks dropped, punctuation as spaces.
    return " ".join("".join((c if c.isalnum() else " ") for c in unicodedata.normalize("NFKD", s.lower()) if not unicodedata.combining(c)).split())

rows = []
with open(os.path.join(here, "hand-rows.tsv"), encoding="utf-8") as f:
    for line in f:
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))

for r in ogr(1, ["ADM1_PCODE", "ADM1_FR", "ADM1_EN", "ADM1_HT"]):
    for k in ["ADM1_FR", "ADM1_EN", "ADM1_HT"]:
        if r[k]: rows.append([r[k], r["ADM1_PCODE"], f"COD-AB {k}"])
for r in ogr(2, ["ADM2_PCODE", "ADM2_FR", "ADM2_EN", "ADM2_REF"]):
    rows.append([r["ADM2_FR"], r["ADM2_PCODE"], "COD-AB ADM2_FR"])
    for k in ["ADM2_EN", "ADM2_REF"]:
        if r[k] and fold(r[k]) != fold(r["ADM2_FR"]): rows.append([r[k], r["ADM2_PCODE"], f"COD-AB {k}"])
sections = ogr(3, ["ADM3_PCODE", "ADM3_FR"])
def stripped(n):
    w = n.split(" ")
    if len(w) > 2 and w[1].lower() == "section": w = w[2:]
    if len(w) > 1 and w[0].lower() in ("de", "des", "du", "d'"): w = w[1:]
    return " ".join(w)
count = collections.Counter(fold(stripped(s["ADM3_FR"])) for s in sections)
commune_names = {fold(r["ADM2_FR"]) for r in ogr(2, ["ADM2_FR"])}
for s in sections:
    name = stripped(s["ADM3_FR"])
    if count[fold(name)] == 1 and fold(name) not in commune_names and len(fold(name)) >= 5:
        rows.append([name, s["ADM3_PCODE"][:6], "COD-AB ADM3_FR (section name without its ordinal)"])

places = list(csv.reader(open(os.path.join(root, "Geo", "gazetteer", "geonames-haiti.tsv"), encoding="utf-8"), delimiter="\t"))[1:]
owners = collections.defaultdict(set)
for p in places:
    for n in [p[1]] + p[6].split("|"):
        if n: owners[fold(n)].add(p[0])
for p in places:
    for n in sorted(set(p[6].split("|"))):
        if n and latin(n) and len(owners[fold(n)]) == 1 and fold(n) != fold(p[1]) and len(fold(n)) >= 4:
            rows.append([n, f"geonames:{p[0]}", f"GeoNames alternate name of {p[1]}"])

seen = set()
with open(os.path.join(here, "name-variants.tsv"), "w", encoding="utf-8") as f:
    f.write("query\texpected\tsource\n")
    for q, e, s in rows:
        if (q, e) in seen: continue
        seen.add((q, e))
        f.write(f"{q}\t{e}\t{s}\n")
print(len(seen), "rows")

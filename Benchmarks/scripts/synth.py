#!/usr/bin/env python3
"""Synthetic, seeded, deterministic benchmark data over Haiti.

  synth.py incidents N OUT.csv [SEED]   N incidents with ACLED columns: clustered like
      real conflict data (60% in the Port-au-Prince arrondissement, 15% around
      Croix-des-Bouquets/Mirebalais, 25% anywhere over Haiti's bounding box, some
      at sea), dates over two years (2024-01-01 .. 2025-12-30), ACLED event types
      and sub-event types, actors, fatalities, location names.
  synth.py names N OUT.tsv NAMES.csv [SEED]   N noisy place names with the p-code
      they stand for (tab-separated query, pcode), drawn from NAMES.csv
      (name,pcode: every COD-AB name in French, English, Kreyòl and ALT):
      30% exact, 20% case/accents changed, 20% a letter dropped, 15% two letters
      swapped, 15% a letter inserted.
  synth.py control N OUT.geojson [SEED]   N control-area polygons (irregular
      stars, 1-12 km across) with a `controller`, most around Port-au-Prince.
"""
import json, math, random, sys, unicodedata

SUB_EVENTS = [
    ("Battles", "Armed clash", "Political violence"), ("Battles", "Government regains territory", "Political violence"),
    ("Violence against civilians", "Attack", "Political violence"), ("Violence against civilians", "Abduction/forced disappearance", "Political violence"),
    ("Explosions/Remote violence", "Grenade", "Political violence"), ("Riots", "Violent demonstration", "Demonstrations"),
    ("Protests", "Peaceful protest", "Demonstrations"), ("Strategic developments", "Looting/property destruction", "Strategic developments"),
]
ACTORS = ["Viv Ansanm", "G9 an Fanmi e Alye", "G-Pep", "Gran Grif", "5 Segonn", "Kraze Baryè", "Police Forces of Haiti (2021-)",
          "Multinational Security Support Mission in Haiti (2023-)", "Civilians (Haiti)", "Protesters (Haiti)", "Bwa Kale Vigilante Group"]
PLACES = [("Port-au-Prince", "Ouest", "Port-au-Prince"), ("Cite Soleil", "Ouest", "Cite Soleil"), ("Delmas", "Ouest", "Delmas"),
          ("Petion-Ville", "Ouest", "Petion-Ville"), ("Croix-des-Bouquets", "Ouest", "Croix-des-Bouquets"), ("Mirebalais", "Centre", "Mirebalais"),
          ("Carrefour", "Ouest", "Carrefour"), ("Tabarre", "Ouest", "Tabarre"), ("Kenscoff", "Ouest", "Kenscoff"), ("Saint-Marc", "Artibonite", "Saint-Marc")]
HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,"
          "assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,"
          "geo_precision,source,source_scale,notes,fatalities,tags,timestamp")

def point(rng):
    r = rng.random()
    if r < 0.60:
        return rng.gauss(18.54, 0.05), rng.gauss(-72.33, 0.05)
    if r < 0.75:
        return rng.gauss(18.72, 0.08), rng.gauss(-72.15, 0.08)
    return rng.uniform(18.02, 20.09), rng.uniform(-74.48, -71.62)

def incidents(n, out, seed):
    rng = random.Random(seed)
    with open(out, "w", encoding="utf-8") as f:
        f.write(HEADER + "\n")
        for i in range(n):
            lat, lon = point(rng)
            day = rng.randrange(730)
            y, rem = (2024, day) if day < 366 else (2025, day - 366)
            month_days = [31, 29 if y == 2024 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            m = 0
            while rem >= month_days[m]:
                rem -= month_days[m]; m += 1
            et, sub, disorder = SUB_EVENTS[rng.randrange(len(SUB_EVENTS))]
            a1, a2 = ACTORS[rng.randrange(len(ACTORS))], ACTORS[rng.randrange(len(ACTORS))]
            loc, adm1, adm2 = PLACES[rng.randrange(len(PLACES))]
            fat = 0 if rng.random() < 0.6 else int(rng.expovariate(0.3))
            notes = f"On {y}-{m+1:02d}-{rem+1:02d}, {a1} clashed with {a2} in {loc}; synthetic event {i}."
            f.write(f"HTI{i},{y}-{m+1:02d}-{rem+1:02d},{y},1,{disorder},{et},{sub},{a1},,3,{a2},,7,37,,332,Caribbean,Haiti,"
                    f"{adm1},{adm2},,{loc},{lat:.5f},{lon:.5f},1,Synthetic,National,\"{notes}\",{fat},,1700000000\n")

def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))

def names(n, out, source, seed):
    rng = random.Random(seed)
    rows = [r for r in (l.rsplit(",", 1) for l in open(source, encoding="utf-8").read().splitlines()[1:]) if len(r) == 2]
    rows = [(pc, name) for name, pc in ((r[0], r[1]) for r in rows) if len(name) >= 4]
    letters = "abcdefghijklmnopqrstuvwxyz"
    with open(out, "w", encoding="utf-8") as f:
        f.write("query\tpcode\n")
        for _ in range(n):
            pc, name = rows[rng.randrange(len(rows))]
            r = rng.random(); c = list(name)
            if r < 0.30: q = name
            elif r < 0.50: q = strip_accents(name).upper() if rng.random() < 0.5 else strip_accents(name).lower()
            elif r < 0.70: i = rng.randrange(1, len(c) - 1); del c[i]; q = "".join(c)
            elif r < 0.85: i = rng.randrange(1, len(c) - 1); c[i], c[i - 1] = c[i - 1], c[i]; q = "".join(c)
            else: i = rng.randrange(1, len(c)); c.insert(i, letters[rng.randrange(26)]); q = "".join(c)
            f.write(f"{q}\t{pc}\n")

def control(n, out, seed):
    rng = random.Random(seed)
    feats = []
    for i in range(n):
        lat, lon = point(rng)
        radius_km = rng.uniform(0.5, 6)
        k = rng.randrange(7, 16)
        ring = []
        for j in range(k):
            a = 2 * math.pi * j / k
            rr = radius_km * rng.uniform(0.5, 1.0)
            ring.append([round(lon + rr / (111.32 * math.cos(math.radians(lat))) * math.cos(a), 6), round(lat + rr / 110.57 * math.sin(a), 6)])
        ring.append(ring[0])
        controller = ["Viv Ansanm", "G9 an Fanmi e Alye", "G-Pep", "Police Forces of Haiti (2021-)"][rng.randrange(4)]
        feats.append({"type": "Feature", "properties": {"id": f"C{i}", "controller": controller},
                      "geometry": {"type": "Polygon", "coordinates": [ring]}})
    json.dump({"type": "FeatureCollection", "features": feats}, open(out, "w"))

if __name__ == "__main__":
    kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if kind == "incidents": incidents(n, out, int(sys.argv[4]) if len(sys.argv) > 4 else 2025)
    elif kind == "names": names(n, out, sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 2025)
    elif kind == "control": control(n, out, int(sys.argv[4]) if len(sys.argv) > 4 else 2025)
    else: sys.exit(__doc__)

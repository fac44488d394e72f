#!/usr/bin/env python3
"""Writes N seeded random points over Haiti as CSV (id,event_date,latitude,longitude,notes).

Clustered like real conflict data: 60% around Port-au-Prince (normal, sd 0.05°),
15% around Mirebalais/Croix-des-Bouquets, 25% uniform over Haiti's bounding box
(so some fall in the sea). Deterministic for a given seed.

Usage: make-points.py N OUT.csv [SEED]
"""
import random, sys

n = int(sys.argv[1]); out = sys.argv[2]; seed = int(sys.argv[3]) if len(sys.argv) > 3 else 2025
rng = random.Random(seed)
with open(out, "w", encoding="utf-8") as f:
    f.write("id,event_date,latitude,longitude,notes\n")
    for i in range(n):
        r = rng.random()
        if r < 0.60:
            lat, lon = rng.gauss(18.54, 0.05), rng.gauss(-72.33, 0.05)
        elif r < 0.75:
            lat, lon = rng.gauss(18.72, 0.08), rng.gauss(-72.15, 0.08)
        else:
            lat, lon = rng.uniform(18.02, 20.09), rng.uniform(-74.48, -71.62)
        day = 1 + i % 28
        f.write(f"{i},2025-03-{day:02d},{lat:.6f},{lon:.6f},synthetic point {i}\n")

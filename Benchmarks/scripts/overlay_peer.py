#!/usr/bin/env python3
"""Peer for the overlay workload: control polygons x communes -> geodesic shares.

Same rule as IncidentMap's overlay: polygons are unioned per class (the police
is `state`, the rest `gang`); where classes overlap, `state` wins; share =
geodesic area(commune ∩ class) / geodesic area(commune), areas from pyproj's
Geod on WGS 84. GeoPandas overlay (GEOS) + pyproj. Writes pcode,gang,state.

Usage: overlay_peer.py COMMUNES.shp CONTROL.geojson OUT.csv
"""
import sys
import geopandas as gpd
import pyogrio
from pyproj import Geod

geod = Geod(ellps="WGS84")
def area(g):
    return abs(geod.geometry_area_perimeter(g)[0]) if g is not None and not g.is_empty else 0.0

communes = pyogrio.read_dataframe(sys.argv[1])[["ADM2_PCODE", "geometry"]]
control = pyogrio.read_dataframe(sys.argv[2])
control["cls"] = ["state" if c.startswith("Police") else "gang" for c in control["controller"]]
state = control[control.cls == "state"].geometry.union_all()
gang = control[control.cls == "gang"].geometry.union_all().difference(state)
classes = gpd.GeoDataFrame({"cls": ["state", "gang"]}, geometry=[state, gang], crs=communes.crs)
pieces = gpd.overlay(communes, classes, how="intersection", keep_geom_type=True)
pieces["a"] = [area(g) for g in pieces.geometry]
total = {pc: area(g) for pc, g in zip(communes.ADM2_PCODE, communes.geometry)}
shares = {}
for pc, cls, a in zip(pieces.ADM2_PCODE, pieces.cls, pieces.a):
    shares.setdefault(pc, {"gang": 0.0, "state": 0.0})[cls] += a
with open(sys.argv[3], "w") as f:
    f.write("pcode,gang,state\n")
    for pc in sorted(total):
        s = shares.get(pc, {"gang": 0.0, "state": 0.0})
        f.write(f"{pc},{s['gang'] / total[pc]:.6f},{s['state'] / total[pc]:.6f}\n")

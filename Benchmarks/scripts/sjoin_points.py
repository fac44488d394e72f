#!/usr/bin/env python3
"""Peer for the point-in-zone workload: GeoPandas sjoin (pyogrio I/O).

Reads points CSV (latitude, longitude columns), joins each point to the COD-AB
section containing it, writes CSV with the section's p-codes (ADM3/ADM2/ADM1).
Usage: sjoin_points.py POINTS.csv SECTIONS.shp OUT.csv
"""
import sys
import geopandas as gpd
import pandas as pd

points_csv, sections_shp, out_csv = sys.argv[1:4]
df = pd.read_csv(points_csv)
points = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["longitude"], df["latitude"]), crs="EPSG:4326")
sections = gpd.read_file(sections_shp, engine="pyogrio", columns=["ADM3_PCODE", "ADM3_FR", "ADM2_PCODE", "ADM2_FR", "ADM1_PCODE", "ADM1_FR"])
joined = gpd.sjoin(points, sections, how="left", predicate="within")
joined = joined[~joined.index.duplicated(keep="first")]
joined.drop(columns=["geometry", "index_right"]).to_csv(out_csv, index=False)

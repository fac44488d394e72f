#!/usr/bin/env python3
"""Peer for the main job: the pipeline a GeoPandas user would write for the same question.

Reads the incidents CSV, joins each point to the commune containing it (sjoin, within), counts incidents and
fatalities per commune (with the first and last event date), measures each commune's geodesic area (pyproj Geod on
WGS 84, as IncidentMap), and writes the zones and the incidents as GeoJSON, Shapefile, GeoPackage (both layers) and
CSV into OUT_DIR. It does not estimate control shares (no peer does): IncidentMap's main job does more than this.

Usage: mainjob_peer.py INCIDENTS.csv COMMUNES.shp OUT_DIR
"""
import os
import shutil
import sys

import geopandas as gpd
import pandas as pd
from pyproj import Geod

incidents_csv, communes_shp, out_dir = sys.argv[1:4]
shutil.rmtree(out_dir, ignore_errors=True)
os.makedirs(out_dir)

df = pd.read_csv(incidents_csv, low_memory=False)
df = df[df["latitude"].notna() & df["longitude"].notna()]
points = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["longitude"], df["latitude"]), crs="EPSG:4326")
communes = gpd.read_file(communes_shp, engine="pyogrio", columns=["ADM2_PCODE", "ADM2_FR", "ADM1_PCODE"])
communes = communes.to_crs(4326)

joined = gpd.sjoin(points, communes[["ADM2_PCODE", "geometry"]], how="left", predicate="within")
joined = joined[~joined.index.duplicated(keep="first")].drop(columns=["index_right"])

per_zone = joined.groupby("ADM2_PCODE").agg(incidents=("event_id_cnty", "size"), fatalities=("fatalities", "sum"),
                                              first_date=("event_date", "min"), last_date=("event_date", "max")).reset_index()
geod = Geod(ellps="WGS84")
communes["area_km2"] = [abs(geod.geometry_area_perimeter(g)[0]) / 1e6 for g in communes.geometry]
zones = communes.merge(per_zone, on="ADM2_PCODE", how="left")
zones[["incidents", "fatalities"]] = zones[["incidents", "fatalities"]].fillna(0).astype("int64")

for name, layer in (("zones", zones), ("incidents", joined)):
    layer.to_file(os.path.join(out_dir, f"{name}.geojson"), driver="GeoJSON", engine="pyogrio")
    layer.to_file(os.path.join(out_dir, f"{name}.shp"), driver="ESRI Shapefile", engine="pyogrio")
    layer.to_file(os.path.join(out_dir, "peer.gpkg"), layer=name, driver="GPKG", engine="pyogrio")
    pd.DataFrame(layer.drop(columns="geometry")).to_csv(os.path.join(out_dir, f"{name}.csv"), index=False)

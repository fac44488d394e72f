#!/usr/bin/python3
"""Opens an IncidentMap export in headless QGIS and checks it as a user would.

Usage: /usr/bin/python3 scripts/check-qgis.py EXPORTS_DIR [PNG]

- the project incidentmap.qgs loads; every layer is valid and has as many
  features as the GeoJSON export of the same layer;
- the map renders to a PNG that is not blank;
- the project's layers are styled: zones graduated on gang_share,
  incidents categorised by event type, control categorised by class;
- the GeoPackage carries the same styles in its layer_styles table, and
  its layers opened alone (no project) come up styled.
Prints one line per check and "qgis-check: N passed, M failed"; exits 1 on failure.
"""
import json, os, sys, tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="qgis-runtime-"))

from qgis.core import (QgsApplication, QgsProject, QgsVectorLayer, QgsMapSettings, QgsMapRendererParallelJob,
                       QgsRectangle)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

folder = os.path.abspath(sys.argv[1])
png = sys.argv[2] if len(sys.argv) > 2 else os.path.join(tempfile.mkdtemp(), "incidentmap.png")
passed = failed = 0

def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
        print("ok   " + what)
    else:
        failed += 1
        print("FAIL " + what)

QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()

project = QgsProject.instance()
check(project.read(os.path.join(folder, "incidentmap.qgs")), "project incidentmap.qgs loads")
layers = list(project.mapLayers().values())
check(len(layers) == 5, f"project has 5 layers ({len(layers)})")
styles = {"zones": "graduatedSymbol", "incidents": "categorizedSymbol", "control": "categorizedSymbol"}
for layer in layers:
    name = layer.name()
    if name in styles:
        kind = layer.renderer().type() if layer.renderer() else None
        check(kind == styles[name], f"layer {name} is styled ({kind})")
    expected = len(json.load(open(os.path.join(folder, name + ".geojson")))["features"])
    check(layer.isValid(), f"layer {name} is valid (source {layer.source()})")
    check(layer.featureCount() == expected, f"layer {name}: {layer.featureCount()} features, GeoJSON has {expected}")

settings = QgsMapSettings()
settings.setLayers(layers)
settings.setBackgroundColor(QColor(255, 255, 255))
settings.setOutputSize(QSize(800, 600))
zones = [l for l in layers if l.name() == "zones"]
extent = zones[0].extent() if zones and zones[0].featureCount() > 0 else QgsRectangle(-74.5, 18.0, -71.6, 20.1)
extent.scale(1.05)
settings.setExtent(extent)
settings.setDestinationCrs(layers[0].crs())
job = QgsMapRendererParallelJob(settings)
job.start()
job.waitForFinished()
image = job.renderedImage()
image.save(png, "png")
colours = set()
for x in range(0, image.width(), 8):
    for y in range(0, image.height(), 8):
        colours.add(image.pixel(x, y))
check(len(colours) > 2, f"rendered map is not blank ({len(colours)} colours sampled) -> {png}")

gpkg = os.path.join(folder, "incidentmap.gpkg")
import sqlite3
con = sqlite3.connect(gpkg)
stored = {r[0]: r[1] for r in con.execute("SELECT f_table_name, styleQML FROM layer_styles")}
check(set(stored) >= {"zones", "incidents", "control", "places", "reported"}, f"GeoPackage layer_styles holds a style per layer ({sorted(stored)})")
for name, renderer in [("zones", "graduatedSymbol"), ("incidents", "categorizedSymbol"), ("control", "categorizedSymbol")]:
    # Opened alone, the way a user drags the .gpkg into QGIS: QGIS must find
    # and apply the default style stored in layer_styles by itself.
    layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
    check(layer.isValid(), f"GeoPackage layer {name} opens")
    kind = layer.renderer().type() if layer.renderer() else None
    check(kind == renderer, f"GeoPackage layer {name} opens styled by itself ({kind})")

print(f"qgis-check: {passed} passed, {failed} failed")
sys.stdout.flush()
# QGIS 3.22 can crash while tearing down a loaded project at interpreter exit;
# the checks are done, so leave without the teardown.
os._exit(1 if failed else 0)

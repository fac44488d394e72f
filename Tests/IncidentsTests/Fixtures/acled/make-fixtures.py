#!/usr/bin/env python3
"""Writes IncidentMap's own ACLED-layout fixtures (made-up events, every `notes` says so).

ACLED's licence forbids redistributing its data, so these 36 events are invented: real
places of Haiti (points checked to fall in the commune named in admin3), ACLED's column
layouts as its codebook and current exports describe them, and actor names written the way
ACLED writes them. Run it to rewrite the fixtures: python3 make-fixtures.py
"""
import csv, io, json, os

here = os.path.dirname(os.path.abspath(__file__))

# (admin1, admin2 = arrondissement, admin3 = commune, location, lat, lon, geo_precision)
P = {
    "pap":      ("Ouest", "Port-au-Prince", "Port-au-Prince", "Port-au-Prince", 18.5435, -72.3388, 2),
    "bel-air":  ("Ouest", "Port-au-Prince", "Port-au-Prince", "Bel Air", 18.5475, -72.3365, 1),
    "gr-ravine":("Ouest", "Port-au-Prince", "Port-au-Prince", "Grand Ravine", 18.5290, -72.3560, 1),
    "centre":   ("Ouest", "Port-au-Prince", "Port-au-Prince", "Centre-Ville", 18.5460, -72.3420, 1),
    "soleil":   ("Ouest", "Port-au-Prince", "Cite Soleil", "Cite Soleil", 18.5953, -72.3164, 2),
    "brooklyn": ("Ouest", "Port-au-Prince", "Cite Soleil", "Brooklyn", 18.5830, -72.3290, 1),
    "delmas":   ("Ouest", "Port-au-Prince", "Delmas", "Delmas", 18.5514, -72.2872, 2),
    "delmas30": ("Ouest", "Port-au-Prince", "Delmas", "Delmas 30", 18.5450, -72.3050, 1),
    "pv":       ("Ouest", "Port-au-Prince", "Petion-Ville", "Petion-Ville", 18.5125, -72.2853, 1),
    "tabarre":  ("Ouest", "Port-au-Prince", "Tabarre", "Tabarre", 18.5730, -72.2694, 2),
    "carrefour":("Ouest", "Port-au-Prince", "Carrefour", "Carrefour", 18.4653, -72.4204, 2),
    "kenscoff": ("Ouest", "Port-au-Prince", "Kenscoff", "Kenscoff", 18.4125, -72.2932, 2),
    "gressier": ("Ouest", "Port-au-Prince", "Gressier", "Gressier", 18.5111, -72.5151, 2),
    "cdb":      ("Ouest", "Croix-des-Bouquets", "Croix-des-Bouquets", "Croix-des-Bouquets", 18.5767, -72.2269, 1),
    "thomazeau":("Ouest", "Croix-des-Bouquets", "Thomazeau", "Thomazeau", 18.6530, -72.0920, 1),
    "ganthier": ("Ouest", "Croix-des-Bouquets", "Ganthier", "Ganthier", 18.4844, -72.0169, 2),
    "leogane":  ("Ouest", "Leogane", "Leogane", "Leogane", 18.4437, -72.5737, 2),
    "mirebalais":("Centre", "Mirebalais", "Mirebalais", "Mirebalais", 18.8350, -72.1050, 1),
    "lascahobas":("Centre", "Lascahobas", "Lascahobas", "Lascahobas", 18.8377, -71.9556, 2),
    "stmarc":   ("Artibonite", "Saint-Marc", "Saint-Marc", "Saint-Marc", 19.1020, -72.6295, 2),
    "gonaives": ("Artibonite", "Gonaives", "Gonaives", "Gonaives", 19.4932, -72.6837, 2),
    "cap":      ("Nord", "Cap-Haitien", "Cap-Haitien", "Cap-Haitien", 19.7493, -72.2294, 2),
    "cayes":    ("Sud", "Les Cayes", "Les Cayes", "Les Cayes", 18.2602, -73.7660, 2),
    "jacmel":   ("Sud-Est", "Jacmel", "Jacmel", "Jacmel", 18.2886, -72.5532, 2),
}

# inter words (current exports) and codes (older ones)
INTER = {"State forces": 1, "Rebel group": 2, "Political militia": 3, "Identity militia": 4,
         "Rioters": 5, "Protesters": 6, "Civilians": 7, "External/Other forces": 8}

# date, event_type, sub_event_type, actor1, inter1, actor2, inter2, place, fatalities
E = [
    ("2024-08-30", "Violence against civilians", "Attack", "Viv Ansanm Gang", "Political militia", "Civilians (Haiti)", "Civilians", "pap", 1),
    ("2025-03-15", "Riots", "Violent demonstration", "Rioters (Haiti)", "Rioters", "Police Forces of Haiti (2024-)", "State forces", "centre", 0),
    ("2024-10-23", "Riots", "Mob violence", "Unidentified Communal Militia (Haiti)", "Identity militia", "Civilians (Haiti)", "Civilians", "delmas30", 2),
    ("2024-07-04", "Battles", "Armed clash", "Police Forces of Haiti (2024-)", "State forces", "Grand-Ravine Gang", "Political militia", "gr-ravine", 3),
    ("2024-07-18", "Explosions/Remote violence", "Air/drone strike", "Police Forces of Haiti (2024-)", "State forces", "Viv Ansanm Gang", "Political militia", "bel-air", 4),
    ("2024-09-02", "Battles", "Armed clash", "Police Forces of Kenya (2022-)", "External/Other forces", "Unidentified Gang (Haiti)", "Political militia", "soleil", 0),
    ("2024-09-12", "Violence against civilians", "Abduction/forced disappearance", "Unidentified Armed Group (Haiti)", "Political militia", "Civilians (Haiti)", "Civilians", "tabarre", 0),
    ("2024-10-03", "Violence against civilians", "Attack", "Gran Grif Gang", "Political militia", "Civilians (Haiti)", "Civilians", "stmarc", 12),
    ("2024-10-09", "Protests", "Peaceful protest", "Protesters (Haiti)", "Protesters", "", "", "pv", 0),
    ("2024-10-17", "Strategic developments", "Looting/property destruction", "Kraze Barye Gang", "Political militia", "Civilians (Haiti)", "Civilians", "kenscoff", 0),
    ("2024-11-11", "Battles", "Armed clash", "Base 5 Secondes Gang", "Political militia", "Kokorat San Ras Gang", "Political militia", "brooklyn", 2),
    ("2024-11-19", "Violence against civilians", "Attack", "La Police Gang", "Political militia", "Civilians (Haiti)", "Civilians", "delmas", 1),
    ("2024-12-06", "Violence against civilians", "Attack", "Wharf Jeremie Gang", "Political militia", "Civilians (Haiti)", "Civilians", "soleil", 40),
    ("2024-12-14", "Strategic developments", "Arrests", "Police Forces of Haiti (2024-)", "State forces", "Civilians (Haiti)", "Civilians", "cap", 0),
    ("2025-01-07", "Battles", "Armed clash", "400 Mawozo Gang", "Political militia", "Police Forces of Haiti (2024-)", "State forces", "cdb", 3),
    ("2025-01-21", "Violence against civilians", "Attack", "Unidentified Armed Group (Haiti)", "Political militia", "Civilians (Haiti)", "Civilians", "thomazeau", 2),
    ("2025-02-02", "Protests", "Peaceful protest", "Protesters (Haiti)", "Protesters", "", "", "cayes", 0),
    ("2025-02-11", "Riots", "Mob violence", "Bwa Kale Movement", "Identity militia", "Unidentified Gang (Haiti)", "Political militia", "pv", 1),
    ("2025-02-25", "Explosions/Remote violence", "Air/drone strike", "Police Forces of Haiti (2024-)", "State forces", "Canaan Gang", "Political militia", "centre", 5),
    ("2025-03-04", "Battles", "Armed clash", "Military Forces of Haiti (2024-)", "State forces", "Viv Ansanm Gang", "Political militia", "delmas30", 2),
    ("2025-03-31", "Battles", "Armed clash", "Viv Ansanm Gang", "Political militia", "Police Forces of Haiti (2024-)", "State forces", "mirebalais", 10),
    ("2025-04-02", "Violence against civilians", "Attack", "Viv Ansanm Gang", "Political militia", "Civilians (Haiti)", "Civilians", "mirebalais", 15),
    ("2025-04-08", "Strategic developments", "Other", "Unidentified Armed Group (Haiti)", "Political militia", "", "", "lascahobas", 0),
    ("2025-04-19", "Strategic developments", "Change to group/activity", "Government of Haiti (2024-)", "State forces", "", "", "pap", 0),
    ("2025-05-05", "Violence against civilians", "Sexual violence", "Village de Dieu Gang", "Political militia", "Civilians (Haiti)", "Civilians", "carrefour", 0),
    ("2025-05-13", "Battles", "Armed clash", "Private Security Forces (Haiti)", "External/Other forces", "Unidentified Gang (Haiti)", "Political militia", "tabarre", 1),
    ("2025-05-28", "Protests", "Protest with intervention", "Protesters (Haiti)", "Protesters", "Police Forces of Haiti (2024-)", "State forces", "jacmel", 0),
    ("2025-06-06", "Violence against civilians", "Attack", "Taliban Gang", "Political militia", "Civilians (Haiti)", "Civilians", "ganthier", 3),
    ("2025-06-10", "Battles", "Armed clash", "Police Forces of Haiti (2024-) Protected Areas Security Brigade (BSAP)", "State forces", "Unidentified Armed Group (Haiti)", "Political militia", "gonaives", 0),
    ("2025-06-17", "Riots", "Violent demonstration", "Rioters (Haiti)", "Rioters", "", "", "leogane", 0),
    ("2025-06-22", "Strategic developments", "Looting/property destruction", "Chien Mechant Gang", "Political militia", "Civilians (Haiti)", "Civilians", "gressier", 0),
    ("2025-06-28", "Battles", "Armed clash", "Military Forces of the United States (2021-2025)", "External/Other forces", "Unidentified Gang (Haiti)", "Political militia", "tabarre", 0),
    ("2025-06-29", "Violence against civilians", "Abduction/forced disappearance", "Ti Bwa Gang", "Political militia", "Civilians (Haiti)", "Civilians", "carrefour", 0),
    ("2025-06-30", "Violence against civilians", "Attack", "Simon-Pele Gang", "Political militia", "Civilians (Haiti)", "Civilians", "soleil", 2),
    ("2024-08-05", "Riots", "Mob violence", "Unidentified Communal Militia (Haiti)", "Identity militia", "Unidentified Armed Group (Haiti)", "Political militia", "kenscoff", 1),
    ("2024-08-21", "Strategic developments", "Arrests", "Police Forces of Kenya (2022-)", "External/Other forces", "Unidentified Gang (Haiti)", "Political militia", "delmas", 0),
]

FULL = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
        "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
        "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
        "notes", "fatalities", "tags", "timestamp"]
REDUCED = ["", "event_date", "year", "event_type", "sub_event_type", "actor1", "actor2", "interaction", "iso", "region", "country",
           "admin1", "admin2", "admin3", "location", "latitude", "longitude", "source", "notes", "fatalities", "timestamp",
           "population_1km", "population_2km", "population_5km", "population_best", "nrEvents", "category"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def disorder(t):
    return {"Protests": "Demonstrations", "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}.get(t, "Political violence")


def text_interaction(a, b):
    # As current exports write it: the two categories in actor order, or "X only".
    return f"{a}-{b}" if b else f"{a} only"


def numeric_interaction(a, b):
    x, y = INTER[a], INTER.get(b)
    return str(min(x, y) * 10 + max(x, y)) if y else str(x * 10)


def rows():
    for n, (date, et, sub, a1, i1, a2, i2, place, fat) in enumerate(E):
        adm1, adm2, adm3, loc, lat, lon, prec = P[place]
        y, m, d = date.split("-")
        yield {
            "event_id_cnty": f"HTI99{n:04d}", "event_date": date, "year": y, "time_precision": "1",
            "disorder_type": disorder(et), "event_type": et, "sub_event_type": sub, "actor1": a1, "assoc_actor_1": "",
            "inter1": i1, "actor2": a2, "assoc_actor_2": "", "inter2": i2, "interaction": text_interaction(i1, i2),
            "civilian_targeting": "Civilian targeting" if i2 == "Civilians" else "", "iso": "332", "region": "Caribbean",
            "country": "Haiti", "admin1": adm1, "admin2": adm2, "admin3": adm3, "location": loc, "latitude": f"{lat:.4f}",
            "longitude": f"{lon:.4f}", "geo_precision": str(prec), "source": "IncidentMap fixture", "source_scale": "Other",
            "notes": f"Made-up fixture event {n} written by IncidentMap's developers; not a real event.",
            "fatalities": str(fat), "tags": "", "timestamp": str(1760000000 + n),
            # for the older layout
            "_date_long": f"{int(d)} {MONTHS[int(m) - 1]} {y}", "_i1": str(INTER[i1]), "_i2": str(INTER[i2]) if i2 else "",
            "_inter_num": numeric_interaction(i1, i2), "_dmy": f"{d}/{m}/{y}",
        }


def write_csv(name, header, make, bom=False, crlf=False):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    w.writerow(header)
    for r in rows():
        w.writerow(make(r))
    data = buf.getvalue().encode("utf-8")
    with open(os.path.join(here, name), "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + data)


write_csv("current-full.csv", FULL, lambda r: [r[c] for c in FULL])
write_csv("current-full-bom-crlf.csv", FULL, lambda r: [r[c] for c in FULL], bom=True, crlf=True)
idx = iter(range(10_000))
write_csv("current-reduced.csv", REDUCED,
          lambda r: [str(next(idx))] + [r[c] for c in REDUCED[1:21]] + ["41000", "", "", "67000", "1", r["year"]])
write_csv("old-numeric.csv", FULL, lambda r: [
    {"event_date": r["_date_long"], "inter1": r["_i1"], "inter2": r["_i2"], "interaction": r["_inter_num"]}.get(c, r[c]) for c in FULL])
# A third party's CSV: x/y columns, day-first dates, ISO3 country code, an extra column.
OTHER = ["Event_Date", "Event_Type", "Sub_Event_Type", "Actor1", "Actor2", "ISO", "Admin1", "Admin3", "Location", "Y", "X", "Fatalities", "analyst_note"]
write_csv("third-party-xy.csv", OTHER, lambda r: [r["_dmy"], r["event_type"], r["sub_event_type"], r["actor1"], r["actor2"], "HTI",
                                                  r["admin1"], r["admin3"], r["location"], r["latitude"], r["longitude"], r["fatalities"], "checked"])
api = {"status": 200, "success": True, "count": len(E),
       "data": [{c: r[c] for c in FULL} for r in rows()]}
with open(os.path.join(here, "current-api.json"), "w") as f:
    json.dump(api, f, ensure_ascii=False)
# Nothing usable: every date unreadable and no coordinates or known places.
write_csv("no-usable-row.csv", ["event_date", "event_type", "location", "latitude", "longitude"],
          lambda r: ["sometime", r["event_type"], "Nowhere Village " + r["event_id_cnty"], "", ""])

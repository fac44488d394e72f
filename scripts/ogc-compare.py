#!/usr/bin/env python3
"""Compares two OGC API - Features servers answering the same layers (scripts/e2e-postgis):
   ogc-compare.py BASE_A BASE_B COLLECTION QUERY...   (each QUERY a query string, '' for none)
Follows every `next` link of both (whatever the paging: offset or after), then compares
numberMatched, the set of feature ids, and each feature's geometry (within 1e-9 degrees)
and properties (a missing property equals null). Prints one line per query; exit 1 on a difference."""
import json, sys, urllib.request

def get(url):
    with urllib.request.urlopen(url, timeout=60) as r:
        return json.load(r)

def walk(base, coll, query):
    url = f"{base}/collections/{coll}/items" + (f"?{query}" if query else "")
    feats, matched, pages, paging = {}, None, 0, set()
    while url:
        doc = get(url)
        pages += 1
        if matched is None: matched = doc.get("numberMatched")
        for f in doc["features"]:
            if f["id"] in feats: raise SystemExit(f"{base}: feature {f['id']} served twice while paging {query!r}")
            feats[f["id"]] = f
        nxt = [l["href"] for l in doc.get("links", []) if l["rel"] == "next"]
        url = nxt[0] if nxt else None
        if url: paging.add("after" if "after=" in url else "offset")
        if pages > 10000: raise SystemExit("too many pages")
    return matched, feats, pages, paging

def coords(g):
    if g is None: return []
    if g["type"] == "GeometryCollection": return [c for h in g["geometries"] for c in coords(h)]
    def flat(c):
        if isinstance(c[0], (int, float)): return [c]
        return [p for x in c for p in flat(x)]
    return flat(g["coordinates"])

def same(a, b):
    ga, gb = a["geometry"], b["geometry"]
    if (ga or {}).get("type") != (gb or {}).get("type"): return "geometry type"
    ca, cb = coords(ga), coords(gb)
    if len(ca) != len(cb): return "vertex count"
    if any(abs(p[0] - q[0]) > 1e-9 or abs(p[1] - q[1]) > 1e-9 for p, q in zip(ca, cb)): return "coordinates"
    pa, pb = a["properties"], b["properties"]
    for k in set(pa) | set(pb):
        x, y = pa.get(k), pb.get(k)
        if isinstance(x, float) or isinstance(y, float):
            if x is None or y is None or abs(float(x) - float(y)) > 1e-9 * max(1, abs(float(x))): return f"property {k}: {x!r} vs {y!r}"
        elif x != y: return f"property {k}: {x!r} vs {y!r}"
    return None

a, b, coll = sys.argv[1:4]
bad = 0
for q in sys.argv[4:]:
    ma, fa, pa, ka = walk(a, coll, q)
    mb, fb, pb, kb = walk(b, coll, q)
    problems = []
    if ma != mb: problems.append(f"numberMatched {ma} vs {mb}")
    if set(fa) != set(fb): problems.append(f"ids differ ({len(set(fa) ^ set(fb))})")
    for k in set(fa) & set(fb):
        d = same(fa[k], fb[k])
        if d: problems.append(f"{k}: {d}"); break
    print(f"{'ok  ' if not problems else 'DIFF'} {coll}?{q}: matched {ma}/{mb}, features {len(fa)}/{len(fb)}, pages {pa}/{pb} "
          f"({'/'.join(sorted(ka)) or '-'} vs {'/'.join(sorted(kb)) or '-'})" + (f": {'; '.join(problems)}" if problems else ""))
    bad += bool(problems)
sys.exit(1 if bad else 0)

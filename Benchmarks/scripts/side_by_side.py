#!/usr/bin/env python3
"""Runs IncidentMap and a peer on identical inputs, alternating A B A B.

For each workload: one warm-up of each, then RUNS (default 5) alternating
runs; prints the median wall time, the peak resident memory (max RSS of the
child, from wait4) and the ratio IncidentMap / peer. Ratios from one run on a
shared machine are what to quote; absolute times vary from machine to machine.
Before each timed command the page cache's dirty pages are written back
(sync(2), not timed): no command pays for the writeback of the one before it
(ogr2ogr's Shapefile is 1.8 GB at a million rows, whose writeback slowed the
next command by a second or more).

Usage: side_by_side.py WORKLOADS.json [RUNS] [TABLE.md]
WORKLOADS.json: [{"name": ..., "incidentmap": [argv...], "peer": [argv...] or null, "peer_name": ...,
                  "runs": N (optional, overrides RUNS), "warmup": false (optional)}, ...]
A workload without a peer is timed alone (IncidentMap's own figures).
TABLE.md, when given, receives the closing Markdown table.
"""
import json, os, statistics, sys, time

def run(argv):
    os.sync()  # the previous command's output written back before this one is timed
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1); os.dup2(devnull, 2)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"command failed ({os.waitstatus_to_exitcode(status)}): {' '.join(argv)}")
    return wall, usage.ru_maxrss / 1024.0  # MiB

workloads = json.load(open(sys.argv[1]))
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
rows = []
for w in workloads:
    peer = w.get("peer")
    if w.get("warmup", True):
        run(w["incidentmap"])
        if peer: run(peer)  # warm-up (page cache, imports)
    n = w.get("runs", runs)
    a, b = [], []
    for _ in range(n):
        a.append(run(w["incidentmap"]))
        if peer: b.append(run(peer))
    ta, ma = statistics.median(x[0] for x in a), max(x[1] for x in a)
    if peer:
        tb, mb = statistics.median(x[0] for x in b), max(x[1] for x in b)
        rows.append((w["name"], w.get("peer_name", "peer"), ta, tb, ma, mb))
        print(f"{w['name']}: IncidentMap {ta:.2f} s / {ma:.0f} MiB; {w.get('peer_name','peer')} {tb:.2f} s / {mb:.0f} MiB; "
              f"time ratio {ta/tb:.2f}, memory ratio {ma/mb:.2f}  (median of {n}, alternating)", flush=True)
    else:
        rows.append((w["name"], "—", ta, None, ma, None))
        print(f"{w['name']}: IncidentMap {ta:.2f} s / {ma:.0f} MiB  (median of {n})", flush=True)
lines = ["| workload | peer | IncidentMap s | peer s | time ratio | IncidentMap MiB | peer MiB |", "|---|---|---|---|---|---|---|"]
for name, peer, ta, tb, ma, mb in rows:
    if tb is None:
        lines.append(f"| {name} | {peer} | {ta:.2f} | — | — | {ma:.0f} | — |")
    else:
        lines.append(f"| {name} | {peer} | {ta:.2f} | {tb:.2f} | **{ta/tb:.2f}** | {ma:.0f} | {mb:.0f} |")
print()
print("\n".join(lines))
if len(sys.argv) > 3:
    open(sys.argv[3], "w").write("\n".join(lines) + "\n")

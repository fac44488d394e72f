#!/usr/bin/env python3
"""Peer for the gazetteer workload: the same names resolved with rapidfuzz.

Normalises like IncidentMap (NFKD, marks stripped, case folded, punctuation to
spaces), answers exact keys from a dict, and sends the rest to rapidfuzz's
vectorised `process.cdist` (scorer `fuzz.ratio`, `workers=-1`: every core, as
IncidentMap's batch geocoding uses every core by default), taking the best
choice at or above 80.
Writes query,pcode lines (empty pcode: no match).

Usage: gazetteer_peer.py NAMES.csv QUERIES.tsv OUT.csv
"""
import re, sys, unicodedata
import numpy as np
from rapidfuzz import fuzz, process

def norm(s):
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", s).split())

names = [l.rstrip("\n").rsplit(",", 1) for l in open(sys.argv[1], encoding="utf-8").read().splitlines()[1:]]
keys, pcodes, exact = [], [], {}
for name, pc in names:
    k = norm(name)
    exact.setdefault(k, pc)
    keys.append(k); pcodes.append(pc)
queries = [l.split("\t")[0] for l in open(sys.argv[2], encoding="utf-8").read().splitlines()[1:]]
normed = [norm(q) for q in queries]
answer = [exact.get(k) for k in normed]
missing = [i for i, a in enumerate(answer) if a is None]
if missing:
    scores = process.cdist([normed[i] for i in missing], keys, scorer=fuzz.ratio, score_cutoff=80, workers=-1, dtype=np.uint8)
    best = scores.argmax(axis=1)
    for row, i in enumerate(missing):
        if scores[row, best[row]] >= 80:
            answer[i] = pcodes[best[row]]
with open(sys.argv[3], "w", encoding="utf-8") as f:
    for q, a in zip(queries, answer):
        f.write(f"{a or ''}\n")

#!/usr/bin/env python3
import json, sys, datetime as dt
from collections import Counter
D = sys.argv[1] if len(sys.argv) > 1 else "."
L = json.load(open(f"{D}/labels.json"))
its = {(i["feed"], i["guid"]): i for i in map(json.loads, open(f"{D}/items.jsonl"))}
side = {f: m["side"] for f, m in L["feeds"].items()}
W, B = dt.timedelta(hours=L["window_hours"]), dt.timedelta(hours=L["lookback_hours"])
T = lambda i: dt.datetime.fromisoformat(i["published"])
errs = []; seen = set()
for c in L["claims"]:
    k = (c["feed"], c["guid"])
    if k not in its: errs.append(f"missing claim {k}"); continue
    if k in seen: errs.append(f"dup claim {k}")
    seen.add(k)
    if c["status"] not in ("confirmed", "partial", "unconfirmed"): errs.append(f"bad status {k}")
    if c["status"] == "unconfirmed" and c["matches"]: errs.append(f"unconfirmed with matches {k}")
    if c["status"] != "unconfirmed" and not c["matches"]: errs.append(f"{c['status']} without matches {k}")
    if c.get("denied") and c["status"] == "unconfirmed": errs.append(f"denied but unconfirmed {k}")
    t0 = T(its[k])
    for m in c["matches"]:
        mk = (m["feed"], m["guid"])
        if mk not in its: errs.append(f"missing match {mk} for {k}"); continue
        if side[m["feed"]] == side[c["feed"]]: errs.append(f"same-side match {mk} for {k}")
        t = T(its[mk])
        if not (t0 - B <= t <= t0 + W): errs.append(f"match out of window {mk} for {k}: {(t-t0)}")
print("items", len(its), Counter(f for f, _ in its), "claims", len(L["claims"]))
print(Counter(c["status"] for c in L["claims"]), Counter(c["feed"] for c in L["claims"]), "denied", sum(bool(c.get("denied")) for c in L["claims"]))
print("\n".join(errs) or "OK: all checks passed")

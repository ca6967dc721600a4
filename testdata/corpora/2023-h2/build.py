#!/usr/bin/env python3
"""Builds items.jsonl and labels.json from the build_*.py sources."""
import json, os, datetime as dt
import build_common as c
import build_events as ev, build_fillers, build_sre_fillers, build_more  # noqa: F401
HERE = os.path.dirname(os.path.abspath(__file__))
FEEDS = {
 "sre": {"side": "mx", "style": "gobmx", "title": "Secretaría de Relaciones Exteriores | Prensa", "link": "https://www.gob.mx/sre/prensa", "language": "es-MX"},
 "state": {"side": "us", "style": "wordpress", "title": "Press Releases \u2013 United States Department of State", "link": "https://www.state.gov", "language": "en-US"},
 "cbp": {"side": "us", "style": "drupal", "title": "CBP Media Releases", "link": "https://www.cbp.gov/newsroom", "language": "en"},
 "dhs": {"side": "us", "style": "atom", "title": "Homeland Security News", "link": "https://www.dhs.gov/news", "language": "en"},
}
items = sorted(c.ITEMS.items(), key=lambda kv: dt.datetime.fromisoformat(kv[1]["published"]))
with open(os.path.join(HERE, "items.jsonl"), "w", encoding="utf-8") as fh:
    for k, it in items:
        fh.write(json.dumps(it, ensure_ascii=False) + "\n")
ref = lambda k: {"feed": c.ITEMS[k]["feed"], "guid": c.ITEMS[k]["guid"]}
claims = [dict(ref(k), status=s, matches=[ref(m) for m in ms], why=w, denied=d) for k, s, ms, w, d in ev.CLAIMS]
with open(os.path.join(HERE, "labels.json"), "w", encoding="utf-8") as fh:
    json.dump({"feeds": FEEDS, "window_hours": 168, "lookback_hours": 48, "claims": claims}, fh, ensure_ascii=False, indent=1)
print(len(items), "items,", len(claims), "claims")

import re, unicodedata, json
ITEMS = {}   # key -> item
ORDER = []
_state_p = [441200]
_cbp_n = [421500]

def slug(t):
    t = unicodedata.normalize('NFKD', t).encode('ascii', 'ignore').decode().lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip('-')
    return t[:110].rstrip('-')

def et(date, hm):
    # Eastern offset in 2023-2024 (DST ends 2023-11-05, starts 2024-03-10)
    off = "-04:00" if date < "2023-11-05" else "-05:00"
    return f"{date}T{hm}:00{off}"

def P(*paras):
    return "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in paras)

_links = set()
def add(key, it):
    assert key not in ITEMS, key
    base = it["link"].rstrip("/"); trail = "/" if it["link"].endswith("/") else ""
    link, n = base, 2
    while link in _links:
        link = f"{base}-{n}"; n += 1
    _links.add(link)
    it["link"] = link + trail
    if it["feed"] in ("sre",):
        it["guid"] = link
    if it["feed"] == "dhs":
        it["guid"] = it["guid"] if link == base else it["guid"] + f"-{n-1}"
    ITEMS[key] = it
    ORDER.append(key)
    return it

_sre_no = [280]
def sre(key, date, hm, title, summary, paras, cats=("Comunicados", "América del Norte"), en=False, num=True):
    s = slug(title)
    url = f"https://www.gob.mx/sre/prensa/{s}"
    body = list(paras)
    if num:
        _sre_no[0] += 1
        body = [("Press Release No. " if en else "Comunicado No. ") + str(_sre_no[0])] + body
    return add(key, dict(feed="sre", guid=url, title=title, link=url, published=f"{date}T{hm}:00-06:00",
                         summary=summary, content=P(*body), categories=list(cats)))

def state(key, date, hm, title, summary, paras, cats=("Mexico", "Bureau of Western Hemisphere Affairs"), kind="Readout"):
    _state_p[0] += 37 + (len(title) % 23)
    p = _state_p[0]
    head = f"<p><strong>{kind}</strong> &mdash; Office of the Spokesperson</p>" if kind else ""
    return add(key, dict(feed="state", guid=f"https://www.state.gov/?p={p}", title=title,
                         link=f"https://www.state.gov/{slug(title)}/", published=et(date, hm),
                         summary=summary, content=head + P(*paras), categories=list(cats)))

def cbp(key, date, hm, title, summary, paras, cats=("Border Security",), national=False):
    _cbp_n[0] += 11 + (len(title) % 17)
    n = _cbp_n[0]
    kind = "national-media-release" if national else "local-media-release"
    return add(key, dict(feed="cbp", guid=f"{n} at https://www.cbp.gov", title=title,
                         link=f"https://www.cbp.gov/newsroom/{kind}/{slug(title)}", published=et(date, hm),
                         summary=summary, content=P(*paras), categories=list(cats)))

def dhs(key, date, hm, title, summary, paras, cats=("Press Release",)):
    y, m, d = date.split("-")
    s = slug(title)
    return add(key, dict(feed="dhs", guid=f"tag:dhs.gov,{y}:news/{y}/{m}/{d}/{s}", title=title,
                         link=f"https://www.dhs.gov/news/{y}/{m}/{d}/{s}", published=et(date, hm),
                         summary=summary, content=P(*paras), categories=list(cats)))

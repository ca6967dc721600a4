import json,datetime as dt
L=json.load(open('labels.json'));items={(i['feed'],i['guid']):i for i in map(json.loads,open('items.jsonl'))}
side={k:v['side'] for k,v in L['feeds'].items()}
T=lambda i:dt.datetime.fromisoformat(i['published'])
ok=True
for c in L['claims']:
    k=(c['feed'],c['guid']); assert k in items,k
    assert c['status'] in ('confirmed','partial','unconfirmed')
    assert (c['status']=='unconfirmed')==(not c['matches']),k
    t=T(items[k])
    for m in c['matches']:
        mk=(m['feed'],m['guid']); assert mk in items,mk
        assert side[m['feed']]!=side[c['feed']],(k,mk)
        d=(T(items[mk])-t).total_seconds()/3600
        if not -48<=d<=168: print('OUT OF WINDOW',k,mk,d); ok=False
    # list other-side items in window for manual review
    w=[(round((T(i)-t).total_seconds()/3600,1),i['feed'],i['title'][:70]) for kk,i in items.items() if side[kk[0]]!=side[c['feed']] and -48<=(T(i)-t).total_seconds()/3600<=168]
    print(c['status'].upper(),c['feed'],items[k]['title'][:70],'| matches',len(c['matches']))
    for x in sorted(w): print('     ',x, '*' if any(m['guid']==[g for g,j in [(kk[1],i) for kk,i in items.items()] if j['title'][:70]==x[2]][0] for m in c['matches']) else '')
import collections;print(collections.Counter(c['status'] for c in L['claims']),sum(c['denied'] for c in L['claims']),'OK' if ok else 'FAIL')

# Proxy error counts for the party facts of news articles (a manual audit, not run by CI).
#   target/release/pactum extract ../shared/corpus --format jsonl > /tmp/all.jsonl
#   python3 .ci/news_party_audit.py /tmp/all.jsonl
# Counts distinct (file, party name) pairs whose name looks wrong in one of these ways:
# a country or city as the party, a generic word plus a suffix (`Industries Inc`: the
# start of the name lost), an owner's possessive inside (`Britain's Redland Plc`), a
# place adjective first (`Boston-based`), an HTML entity, `Person Name of Org`, and an
# ALL CAPS headline glued to a name, or read as one (`BORDEN TO ACQUIRE PRINCE CO`). Proxies: they flag likely errors, they do not prove
# the rest right.
import json, re, sys, collections
PLACES=set("Africa America Argentina Asia Australia Austria Belgium Brazil Britain Canada Chile China Denmark Egypt England Europe Finland France Germany Greece Holland Hungary India Indonesia Iran Iraq Ireland Israel Italy Japan Korea Kuwait London Malaysia Mexico Netherlands Nigeria Norway Paris Philippines Poland Portugal Russia Scotland Singapore Spain Sweden Switzerland Sydney Taiwan Thailand Tokyo Toronto Turkey UK U.K. US U.S. USA Venezuela Wales".split())
SUFFIX_ONLY=re.compile(r"^(Industries|Holdings|International|Enterprises|Systems|Group|Acquisition|Capital|Resources|Associates|Partners|Securities|Services|Financial|Products|Technologies|Communications|Corp|Co)\s+(Inc|Corp|Co|Ltd|Plc|PLC|AG|NV|N\.V\.|SA|LP)\.?$")
rows=[json.loads(l) for l in open(sys.argv[1])]
news=[r for r in rows if r['kind']=='party' and '/news/' in r['path']]
names=set((r['path'],r['value']['name']) for r in news)
c=collections.Counter()
for p,n in names:
    if n in PLACES or n.upper() in {x.upper() for x in PLACES if len(x)>3}: c['place as party']+=1
    if SUFFIX_ONLY.match(n): c['truncated (generic word + suffix)']+=1
    if re.search(r"['’]s ", n) and re.match(r"^(\w+ )?(Britain|Canada|China|Japan|Sweden|Singapore|Germany|France|Finland|Italy|London|Switzerland)'s|(Inc|Corp|Co|PLC|Plc|Ltd)>?'s ", n): c['owner possessive inside']+=1
    if re.match(r"^\S+-(based|owned|listed|registered|controlled|led|backed)\b", n, re.I): c['place adjective first']+=1
    if '&lt' in n or '&gt' in n: c['HTML entity']+=1
    if re.match(r"^[A-Z][a-z]+ [A-Z][a-z]+ of ", n) and not re.search(r"(Bank|Corp|Co|Association|Department) of", n): c['person of org']+=1
    if len(re.findall(r"\b[A-Z]{3,}\b", n))>=2 and re.search(r"\b[A-Z][a-z]+", n): c['headline glued']+=1
    if n.isupper() and re.search(r"\b(TO|FOR|FROM|IN|ON|AT|BY|WITH|SAYS|SAID|SEES|BUYS?|SELLS?|ACQUIRES?|BID|OFFERS?|STAKE|PCT|DLRS?|MLN|IT|WILL|PLANS|MERGER|AGREES|COMPLETES|SETS|CUTS|TENDER|SALE|UNIT)\b", n): c['ALL CAPS headline words in the name']+=1
print('news party names (distinct per doc):', len(names), 'facts:', len(news))
for k,v in sorted(c.items()): print(f'  {k}: {v}')

import json, os, re, collections
D='/work/main/benchmarks/heldout2'
KEYS=['article_id','text','kind','speaker','speaker_mention','role','affiliation','cue']
OPEN='“‘"\''; CLOSE='”’"\''
errs=[]; recs=[]
for i,ln in enumerate(open(f'{D}/gold.jsonl',encoding='utf-8'),1):
    try: r=json.loads(ln)
    except Exception as e: errs.append(f'line {i}: bad json {e}'); continue
    if list(r.keys())!=KEYS: errs.append(f'line {i}: keys {list(r.keys())}')
    r['_line']=i; recs.append(r)
arts={f[:-4]:open(f'{D}/{f}',encoding='utf-8').read() for f in os.listdir(D) if f.endswith('.txt')}
prev={}
for r in recs:
    i=r['_line']; a=r['article_id']; t=r['text']; k=r['kind']
    if a not in arts: errs.append(f'line {i}: no article {a}'); continue
    if k not in ('direct','partial','indirect','term'): errs.append(f'line {i}: kind {k}')
    if k=='term' and any(r[x] is not None for x in ('speaker','speaker_mention','cue','role','affiliation')): errs.append(f'line {i}: term with non-null fields')
    if k!='term' and not r['speaker']: errs.append(f'line {i}: no speaker')
    if k!='term' and (r['speaker_mention'] is None) != (r['cue'] is None): errs.append(f'line {i}: mention/cue null mismatch')
    if k!='direct' and k!='term' and r['cue'] is None: errs.append(f'line {i}: only direct follow-ons may lack cue')
    art=arts[a]
    paras=art.split('\n\n'); body_start=len(paras[0])+2+(len(paras[1])+2 if paras[1].startswith('By ') else 0)
    start=prev.get(a,body_start-1)+1
    p=art.find(t,start)
    if art.count(t)==0: errs.append(f'line {i}: TEXT NOT FOUND: {t[:60]}'); continue
    if p<0: errs.append(f'line {i}: out of reading order: {t[:60]}'); continue
    prev[a]=p
    e=p+len(t)
    before=art[p-1]; after=art[e] if e<len(art) else '\n'
    if k in ('direct','partial','term'):
        if before not in OPEN: errs.append(f'line {i}: char before {before!r} not an opening mark: {t[:50]}')
        if not (after in CLOSE or (after==',' and art[e+1] in CLOSE) or after=='\n'):
            errs.append(f'line {i}: char after {after!r}: {t[:50]}')
        if after=='\n' and k!='direct': errs.append(f'line {i}: unclosed non-direct')
    else:
        if any(c in t for c in '“”"'): errs.append(f'line {i}: indirect contains quote marks')
        if t.lower().startswith('that ') or t.endswith('.'): errs.append(f'line {i}: indirect starts with that / ends with full stop')
    if t.endswith(','): errs.append(f'line {i}: trailing comma')
# coverage of double-quote spans
for a,art in sorted(arts.items()):
    paras=art.split('\n\n'); bodyp=paras[2:] if paras[1].startswith('By ') else paras[1:]
    body='\n\n'.join(bodyp)
    mine=[r['text'] for r in recs if r['article_id']==a]
    spans=re.findall(r'“([^”]*)”',body)+re.findall(r'"([^"\n]*)"',body)
    for s in spans:
        s2=s[:-1] if s.endswith(',') else s
        if s2 not in mine and not any(s2 in m and m!=s2 for m in mine):
            errs.append(f'{a}: quoted span not annotated: {s[:60]}')
    nd=body.count('"'); nc=(body.count('“'),body.count('”')); 
    print(f'{a:38s} recs={len(mine):3d} straight"={nd:2d} curly={nc} ‘={body.count("‘")} ’={body.count("’")}')
c=collections.Counter(r['kind'] for r in recs)
print(dict(c), 'total', len(recs))
print('ERRORS' if errs else 'OK: no errors'); print('\n'.join(errs))

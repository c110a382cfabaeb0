#!/usr/bin/env python3
"""The one consistency check for a quote gold set (plain Python, no geolib).

    python benchmarks/check_gold.py benchmarks/heldout5

Checks a set's ``gold.jsonl`` against its ``*.txt`` articles: record keys and kinds; every
text found in the body in reading order, after an opening mark (or a transcript label),
and closed; indirect texts without marks, a leading "that" or a final full stop; each
mention and cue in the record's paragraph and each speaker in the body; one role and
affiliation per speaker in an article; every quoted span (double, single, transcript
line, quotes running across two paragraphs) covered by a record. It reads no geolib code,
so a set's author can run it without seeing the rules.
"""
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path.cwd()
KEYS = ["article_id", "text", "kind", "speaker", "speaker_mention", "role", "affiliation", "cue"]
KINDS = {"direct", "partial", "indirect", "term"}
OPEN = "“\"‘'"
CLOSE = "”\"’'"
QUOTE_CHARS = "“”\"‘"  # ’ is left out: it doubles as the apostrophe

errors = []


def err(msg):
    errors.append(msg)


def body_of(text):
    """Return (body_start_offset, list of (start, end) paragraph spans in the body)."""
    spans = []
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        spans.append((m.start(), m.end()))
    if not spans:
        return len(text), []
    paras = spans[1:]  # drop title
    if paras and text[paras[0][0]:].startswith("By "):
        paras = paras[1:]  # drop byline
    return (paras[0][0] if paras else len(text)), paras


def double_spans(text, paras):
    """Double-quoted spans (curly or straight) in the body: (content_start, content_end).

    A paragraph may leave one curly quote open when the next paragraph starts with an
    opening mark (a quote running across paragraphs); that span runs to the end of the
    paragraph.
    """
    out = []
    for n, (ps, pe) in enumerate(paras):
        p = text[ps:pe]
        # curly
        for m in re.finditer(r"“([^”]*)”", p):
            out.append((ps + m.start(1), ps + m.end(1)))
        # straight: pair up in order within the paragraph
        idx = [i for i, c in enumerate(p) if c == '"']
        for a, b in zip(idx[0::2], idx[1::2], strict=False):
            out.append((ps + a + 1, ps + b))
        opened = p.count("“") - p.count("”")
        nxt = text[paras[n + 1][0]:paras[n + 1][0] + 1] if n + 1 < len(paras) else ""
        last_open = p.rfind("“")
        if opened == 1 and nxt == "“" and "”" not in p[last_open:] and len(idx) % 2 == 0:
            spanning.append(p[:60])
            out.append((ps + last_open + 1, pe))
        elif opened != 0 or len(idx) % 2:
            out_unbalanced.append(p[:60])
    return out


def single_spans(text, paras):
    """‘…’ spans: the closing ’ is the first one not followed by a letter."""
    out = []
    for ps, pe in paras:
        p = text[ps:pe]
        for m in re.finditer("‘", p):
            j = m.end()
            while True:
                k = p.find("’", j)
                if k < 0:
                    break
                nxt = p[k + 1:k + 2]
                if nxt and nxt.isalpha():
                    j = k + 1
                    continue
                out.append((ps + m.end(), ps + k))
                break
    return out


gold_path = HERE / "gold.jsonl"
records = []
for n, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
    try:
        r = json.loads(line)
    except json.JSONDecodeError as e:
        err(f"line {n}: bad JSON ({e})")
        continue
    if list(r.keys()) != KEYS:
        err(f"line {n}: keys {list(r.keys())}")
        continue
    r["_line"] = n
    records.append(r)

by_article = defaultdict(list)
for r in records:
    by_article[r["article_id"]].append(r)

articles = sorted(p.stem for p in HERE.glob("*.txt"))
for aid in by_article:
    if aid not in articles:
        err(f"unknown article_id {aid}")

out_unbalanced = []
spanning = []
covered_total = 0
for aid in articles:
    text = (HERE / f"{aid}.txt").read_text(encoding="utf-8")
    body_start, paras = body_of(text)
    recs = by_article.get(aid, [])
    prev = body_start
    starts = {}
    roles = {}
    for r in recs:
        n, t, kind = r["_line"], r["text"], r["kind"]
        if kind not in KINDS:
            err(f"line {n}: bad kind {kind!r}")
        if not isinstance(t, str) or not t:
            err(f"line {n}: empty text")
            continue
        for k in KEYS:
            if r[k] is not None and not isinstance(r[k], str):
                err(f"line {n}: {k} is not a string or null")
        if kind == "term":
            if any(r[k] is not None for k in ("speaker", "speaker_mention", "role", "affiliation", "cue")):
                err(f"line {n}: term with non-null speaker/mention/role/affiliation/cue")
        else:
            if not r["speaker"]:
                err(f"line {n}: {kind} without speaker")
            if (r["speaker_mention"] is None) != (r["cue"] is None):
                err(f"line {n}: mention/cue must both be null (follow-on) or both set")
            if r["speaker_mention"] is None and kind != "direct":
                err(f"line {n}: follow-on must be direct")
        # locate the text in the body, in reading order
        pos = text.find(t, prev)
        while pos >= 0 and kind != "indirect":
            before = text[pos - 1] if pos > 0 else "\n"
            line_start = text.rfind("\n", 0, pos) + 1
            label = re.fullmatch(r"[A-ZÀ-ÞØ][A-ZÀ-ÞØ'-]+: ", text[line_start:pos])
            if before in OPEN or label:
                break
            pos = text.find(t, pos + 1)
        if pos < 0:
            err(f"line {n}: text not found in body after previous record: {t[:60]!r}")
            continue
        if pos < body_start:
            err(f"line {n}: text found outside body")
        end = pos + len(t)
        after = text[end:end + 2]
        if kind == "indirect":
            if any(c in t for c in QUOTE_CHARS):
                err(f"line {n}: indirect text contains quotation marks")
            if re.match(r"that\b", t):
                err(f"line {n}: indirect text starts with 'that'")
            if t.endswith("."):
                err(f"line {n}: indirect text ends with a full stop")
        else:
            ok = (after[:1] in CLOSE) or (after[:1] == "," and after[1:2] in CLOSE) \
                or after[:1] in ("\n", "")  # transcript line / end of paragraph
            if not ok:
                err(f"line {n}: {kind} text not followed by a closing mark: {t[-30:]!r} -> {after!r}")
        starts[pos] = r
        prev = pos
        para = next(((ps, pe) for ps, pe in paras if ps <= pos < pe), None)
        ptext = text[para[0]:para[1]] if para else ""
        if r["speaker_mention"] is not None and r["speaker_mention"] not in ptext:
            err(f"line {n}: mention {r['speaker_mention']!r} not in the record's paragraph")
        if r["cue"] not in (None, ":", "—") and r["cue"].lower() not in ptext.lower():
            err(f"line {n}: cue {r['cue']!r} not in the record's paragraph")
        if r["speaker"] is not None and r["speaker"].lower() not in text[body_start:].lower():
            err(f"line {n}: speaker {r['speaker']!r} does not occur in the body")
        if r["speaker"] is not None:
            ra = (r["role"], r["affiliation"])
            seen = roles.setdefault(r["speaker"], ra)
            if seen != ra:
                err(f"line {n}: role/affiliation {ra} differ from earlier {seen} for {r['speaker']!r}")

    # coverage of quoted spans
    def covered(cs, ce, text=text, starts=starts):
        content = text[cs:ce]
        r = starts.get(cs)
        if not r:
            return False
        return r["text"] in (content, content.rstrip(","))

    for cs, ce in double_spans(text, paras):
        covered_total += 1
        if not covered(cs, ce):
            err(f"{aid}: double-quoted span not covered: {text[cs:ce][:60]!r}")
    for ps, pe in paras:  # transcript lines ("NAME: words") count as quotes too
        m = re.match(r"[A-ZÀ-ÞØ][A-ZÀ-ÞØ'-]+: ", text[ps:pe])
        if m:
            covered_total += 1
            if not covered(ps + m.end(), pe):
                err(f"{aid}: transcript line not covered: {text[ps:pe][:60]!r}")
    for cs, ce in single_spans(text, paras):
        covered_total += 1
        if not covered(cs, ce):
            err(f"{aid}: single-quoted span not covered: {text[cs:ce][:60]!r}")

for p in out_unbalanced:
    err(f"unbalanced double quotes in paragraph: {p!r}")

kinds = Counter(r["kind"] for r in records)
print(f"{len(records)} records in {len(by_article)} articles ({len(articles)} article files)")
for k in ("direct", "partial", "indirect", "term"):
    print(f"  {k:9s} {kinds[k]}")
print(f"  quoted spans checked: {covered_total}")
print(f"  quotes running across paragraphs: {len(spanning)}")
per = []
for aid in articles:
    c = Counter(r["kind"] for r in by_article.get(aid, []))
    per.append(f"{aid.split('_')[0]} {c['direct']}/{c['partial']}/{c['indirect']}/{c['term']}")
print("  per article (direct/partial/indirect/term): " + ", ".join(per))
if errors:
    print(f"{len(errors)} error(s):")
    for e in errors:
        print("  " + e)
    sys.exit(1)
print("OK: no errors")

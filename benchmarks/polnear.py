"""Reading PolNeAR's train and dev splits as gold attributions (never its test split).

PolNeAR (networkdynamics/PolNeAR) stores, per split, ``text/NAME.txt`` (the raw article,
its first line the headline), ``attributions/NAME_ANNOTATOR.ann`` (BRAT standoff: ``T``
lines are Source, Cue and Content spans as character offsets into the text, fragments
separated by ``;``; ``E`` lines tie one attribution's spans together; ``Attribution-no-source``
attributions have no Source) and ``corenlp/NAME.txt.xml`` (CoreNLP tokens and dcoref
chains). Articles annotated by several annotators have one ``.ann`` per annotator; the
first in name order is used.

The mirror is either the bare git directory of a clone (read with ``git cat-file``) or a
checkout with a ``data`` folder. Nothing here reads ``data/test``.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from scoring import Span, name_part, name_words, quoted_regions, quoted_share

SPLITS = ("train", "dev")  # the test split is reserved for final measurement by others
DIRECT_SHARE = 0.8  # a content span is a direct quote when >= 80% of its letters are quoted
NAME_POS = {"NNP", "NNPS"}
_TOKEN = re.compile(
    rb'<sentence id="(\d+)"|<token id="(\d+)">\s*<word>[^<]*</word>\s*<lemma>[^<]*</lemma>\s*'
    rb"<CharacterOffsetBegin>(\d+)</CharacterOffsetBegin>\s*<CharacterOffsetEnd>(\d+)</CharacterOffsetEnd>"
    rb"\s*<POS>([^<]*)</POS>\s*<NER>([^<]*)</NER>")
LOOKBACK = 1500  # characters back to the SOURCE a pronoun may continue
MAX_MENTION = 8  # tokens; longer dcoref mentions are clauses that name other people too


class Mirror:
    """Files of a PolNeAR mirror: a bare git directory or a checkout."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.bare = (self.path / "HEAD").is_file() and (self.path / "objects").is_dir()
        self._batch: subprocess.Popen | None = None

    def usable(self) -> bool:
        if self.bare:
            return bool(self._git("ls-tree", "--name-only", "HEAD", "data/train/text/"))
        return (self.path / "data" / "train" / "text").is_dir()

    def _git(self, *args: str) -> str:
        result = subprocess.run(["git", "--git-dir", str(self.path), *args],
                                capture_output=True, text=True, check=False)
        return result.stdout if result.returncode == 0 else ""

    def names(self, folder: str) -> list[str]:
        """File names (not paths) in ``folder`` (e.g. ``data/dev/text``)."""
        _check(folder)
        if self.bare:
            return sorted(Path(p).name for p in self._git("ls-tree", "--name-only", "HEAD", folder + "/")
                          .splitlines())
        directory = self.path / folder
        return sorted(p.name for p in directory.iterdir()) if directory.is_dir() else []

    def read(self, path: str) -> bytes | None:
        """One file's bytes, or None when absent."""
        _check(path)
        if not self.bare:
            file = self.path / path
            return file.read_bytes() if file.is_file() else None
        if self._batch is None:  # one long-lived process: one git call per file is slow
            self._batch = subprocess.Popen(["git", "--git-dir", str(self.path), "cat-file", "--batch"],
                                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self._batch.stdin and self._batch.stdout
        self._batch.stdin.write(f"HEAD:{path}\n".encode())
        self._batch.stdin.flush()
        header = self._batch.stdout.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            return None
        data = self._batch.stdout.read(int(header[2]))
        self._batch.stdout.read(1)  # the newline after each object
        return data

    def close(self) -> None:
        if self._batch is not None:
            assert self._batch.stdin
            self._batch.stdin.close()
            self._batch.wait()
            self._batch = None


def _check(path: str) -> None:
    parts = Path(path).parts
    if len(parts) < 2 or parts[0] != "data" or parts[1] not in SPLITS:
        raise ValueError(f"refusing to read {path}: only data/train and data/dev are used")


@dataclass
class GoldAttribution:
    """One PolNeAR content span with its source."""

    content: Span
    source: Span | None
    source_text: str | None
    cue: Span | None = None
    source_name: str | None = None  # the name a pronoun or nameless source refers to (dcoref)
    pronoun_name: str | None = None  # a pronoun's name when dcoref and the previous named source agree
    quoted: float = 0.0  # share of the content's letters inside quotation marks

    @property
    def direct(self) -> bool:
        return self.quoted >= DIRECT_SHARE

    @property
    def pronoun(self) -> bool:
        """The SOURCE is a bare pronoun ("he", "she's")."""
        words = name_words(self.source_text)
        return bool(words) and all(w in _PRONOUNS for w in words)

    @property
    def nameless(self) -> bool:
        """The SOURCE is a noun phrase without a name ("the mayor", "the letter")."""
        return bool(self.source_text) and not self.pronoun and not _has_name(self.source_text or "")

    @property
    def speaker_names(self) -> list[str] | None:
        """What a predicted speaker is compared with: the SOURCE's name part; for a nameless
        SOURCE also the name coreference gives it; for a pronoun only ``pronoun_name``. None
        when the gold names nobody: no SOURCE, or a pronoun without ``pronoun_name``."""
        if not self.source_text:
            return None
        if self.pronoun:
            return [self.pronoun_name] if self.pronoun_name else None
        extra = [self.source_name] if self.nameless and self.source_name else []
        return [name_part(self.source_text), *extra]


@dataclass
class GoldArticle:
    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def _fragments(offsets: str) -> Span:
    return tuple((int(a), int(b)) for a, b in (part.split()[-2:] for part in offsets.split(";")))


def parse_ann(ann: str, text: str) -> list[GoldAttribution]:
    """Gold attributions from a BRAT ``.ann`` file: one per Content (or Content2) span."""
    spans: dict[str, tuple[str, Span]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _fragments(offsets))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    regions = quoted_regions(text)
    gold = []
    for event in events:
        source = spans.get(event.get("Source", ""), (None, None))[1]
        source_text = " ".join(text[a:b] for a, b in source) if source else None
        cue = spans.get(event.get("Cue", ""), (None, None))[1]
        for role in ("Content", "Content2"):
            if role in event and event[role] in spans:
                content = spans[event[role]][1]
                gold.append(GoldAttribution(content, source, source_text, cue,
                                            quoted=quoted_share(text, content, regions)))
    return gold


def _corenlp_names(xml: bytes, text: str) -> list[tuple[set[int], str]]:
    """For every dcoref chain with a name in it: the characters of its mentions' head
    tokens, and the chain's name: the proper noun its mentions repeat most (a majority,
    because dcoref chains sometimes take in a mention of someone else)."""
    # Tokens by regular expression: ElementTree over the whole file (parse trees and
    # dependencies included) is ten times slower, and the corpus has 800 MB of it.
    sentences: dict[str, dict[str, tuple[int, int, str, str]]] = {}
    tokens: dict[str, tuple[int, int, str, str]] = {}
    for match in _TOKEN.finditer(xml):
        if match.group(1) is not None:
            tokens = sentences.setdefault(match.group(1).decode(), {})
        else:
            tokens[match.group(2).decode()] = (int(match.group(3)), int(match.group(4)),
                                               match.group(5).decode(), match.group(6).decode())
    start, end = xml.find(b"<coreference>"), xml.rfind(b"</coreference>")
    coreference = ET.fromstring(xml[start:end + len(b"</coreference>")]) if 0 <= start < end else None
    chains = []
    for chain in coreference if coreference is not None else []:
        heads: set[int] = set()
        names: Counter[str] = Counter()
        for mention in chain.iter("mention"):
            tokens = sentences.get(mention.findtext("sentence", ""), {})
            head = tokens.get(mention.findtext("head", ""))
            if head is None:
                continue
            heads.update(range(head[0], head[1]))
            ids = range(int(mention.findtext("start", "0")), int(mention.findtext("end", "0")))
            if len(ids) > MAX_MENTION:
                continue
            for token in (tokens.get(str(i)) for i in ids):
                # proper nouns CoreNLP tags as names: not titles ("Secretary", "President")
                if token and token[2] in NAME_POS and token[3] != "O":
                    names[text[token[0]:token[1]]] += 1 + (token == head)  # the head: the surname
        if names:
            chains.append((heads, names.most_common(1)[0][0]))
    return chains


def resolve_sources(gold: list[GoldAttribution], xml: bytes | None, text: str) -> None:
    """Give sources without a proper name (pronouns, "the campaign") the name their
    dcoref chain gives, when CoreNLP found one; give a pronoun a ``pronoun_name`` when that
    name is also in the nearest earlier SOURCE that names someone. (CoreNLP's dcoref alone,
    checked on train, too often ties "he" to the wrong person to serve as gold.)"""
    if not xml:
        return
    chains = None
    named = sorted((g.source[0][0], name_part(g.source_text)) for g in gold
                   if g.source and g.source_text and _has_name(g.source_text))
    for item in gold:
        if not item.source or not item.source_text or _has_name(item.source_text):
            continue
        if chains is None:
            chains = _corenlp_names(xml, text)
        chars = {i for a, b in item.source for i in range(a, b)}
        for heads, name in chains:
            if heads & chars:
                item.source_name = name
                break
        if item.pronoun and item.source_name:
            start = item.source[0][0]
            earlier = [(at, name) for at, name in named if start - LOOKBACK <= at < start]
            if earlier and name_words(item.source_name)[-1:] and \
                    name_words(item.source_name)[-1] in name_words(earlier[-1][1]):
                item.pronoun_name = earlier[-1][1]


def _has_name(phrase: str) -> bool:
    """A capitalised word after the first (the first may be capitalised by the sentence)."""
    words = phrase.split()
    return any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0][:1].isupper()
                                                         and words[0].lower() not in _PRONOUNS)


_PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "his", "her", "their", "its", "our", "my",
             "him", "them", "us", "me", "this", "that", "these", "those", "who"}


def load_split(mirror: Mirror, split: str, limit: int | None = None) -> list[GoldArticle]:
    """The split's articles with gold attributions (first annotator), in name order."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}; the test split is reserved")
    annotations: dict[str, str] = {}
    for name in mirror.names(f"data/{split}/attributions"):
        article = name.rsplit("_", 1)[0]
        annotations.setdefault(article, name)
    articles = []
    for name in mirror.names(f"data/{split}/text"):
        if limit is not None and len(articles) >= limit:
            break
        stem = name.removesuffix(".txt")
        data = mirror.read(f"data/{split}/text/{name}")
        ann = mirror.read(f"data/{split}/attributions/{annotations[stem]}") if stem in annotations else None
        if data is None or ann is None:
            continue
        text = data.decode("utf-8")
        gold = parse_ann(ann.decode("utf-8"), text)
        resolve_sources(gold, mirror.read(f"data/{split}/corenlp/{name}.xml"), text)
        articles.append(GoldArticle(stem, text, gold))
    return articles

"""HTML pages: trafilatura extracts the article text; the page's meta tags, microdata and
JSON-LD give its title, date and authors; geolib reads the extracted text, then finds each
paragraph again in the page itself, so that offsets index the ``.html`` file's text.

Offsets into a page (``Article.offsets_base == "html"``) index the raw file's decoded text:
a paragraph's characters come from the text between its tags, with character references
such as ``&amp;`` decoded (such a character maps to the reference's ``&``). Where some
paragraph cannot be found in the page, every offset indexes the cached extracted text
instead, and ``offsets_base`` names that file.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from geolib.errors import ArticleError
from geolib.model import Dropped, Paragraph
from geolib.paths import cache_dir


@dataclass(frozen=True)
class Extraction:
    text: str
    base: str
    markdown: bool = False  # whether ``text`` is Markdown (headings, emphasis, images)
    captions: frozenset[str] = frozenset()  # figure captions, as whitespace-normalised text
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    outlet: str | None = None
    section: str | None = None
    topics: list[str] = field(default_factory=list)
    standfirst: str | None = None
    url: str | None = None
    published_stated: bool = False  # the date is the page's own (meta tags), not a guess


def extract_html(path: Path, html: str) -> Extraction:
    """The article's text (as Markdown, keeping headings and images) and metadata."""
    import lxml.html  # trafilatura's own parser
    import trafilatura  # heavy; only HTML needs it

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise ArticleError(path, f"HTML page cannot be parsed ({exc})") from None
    captions = frozenset(
        text for node in tree.iter("figcaption") if (text := " ".join(node.text_content().split()))
    )
    # trafilatura leaves figure captions out; as paragraphs they stay, and ``captions`` names them.
    html = _FIGCAPTION.sub(r"<\1p", html)
    options = {"include_comments": False, "include_tables": False}
    document = trafilatura.bare_extraction(html, with_metadata=True, **options)
    if document is None or not (document.text or "").strip():
        raise ArticleError(path, "HTML page holds no article text that could be extracted")
    markdown = trafilatura.extract(
        html, output_format="markdown", include_formatting=True, include_images=True, **options
    )
    text = markdown if markdown and markdown.strip() else document.text
    base = _cache_extracted(path, text)
    tags = [t.strip() for tag in (document.tags or []) for t in tag.split(",") if t.strip()]
    page = page_metadata(tree)
    return Extraction(
        text=text,
        base=base,
        markdown=text is markdown,
        captions=captions,
        title=page.get("title") or document.title or None,
        authors=page.get("authors") or _split_authors(document.author or ""),
        published=page.get("published") or document.date or None,
        outlet=page.get("site") or document.sitename or None,
        section=page.get("section") or (document.categories or [None])[0],
        topics=tags or _json_ld_keywords(tree),
        standfirst=document.description or page.get("description") or None,
        url=page.get("url") or document.url or None,
        published_stated=bool(page.get("published")),
    )


def _split_authors(text: str) -> list[str]:
    return [a.strip() for a in re.split(r";|,|\band\b|&", text) if a.strip()]


# -- the page's own metadata -----------------------------------------------------------
# Meta tags by property or name (lower case), in order of preference.
_META = {
    "title": ("og:title", "twitter:title", "headline", "dc.title", "parsely-title", "sailthru.title"),
    "published": ("article:published_time", "og:article:published_time", "og:published_time",
                  "datepublished", "publishdate", "publish-date", "pubdate", "date", "dc.date.issued",
                  "dc.date", "dcterms.issued", "dcterms.created", "parsely-pub-date", "sailthru.date",
                  "citation_publication_date", "article.published", "published_time"),
    "authors": ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author",
                "citation_author"),
    "url": ("og:url", "twitter:url"),
    "site": ("og:site_name", "application-name", "publisher"),
    "section": ("article:section", "parsely-section"),
    "description": ("og:description", "description", "twitter:description"),
}
_ARTICLE_TYPES = ("article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "blogposting", "webpage", "report", "liveblogposting")


def page_metadata(tree) -> dict:
    """Title, date, authors, URL, site, section and description as the page states them:
    JSON-LD first, then meta tags and microdata (``itemprop``)."""
    found: dict = {}
    for item in _json_ld_articles(tree):
        _take(found, "title", item.get("headline") or item.get("name"))
        _take(found, "published", item.get("datePublished") or item.get("dateCreated"))
        _take(found, "authors", _ld_names(item.get("author") or item.get("creator")))
        _take(found, "url", item.get("url") if isinstance(item.get("url"), str) else None)
        _take(found, "site", _ld_names(item.get("publisher"))[:1])
        _take(found, "section", item.get("articleSection"))
        _take(found, "description", item.get("description"))
    metas: dict[str, list[str]] = {}
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or "").strip().lower()
        value = (node.get("content") or "").strip()
        if key and value:
            metas.setdefault(key, []).append(value)
    for node in tree.xpath("//*[@itemprop]"):
        key = node.get("itemprop", "").strip().lower()
        if key not in _MICRODATA or not _in_article_scope(node):
            continue
        value = node.get("datetime") or node.get("content") or node.text_content()
        if value and value.strip():
            metas.setdefault(key, []).append(value.strip())
    for node in tree.xpath("//time[@pubdate]"):
        if node.get("datetime"):
            metas.setdefault("pubdate", []).append(node.get("datetime"))
    for field_name, keys in _META.items():
        for key in keys:
            values = metas.get(key)
            if not values:
                continue
            if field_name == "authors":
                names = [n for v in values if not v.startswith(("http://", "https://"))
                         for n in _split_authors(v)]
                _take(found, field_name, names)
            else:
                _take(found, field_name, values[0])
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    if canonical and canonical[0].startswith(("http://", "https://")):
        found.setdefault("url", canonical[0])
    if "title" in found and "site" in found:
        found["title"] = _without_site_name(found["title"], found["site"])
    return found


def _without_site_name(title: str, site: str) -> str:
    """"Beijing weighs Moscow ties | The Daily Globe" -> "Beijing weighs Moscow ties"."""
    for separator in (" | ", " - ", " – ", " — ", " :: "):
        head, _, tail = title.rpartition(separator)
        if head and tail.strip().casefold() == site.casefold():
            return head.strip()
        tail, _, rest = title.partition(separator)
        if rest and tail.strip().casefold() == site.casefold():
            return rest.strip()
    return title


# Microdata properties read, as the keys of ``_META`` name them.
_MICRODATA = ("datepublished", "headline", "author")


def _in_article_scope(node) -> bool:
    """Whether a microdata property belongs to the page's article, not to a photo or video
    inside it: its nearest ``itemscope`` is an article type, or there is none."""
    for ancestor in node.iterancestors():
        if ancestor.get("itemscope") is not None:
            kind = ancestor.get("itemtype", "").rstrip("/").rsplit("/", 1)[-1].lower()
            return not kind or kind in _ARTICLE_TYPES
    return True


def _take(found: dict, name: str, value) -> None:
    """Keep the first value found for ``name``; text with its whitespace made single."""
    if name in found or not value:
        return
    if isinstance(value, list):
        value = [" ".join(str(v).split()) for v in value if isinstance(v, str) and v.strip()]
        if value:
            found[name] = value
    elif isinstance(value, str) and value.strip():
        found[name] = " ".join(html_lib.unescape(value).split())


def _json_ld_articles(tree) -> list[dict]:
    """The page's JSON-LD objects that describe an article, in order."""
    items = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        for item in _json_ld_items(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
                items.append(item)
    return items


def _ld_names(value) -> list[str]:
    """Names in a JSON-LD ``author`` or ``publisher``: a string, an object or a list."""
    values = value if isinstance(value, list) else [value]
    names = []
    for item in values:
        if isinstance(item, dict):
            item = item.get("name")
        if isinstance(item, str) and item.strip() and not item.startswith(("http://", "https://")):
            names.append(item.strip())
    return names


_FIGCAPTION = re.compile(r"<(/?)figcaption\b", re.IGNORECASE)


def _json_ld_keywords(tree) -> list[str]:
    """``keywords`` of the page's JSON-LD article metadata (a list or a comma-separated string)."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        for item in _json_ld_items(data):
            keywords = item.get("keywords")
            if isinstance(keywords, str):
                keywords = keywords.split(",")
            if isinstance(keywords, list):
                found = [k.strip() for k in keywords if isinstance(k, str) and k.strip()]
                if found:
                    return found
    return []


def _json_ld_items(data) -> list[dict]:
    """Every object in a JSON-LD document, including those in lists and ``@graph``."""
    if isinstance(data, list):
        return [item for element in data for item in _json_ld_items(element)]
    if isinstance(data, dict):
        return [data, *_json_ld_items(data.get("@graph", []))]
    return []


def _cache_extracted(path: Path, text: str) -> str:
    """Keep the extracted text so offsets into it stay traceable; return where it is."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    target = cache_dir() / "extracted" / f"{path.stem}-{digest}.txt"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_text(text, encoding="utf-8")
    except OSError:
        return f"trafilatura extraction of {path} (not cached: folder not writable)"
    return str(target)


# -- offsets into the page -------------------------------------------------------------
# What is not page text: comments, scripts, styles, the <title>, and tags themselves.
_NOT_TEXT = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|noscript|template|title|textarea)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)|</?[a-zA-Z][^>]*>|<[!?][^>]*>",
    re.DOTALL | re.IGNORECASE,
)
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_WORD = re.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff\xad]+")


class PageText:
    """A page's text as a reader sees it: the characters between tags, references decoded,
    whitespace left out; each with the offset and length it has in the raw page."""

    def __init__(self, page: str) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.lengths: list[int] = []  # 1, or a character reference's length
        at = 0
        for match in _NOT_TEXT.finditer(page):
            if match.start() > at:
                self._add_run(page, at, match.start())
            at = match.end()
        if at < len(page):
            self._add_run(page, at, len(page))
        self.text = "".join(self.chars)
        del self.chars

    def _add_run(self, page: str, start: int, end: int) -> None:
        at = start
        if "&" in page[start:end]:
            for ref in _REFERENCE.finditer(page, start, end):
                decoded = html_lib.unescape(ref.group())
                if decoded == ref.group():
                    continue  # not a reference after all ("AT&T")
                self._add_words(page, at, ref.start())
                for char in decoded:
                    if not char.isspace() and char not in _INVISIBLE:
                        self.chars.append(char)
                        self.offsets.append(ref.start())
                        self.lengths.append(ref.end() - ref.start())
                at = ref.end()
        self._add_words(page, at, end)

    def _add_words(self, page: str, start: int, end: int) -> None:
        for word in _WORD.finditer(page, start, end):
            self.chars.extend(word.group())
            self.offsets.extend(range(word.start(), word.end()))
            self.lengths.extend([1] * (word.end() - word.start()))

    def find(self, text: str, cursor: int) -> int:
        """Where ``text`` (without whitespace) begins at or after ``cursor``, else anywhere; -1."""
        found = self.text.find(text, cursor)
        return found if found >= 0 else self.text.find(text)


@dataclass(frozen=True)
class Location:
    base: str  # "html", or the cached extracted text's path
    paragraphs: list[Paragraph]
    dropped: list[Dropped]
    gapped: int  # paragraphs whose page span holds text the extraction left out

    @property
    def note(self) -> str | None:
        """What a reader of the offsets must know, as a warning."""
        if self.base != "html":
            return (f"offsets index the extracted text ({self.base}): not every paragraph "
                    "was found in the page")
        if self.gapped:
            return (f"offsets: {self.gapped} paragraph(s) span page text the extraction left "
                    "out (hidden elements); each character still maps to its place")
        return None


def locate_in_html(
    page: str, extraction: Extraction, paragraphs: list[Paragraph], dropped: list[Dropped]
) -> Location:
    """Offsets into the page's text (base ``"html"``) when every paragraph is found in it;
    else everything unchanged, indexing the extracted text (base: its cached copy). A dropped
    line that is not page text (a Markdown rule trafilatura wrote) gets an empty span where
    it would have been.

    Paragraphs are looked for in the text a reader sees (hidden elements left out), then,
    failing that, in all the page's text, allowing for text the extraction left out."""
    records: list[tuple[int, int, Paragraph | Dropped]] = sorted(
        [(p.start, 0, p) for p in paragraphs] + [(d.start, 1, d) for d in dropped],
        key=lambda r: (r[0], r[1]),
    )
    visible = _without_hidden(page)
    views = [visible, page] if visible is not page else [page]
    for view in views:
        located = _locate_all(page, PageText(view), records)
        if located is not None:
            moved, gapped = located
            return Location("html", [moved[id(p)] for p in paragraphs],
                            [moved[id(d)] for d in dropped], gapped)
    return Location(extraction.base, paragraphs, dropped, 0)


def _locate_all(page: str, text: PageText, records: list) -> tuple[dict, int] | None:
    """Every record moved into the page (by ``id``), and how many paragraphs' spans hold
    text that is not theirs; None when some paragraph is not found."""
    moved: dict[int, Paragraph | Dropped] = {}
    cursor = 0
    raw_at = 0
    gapped = 0
    for _, is_dropped, record in records:
        if is_dropped:
            span = _locate_span(text, record, cursor, page)
            if span is None:
                moved[id(record)] = Dropped(record.text, raw_at, raw_at, record.reason)
                continue
            (start, end), cursor = span
            moved[id(record)] = Dropped(record.text, start, end, record.reason)
            raw_at = end
            continue
        found = _locate_paragraph(text, record, cursor, page)
        if found is None:
            return None
        paragraph, cursor, gap = found
        moved[id(record)] = paragraph
        if gap:  # text left out: only what a reader cannot see, or something more?
            shown = visible_text(page[paragraph.start : paragraph.end])
            gapped += _letters(shown) != _letters(paragraph.text)
        raw_at = paragraph.end
    return moved, gapped


def _locate_span(
    text: PageText, dropped: Dropped, cursor: int, page: str
) -> tuple[tuple[int, int], int] | None:
    """A dropped line's page span and the cursor after it: the next place its text stands
    as whole words at or after ``cursor``. Alt text and Markdown markup are not page text."""
    key = _letters(dropped.text)
    if not key or dropped.reason in _NOT_PAGE_TEXT:
        return None
    at = text.text.find(key, cursor)
    while at >= 0:
        start = text.offsets[at]
        last = at + len(key) - 1
        end = text.offsets[last] + text.lengths[last]
        if not (start and page[start - 1].isalnum()) and not (end < len(page) and page[end].isalnum()):
            return (start, end), at + len(key)
        at = text.text.find(key, at + 1)
    return None


# Dropped lines that trafilatura made up or took from attributes, not from the page's text.
_NOT_PAGE_TEXT = ("image (alt text)", "markup only", "horizontal rule", "table row")


def _locate_paragraph(
    text: PageText, paragraph: Paragraph, cursor: int, page: str
) -> tuple[Paragraph, int, bool] | None:
    """The paragraph with its segments moved into the page, the page-text cursor after it,
    and whether the page holds text inside it that the extraction left out."""
    indices = [t for t, char in enumerate(paragraph.text) if not char.isspace() and char not in _INVISIBLE]
    key = "".join(paragraph.text[t] for t in indices)
    if not key:
        return None
    at = text.find(key, cursor)
    positions = range(at, at + len(key)) if at >= 0 else _align_with_gaps(text, key, cursor)
    if positions is None:
        return None
    segments: list[list[int]] = []
    previous_end = None
    for k, t in enumerate(indices):
        raw, length = text.offsets[positions[k]], text.lengths[positions[k]]
        if k and t > indices[k - 1] + 1 and previous_end is not None and page[previous_end].isspace():
            _extend(segments, indices[k - 1] + 1, previous_end)  # the space between words
        _extend(segments, t, raw, whole=length == 1)
        previous_end = raw + length
    start = text.offsets[positions[0]]
    end = text.offsets[positions[-1]] + text.lengths[positions[-1]]
    moved = Paragraph(paragraph.kind, paragraph.text, start, end,
                      tuple((a, b, n) for a, b, n, _ in segments))
    return moved, positions[-1] + 1, at < 0


# Text the extraction left out inside a paragraph (a hidden tooltip): at most this long.
_MAX_GAP = 5000
_PIECE = 16
_PIECES = (_PIECE, _PIECE // 2, _PIECE // 4)


def _align_with_gaps(text: PageText, key: str, cursor: int) -> list[int] | None:
    """Page-text positions of ``key``'s characters, in order, where the page holds extra
    text between them (hidden elements trafilatura removed); None if they are not there.
    Of the places the paragraph could begin, the one leaving the least text out wins."""
    best: list[int] | None = None
    for size in _PIECES:
        anchor = key[:size]
        at = text.text.find(anchor, cursor)
        for _ in range(_ANCHORS):
            if at < 0:
                break
            positions = _align_from(text.text, key, at)
            if positions is not None and (best is None or positions[-1] - positions[0] < best[-1] - best[0]):
                best = positions
            at = text.text.find(anchor, at + 1)
        if best is not None:
            return best
    return None


_ANCHORS = 5


def _align_from(page: str, key: str, at: int) -> list[int] | None:
    positions: list[int] = []
    i = 0
    while i < len(key):
        while i < len(key) and at < len(page) and page[at] == key[i]:
            positions.append(at)
            i += 1
            at += 1
        if i == len(key):
            break
        # Skip to where the rest goes on: a long piece of it if one is there, else a short one.
        found = (page.find(key[i : i + size], at, at + _MAX_GAP) for size in _PIECES)
        at = next((f for f in found if f >= 0), -1)
        if at < 0:
            return None
    return positions


def _extend(segments: list[list[int]], text_at: int, raw_at: int, whole: bool = True) -> None:
    """Add one character at ``text_at`` copied from ``raw_at`` to the run it continues."""
    last = segments[-1] if segments else None
    if whole and last and last[3] and last[0] + last[2] == text_at and last[1] + last[2] == raw_at:
        last[2] += 1
    else:
        segments.append([text_at, raw_at, 1, whole])


def visible_text(fragment: str) -> str:
    """A stretch of a page as a reader sees it: tags, comments, scripts and hidden elements
    (a tooltip's text) left out, character references decoded."""
    return html_lib.unescape(_NOT_TEXT.sub(" ", _without_hidden(fragment))).translate(_INVISIBLE_TABLE)


_HIDDEN_OPEN = re.compile(
    r"<([a-zA-Z][\w:-]*)\b(?=[^>]*(?:\sclass\s*=\s*[\"'][^\"'>]*(?<![\w-])hidden(?![\w-])"
    r"|\shidden(?=[\s>/=])|\saria-hidden\s*=\s*[\"']?true|display\s*:\s*none|visibility\s*:\s*hidden))"
    r"[^>]*>",
    re.IGNORECASE,
)


def _without_hidden(fragment: str) -> str:
    """``fragment`` with each hidden element (to its matching end tag) blanked out with
    spaces, so that offsets stay; ``fragment`` itself when nothing is hidden."""
    if "hidden" not in fragment and "none" not in fragment:
        return fragment
    parts = []
    at = 0
    for match in _HIDDEN_OPEN.finditer(fragment):
        if match.start() < at:
            continue  # inside a hidden element already left out
        parts.append(fragment[at : match.start()])
        at = _element_end(fragment, match.group(1), match.end())
        parts.append(" " * (at - match.start()))
    if not parts:
        return fragment
    parts.append(fragment[at:])
    return "".join(parts)


def _element_end(page: str, name: str, after: int) -> int:
    """Where the element whose start tag ends at ``after`` ends (its end tag's end)."""
    depth = 1
    for tag in _tag_pattern(name.lower()).finditer(page, after):
        if tag.group(1):
            depth -= 1
        elif not tag.group(2):
            depth += 1
        if depth == 0:
            return tag.end()
    return after


@cache
def _tag_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}\b[^>]*?(/?)>", re.IGNORECASE)


# Characters a page may hold that an extraction drops: zero-width spaces and joiners, soft hyphens.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\xad"
_INVISIBLE_TABLE = str.maketrans("", "", _INVISIBLE)


def _letters(text: str) -> str:
    """Text without whitespace or invisible characters, for comparing."""
    return "".join(text.translate(_INVISIBLE_TABLE).split())

"""Reading the layout of an article copied as text: which line is the title, the
standfirst, the byline, a caption, a credit, body text or site chrome.

Markdown-like exports and plain-text page copies share one reader; Markdown only
adds markup to strip and headings to lean on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geolib.model import Dropped, Paragraph
from geolib.parse import cues
from geolib.parse.lines import (
    Line,
    build_paragraph,
    heading_level,
    indent,
    is_emphasised_only,
    is_image_only,
    is_list_item,
    is_rule,
    split_lines,
)

# How far (in non-blank units) a repeated title may follow its first copy.
_REPEAT_WINDOW = 3
# How many units after the title can still be front matter (byline, dateline, ...).
_FRONT_MATTER_WINDOW = 8
# How many paragraphs of running text a standfirst may have, before a byline or date.
_MAX_STANDFIRST = 2


@dataclass
class Unit:
    """A line, or several hard-wrapped lines read as one, with its clean text."""

    lines: list[Line]
    paragraph: Paragraph | None  # the clean text as a body paragraph; None if markup only
    text: str = field(init=False)
    heading: int = 0
    emphasised: bool = False
    blank_before: bool = True
    list_item: bool = False
    image: bool = False
    block: int = 0  # units between the same two blank lines share a block
    _chrome: bool | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.text = self.paragraph.text if self.paragraph else ""

    @property
    def chrome(self) -> bool:
        """Site furniture ("Search", "Share on Facebook"); several steps ask, so it is kept."""
        if self._chrome is None:  # not functools.cached_property: it takes a lock in 3.11
            self._chrome = cues.is_chrome(self.text)
        return self._chrome

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end


@dataclass
class Layout:
    """What the layout reader found, before metadata is resolved."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    profile_names: list[str] = field(default_factory=list)
    site_name: str | None = None  # a site's name shown over the headline
    reporter_names: list[str] = field(default_factory=list)  # from "Reporting by …" credits
    wire: cues.WireDateline | None = None

    def first(self, kind: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.kind == kind), None)

    def all(self, kind: str) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == kind]


def read_layout(
    text: str,
    markdown: bool,
    captions: frozenset[str] = frozenset(),
    *,
    start: int = 0,
    known_title: str | None = None,
) -> Layout:
    """Classify every line of ``text`` from offset ``start`` into paragraphs or dropped lines.

    ``captions`` are texts known to be photo captions (e.g. an HTML page's figcaptions);
    ``known_title`` is the title as metadata gives it (front matter, an HTML page's meta
    tags): then only a line that repeats it is the title line.
    """
    units = _units(text, markdown, start)
    reader = _LayoutReader(units, markdown, captions, known_title)
    return reader.read()


def _units(text: str, markdown: bool, start: int = 0) -> list[Unit]:
    """Non-blank lines as units; the lines of a hard-wrapped paragraph become one unit."""
    blocks: list[list[Line]] = [[]]
    for line in split_lines(text):
        if line.start < start:
            continue
        if line.blank:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    blocks = [b for b in blocks if b]
    width = _wrap_width(blocks)
    units: list[Unit] = []
    for number, block in enumerate(blocks):
        for k, group in enumerate(_paragraph_lines(block, markdown, width)):
            units.append(_unit(group, markdown, number, blank_before=k == 0))
    return _join_speaker_labels(units, markdown)


def _unit(lines: list[Line], markdown: bool, block: int, blank_before: bool) -> Unit:
    line = lines[0]
    if len(lines) > 1:
        return Unit(lines, build_paragraph(lines, "body", markdown), blank_before=blank_before,
                    list_item=is_list_item(line), block=block)
    return Unit(
        lines,
        build_paragraph(lines, "body", markdown),
        heading=heading_level(line) if markdown else 0,
        emphasised=markdown and is_emphasised_only(line),
        blank_before=blank_before,
        list_item=is_list_item(line),
        image=markdown and is_image_only(line),
        block=block,
    )


def _join_speaker_labels(units: list[Unit], markdown: bool) -> list[Unit]:
    """A transcript's speaker label alone on its line ("Q", "MS. PSAKI:") belongs to the
    words that follow it: one paragraph "Q What did ...", as transcripts print turns inline."""
    if not any(cues.is_speaker_label(u.text) for u in units):
        return units
    joined: list[Unit] = []
    pending: Unit | None = None
    for unit in units:
        if (pending is not None and unit.text and not cues.is_speaker_label(unit.text)
                and not unit.list_item and not unit.heading):
            lines = pending.lines + unit.lines
            unit = Unit(lines, build_paragraph(lines, "body", markdown),
                        blank_before=pending.blank_before, block=pending.block)
            pending = None
        elif pending is not None:
            joined.append(pending)
            pending = None
        if cues.is_speaker_label(unit.text):
            pending = unit
        else:
            joined.append(unit)
    if pending is not None:
        joined.append(pending)
    return joined


def _wrap_width(blocks: list[list[Line]]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None when it is not wrapped.

    Wrapped lines (all but the last of a paragraph) fill the width nearly to the end;
    a text whose lines are whole paragraphs, or vary at random, has no such width.
    """
    lengths = sorted(len(line.raw.rstrip()) for block in blocks if len(block) > 1
                     for line in block[:-1])
    if len(lengths) < _MIN_WRAPPED_LINES:
        return None
    width = lengths[int(0.95 * (len(lengths) - 1))]
    if not 30 <= width <= _MAX_WRAP_WIDTH:
        return None
    near = sum(1 for n in lengths if n >= 0.75 * width)
    return width if near >= 0.6 * len(lengths) else None


# Fewer wrapped lines than this do not show a width.
_MIN_WRAPPED_LINES = 4
# Wider than this, lines are paragraphs, not a wrapped text.
_MAX_WRAP_WIDTH = 150
# A wrapped line that stops short of the width by more than this share ended on purpose.
_WRAP_SLACK = 0.2


def _paragraph_lines(block: list[Line], markdown: bool, width: int | None) -> list[list[Line]]:
    """A block's lines grouped into paragraphs: a line joins the one before it when it
    continues it (a wrapped line), and starts a new paragraph at an indentation step,
    a list item, a Markdown line break, or a line that stands alone (a byline, a link)."""
    if len(block) == 1:
        return [block]
    wrapped_block = width is None and _hard_wrapped(block, markdown)
    groups = [[block[0]]]
    for line in block[1:]:
        if _continues(groups[-1], line, markdown, width, wrapped_block):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _continues(group: list[Line], line: Line, markdown: bool, width: int | None,
               wrapped_block: bool) -> bool:
    previous, first = group[-1], group[0]
    if _stands_alone(previous, markdown) or _stands_alone(line, markdown) or is_list_item(line):
        return False
    if markdown and previous.raw.endswith(("  ", "\\")):
        return False  # a Markdown line break
    if is_list_item(first):
        if indent(line) > indent(first):
            return True  # the item's own wrapped lines, indented under it
    elif indent(line) > indent(previous):
        return False  # an indented first line begins a paragraph
    elif indent(line) < indent(previous) and len(group) > 1 and indent(group[1]) == indent(previous):
        return False  # an indented block has ended
    previous_text = previous.raw.strip()
    if line.raw.lstrip()[:1].islower() and not cues.ends_sentence(previous_text):
        return True  # a sentence goes on: no sentence or heading starts in lower case
    line_text = line.raw.strip()
    if width is not None:
        if (cues.is_byline(previous_text) or _metadata_line(line_text)
                or (_headline_caps(previous_text) and not _headline_caps(line_text))):
            return False  # a headline over its byline and date
        length = len(previous.raw.rstrip())
        if length + 1 + len(line_text.split(None, 1)[0]) > width:
            return True  # the next word did not fit: the line was wrapped
    if cues.is_chrome(previous_text) or cues.is_chrome(line_text):
        return False  # a footer's lines, one item each
    if width is None:
        return wrapped_block
    return length >= (1 - _WRAP_SLACK) * width and not cues.ends_sentence(previous_text)


def _stands_alone(line: Line, markdown: bool) -> bool:
    """A line that is never part of a wrapped paragraph: a link, a rule, a table row."""
    text = line.raw.strip()
    if cues.is_url(text) or is_rule(line) or cues.chrome_reason(text) in _SIGN_OFFS:
        return True
    return markdown and bool(heading_level(line) or _table_row(text) or is_image_only(line))


# Chrome that ends a story on its own line ("###", "Reuter"), never a wrapped line's end.
_SIGN_OFFS = ("end mark", "wire sign-off")


def _metadata_line(text: str) -> bool:
    return bool(cues.is_byline(text) or cues.dateline_date(text) or cues.is_copyright(text)
                or cues.is_time_line(text))


def _headline_caps(text: str) -> bool:
    """A wire headline in capitals ("JAPAN SEES TRADE SURPLUS NARROWING")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 10 and all(c.isupper() for c in letters)


def _hard_wrapped(block: list[Line], markdown: bool) -> bool:
    """Prose wrapped at no single width: long lines that mostly stop mid-sentence."""
    if len(block) < 2:
        return False
    texts = [line.raw.strip() for line in block]
    if any(cues.is_url(t) or is_rule(line) for t, line in zip(texts, block, strict=True)):
        return False
    # A headline over its byline and dateline is not one wrapped paragraph.
    if any(_metadata_line(t) for t in texts[1:]):
        return False
    if markdown and any(_table_row(t) for t in texts):
        return False
    if markdown and any(heading_level(line) or is_list_item(line) for line in block):
        return False
    if sum(1 for line in block if is_list_item(line)) >= 2:
        return False
    body = texts[:-1]
    if min(len(t) for t in body) < 30:
        return False
    mid_sentence = sum(1 for t in body if not cues.ends_sentence(t))
    return mid_sentence * 2 >= len(body)


class _LayoutReader:
    """Walks the units once, deciding each one's kind."""

    def __init__(self, units: list[Unit], markdown: bool, captions: frozenset[str],
                 known_title: str | None = None) -> None:
        self.units = units
        self.markdown = markdown
        self.captions = captions
        self.known_title = known_title
        self.titled = known_title is not None  # whether the article has a title at all
        self._double_marks: bool | None = None
        self.kinds: list[str | None] = [None] * len(units)
        self.reasons: dict[int, str] = {}
        self.layout = Layout()
        self._blocks: dict[int, list[Unit]] = {}
        for unit in units:
            self._blocks.setdefault(unit.block, []).append(unit)
        self._label_blocks: dict[int, bool] = {}

    def drop(self, index: int, reason: str) -> None:
        self.kinds[index] = None
        self.reasons[index] = reason

    def drop_chrome(self, index: int) -> None:
        self.drop(index, cues.chrome_reason(self.units[index].text) or "site chrome")

    def read(self) -> Layout:
        title = self._find_title()
        self._front(title)
        self._rest(title)
        self._captions()
        return self._emit()

    # -- title and what precedes it -------------------------------------------------
    def _find_title(self) -> int | None:
        units = self.units
        for i, unit in enumerate(units):
            if is_rule(unit.lines[0]) or _RULE_TEXT.fullmatch(unit.text):
                self.drop(i, "horizontal rule")
            elif unit.image:
                self.drop(i, "image (alt text)")
            elif self.markdown and _table_row(unit.text):
                self.drop(i, "table row")
            elif not unit.text:
                self.drop(i, "markup only")
        candidates = [i for i, u in enumerate(units) if u.text and i not in self.reasons]
        if self.known_title is not None:
            title = self._known_title_line(candidates)
        else:
            title = self._title_line(candidates)
        if title is None:
            return None
        self.titled = True
        self.kinds[title] = "title"
        for i in candidates:
            if i >= title:
                break
            self._before_title(i)
        return title

    def _title_line(self, candidates: list[int]) -> int | None:
        """The headline: the top Markdown heading, a line the page repeats, or the first
        line that could be a headline and is not the site's name."""
        units = self.units
        if self.markdown:
            headings = [i for i in candidates[:12]
                        if units[i].heading and not cues.is_topic_heading(units[i].text)]
            top = min((units[i].heading for i in headings), default=0)
            title = next((i for i in headings if units[i].heading == top), None)
            if title is not None:
                return title
        title = self._repeated_title(candidates)
        if title is not None:
            return title
        # Where the story itself begins (a dateline lede, a long paragraph), no title follows.
        begins = next((n for n, i in enumerate(candidates[:_TITLE_SEARCH])
                       if not units[i].chrome
                       and (cues.wire_dateline(units[i].text) or len(units[i].text) > _MAX_TITLE)), None)
        eligible = [
            i for i in candidates[:_TITLE_SEARCH if begins is None else begins]
            if not units[i].chrome and not cues.is_url(units[i].text) and not self._in_label_block(i)
            and not cues.is_section_name(units[i].text) and _headline_like(units[i].text)
        ]
        if not eligible:
            return None
        title = self._headline_over_byline(candidates, set(eligible))
        if title is None:
            named = len(eligible) > 1 and self._site_name(eligible[0], eligible[1])
            title = eligible[1] if named else eligible[0]
        if eligible[0] < title and self._site_name(eligible[0], title):
            self.drop(eligible[0], "site name")
            self.layout.site_name = units[eligible[0]].text
        return title

    def _headline_over_byline(self, candidates: list[int], eligible: set[int]) -> int | None:
        """The headline just above the page's first byline ("By ...") or date line, past
        at most a standfirst: where a page copy's menus and taglines end, the story begins."""
        units = self.units
        anchor = next(
            (n for n, i in enumerate(candidates[:_TITLE_SEARCH])
             if cues.says_by(units[i].text) and cues.is_byline(units[i].text)
             or cues.dateline_date(units[i].text) or cues.is_time_line(units[i].text)),
            None,
        )
        if anchor is None:
            return None
        skipped = 0
        for n in range(anchor - 1, -1, -1):
            i = candidates[n]
            text = units[i].text
            if _metadata_line(text) or units[i].chrome:
                continue
            if n == anchor - 1 and n and cues.is_byline(text, loose=True) and candidates[n - 1] in eligible:
                continue  # names over the date ("Ji-ho Han in Seoul"), a headline above them
            if i in eligible and not text.endswith("."):
                # A standfirst without a full stop may sit under the headline: then the
                # line just above it, if it could be a headline too, is the headline.
                above = candidates[n - 1] if n else None
                if (above is not None and above in eligible and not units[above].text.endswith(".")
                        and len(units[above].text.split()) >= 3 and not self._site_name(above, i)):
                    return above
                return i
            skipped += 1
            if skipped > _MAX_STANDFIRST:
                return None
        return None

    def _site_name(self, first: int, second: int) -> bool:
        """Whether ``first`` is the site's name over the headline ``second``: a short name
        that the page's copyright line names, or that a menu follows, or that a longer
        line not ending a sentence follows just before the byline or date."""
        units = self.units
        name = units[first].text
        if len(name.split()) > 5 or cues.ends_sentence(name) or _metadata_line(name):
            return False
        folded = name.casefold()
        if any(cues.is_copyright(u.text) and folded in u.text.casefold() for u in units[second:]):
            return True
        between = range(first + 1, second)
        if any(units[i].chrome or self._in_label_block(i) or cues.is_section_name(units[i].text)
               for i in between):
            return True
        headline = units[second].text
        followed_by_metadata = any(
            _metadata_line(u.text) for u in units[second + 1 : second + 1 + _HEADLINE_TO_BYLINE]
        )
        return (followed_by_metadata and not headline.endswith(".")
                and len(headline.split()) > len(name.split()) and not _metadata_line(headline))

    def _known_title_line(self, candidates: list[int]) -> int | None:
        """The line that shows the title metadata gives, if the text repeats it near its top."""
        assert self.known_title is not None
        wanted = _comparable(self.known_title)
        for i in candidates[:_TITLE_SEARCH]:
            line = _comparable(self.units[i].text)
            if line == wanted or (
                # "Beijing weighs Moscow ties" under the page title "Beijing weighs Moscow ties -
                # The Daily Globe", or the other way round
                min(len(line), len(wanted)) >= 0.6 * max(len(line), len(wanted))
                and (wanted.startswith(line) or line.startswith(wanted))
            ):
                return i
        return None

    def _in_label_block(self, i: int) -> bool:
        """Part of a block of several short labels: a menu or breadcrumb, not a headline."""
        number = self.units[i].block
        if number not in self._label_blocks:  # judged once per block
            block = self._blocks[number]
            self._label_blocks[number] = len(block) > 1 and all(_label(u.text) for u in block)
        return self._label_blocks[number]

    def _repeated_title(self, candidates: list[int]) -> int | None:
        """A page copy often shows the headline twice; the first copy is the title."""
        for n, i in enumerate(candidates[:20]):
            unit = self.units[i]
            for j in candidates[n + 1 : n + 1 + _REPEAT_WINDOW]:
                if self.units[j].text != unit.text:
                    continue
                if len(unit.text) < 10 or unit.chrome:
                    break  # a repeated short label or menu item is not the title
                self.drop(j, "repeated title")
                return i
        return None

    def _before_title(self, i: int) -> None:
        unit = self.units[i]
        if i in self.reasons:
            return
        kicker = (
            self.markdown
            and self.layout_has_no("section")
            and len(unit.text) <= 60
            and not cues.ends_sentence(unit.text)
        )
        if kicker and (unit.emphasised or not unit.chrome):
            self.kinds[i] = "section"
        elif unit.chrome:
            self.drop_chrome(i)
        elif cues.is_section_name(unit.text) or self._in_label_block(i):
            self.drop(i, "site menu")
        elif i not in self.reasons:
            self.drop(i, "site header before the title")

    def layout_has_no(self, kind: str) -> bool:
        return kind not in self.kinds

    # -- front matter: standfirst, byline, dateline, author links --------------------
    def _front(self, title: int | None) -> None:
        start = 0 if title is None else title + 1
        window = [i for i in range(start, min(len(self.units), start + _FRONT_MATTER_WINDOW))
                  if i not in self.reasons]
        metadata_at: list[int] = []
        running = 0  # units of running text seen before any byline or date
        for n, i in enumerate(window):
            text = self.units[i].text
            if _sentence_like(text) and (metadata_at or running >= _MAX_STANDFIRST):
                break  # the story itself has begun
            running += not metadata_at and _sentence_like(text)
            following = self.units[window[n + 1]].text if n + 1 < len(window) else ""
            if cues.is_url(text):
                self._link(i)
            elif self.units[i].chrome:
                self.drop_chrome(i)
            elif cues.is_standalone_credit(text):
                self.kinds[i] = "credit"
            elif cues.dateline_date(text) or cues.is_time_line(text):
                self.kinds[i] = "dateline"
                metadata_at.append(i)
            elif _role_like(text) and cues.is_url(following) and cues.profile_slug(following):
                self.kinds[i] = "author_role"
            elif (cues.is_byline(text) and (title is not None or cues.says_by(text))) or (
                title is not None and cues.is_byline(text, loose=True)
                and (cues.dateline_date(following) or cues.is_time_line(following))
            ):
                # Names without "By" are a byline only under a headline ("Rose Garden" is
                # not), and if no given name starts them, only over the date.
                self.kinds[i] = "byline"
                metadata_at.append(i)
            elif (n > 0 and self.kinds[window[n - 1]] == "byline" and not self.units[i].blank_before
                  and _label(text, words=6)):
                self.kinds[i] = "author_role"  # "By Emma Walsh" / "Asia correspondent"
        if metadata_at:
            for i in window:
                if i >= metadata_at[0]:
                    break
                followed_by_credit = i + 1 < len(self.units) and self.kinds[i + 1] == "credit"
                text = self.units[i].text
                if (self.kinds[i] is None and i not in self.reasons and not followed_by_credit
                        and not (self.known_title is not None and _label(text, words=8))
                        and not self._menu_item(i)):
                    self.kinds[i] = "standfirst"

    def _link(self, i: int) -> None:
        text = self.units[i].text
        slug = cues.profile_slug(text)
        name = cues.name_from_slug(slug) if slug else None
        if name:
            self.layout.profile_names.append(name)
            self.drop(i, f"author profile link (author name inferred: {name})")
        elif slug:
            self.drop(i, "author profile link (no name in it)")
        else:
            self.drop(i, "bare link")

    # -- the rest of the article ------------------------------------------------------
    def _rest(self, title: int | None) -> None:
        authors = self._author_names()
        in_topics = False
        in_links = False
        for i, unit in enumerate(self.units):
            if self.kinds[i] is not None or i in self.reasons:
                continue
            text = unit.text
            if in_links and self._continues_link_list(i):
                self.drop(i, "related links")
                continue
            in_links = False
            if in_topics and _label(text, words=8) and not unit.chrome:
                self.kinds[i] = "topic"
                continue
            in_topics = False
            if self._topic_heading(i):
                self.drop(i, "topic list heading")
                in_topics = True
            elif cues.inline_topics(text):
                self.kinds[i] = "topic"
            elif cues.is_url(text):
                self._link(i)
            elif len(text) < 200 and cues.is_copyright(text):
                self.kinds[i] = "copyright"
            elif unit.chrome:
                self.drop_chrome(i)
                in_links = cues.is_link_list_heading(text)
            elif self._menu_item(i):
                self.drop(i, "site menu")
            elif cues.is_time_line(text):
                self.kinds[i] = "dateline"
            elif cues.is_contributor_credit(text):
                self.layout.reporter_names.extend(cues.contributor_names(text))
                self.drop(i, "contributor credits")
            elif text in self.captions:
                self.kinds[i] = "caption"
            elif cues.is_standalone_credit(text):
                self.kinds[i] = "credit"
            elif (unit.heading or _emphasised_heading(unit)) and self.titled:
                self.kinds[i] = "heading"
            elif cues.is_section_name(text) and self.titled:
                self.kinds[i] = "heading"  # "Economy" over the paragraphs about it
            elif self._quotes_in_double_marks() and cues.is_quoted_subhead(text):
                self.kinds[i] = "heading"  # 'A change warrior.': headline style, in single marks
            elif cues.is_author_bio(text, authors):
                self.kinds[i] = "author_role"
            else:
                self.kinds[i] = "body"

    def _quotes_in_double_marks(self) -> bool:
        """Whether the article quotes in double marks, as US and most UK news do: then a
        paragraph wholly in single marks is a subhead quoting a source, headline style."""
        if self._double_marks is None:
            self._double_marks = any(m in u.text for u in self.units for m in ('"', "“", "''"))
        return self._double_marks

    def _menu_item(self, i: int) -> bool:
        """A section name in a menu: in a block of labels, or with no running text after it."""
        unit = self.units[i]
        if not cues.is_section_name(unit.text):
            return False
        if self._in_label_block(i):
            return True
        following = next((u for j, u in enumerate(self.units[i + 1 :], i + 1)
                          if j not in self.reasons and u.text), None)
        return following is None or not _sentence_like(following.text)

    def _author_names(self) -> list[str]:
        """Names from the bylines and profile links found so far."""
        names = [
            name for i, kind in enumerate(self.kinds) if kind == "byline"
            for name in cues.byline_names(self.units[i].text)
        ]
        return names + self.layout.profile_names

    def _topic_heading(self, i: int) -> bool:
        """"Topics", "Explore more on these topics": a heading over a list of short tags."""
        unit = self.units[i]
        if not cues.is_topic_heading(unit.text) or cues.ends_sentence(unit.text.rstrip(":")):
            return False
        if cues.inline_topics(unit.text):  # "Topics: China, Taiwan" holds its own list
            return False
        if unit.heading or unit.emphasised:
            return True
        following = self.units[i + 1].text if i + 1 < len(self.units) else ""
        return _label(unit.text.rstrip(":"), words=6) and _label(following, words=8)

    def _continues_link_list(self, i: int) -> bool:
        """A short item under a "Related articles" heading: same block, a list item or a link."""
        unit, previous = self.units[i], self.units[i - 1]
        if len(unit.text) > 150 or cues.is_copyright(unit.text):
            return False
        linked = self.markdown and unit.lines[0].raw.lstrip("-*+• \t").startswith("[")
        return unit.block == previous.block or unit.list_item or linked

    def _captions(self) -> None:
        """A paragraph directly followed by a photo credit is that photo's caption; so is a
        short line that is not a sentence directly under a credit ("Getty Images" / "Xi
        Jinping in the Kremlin on Thursday")."""
        previous: int | None = None
        for i, kind in enumerate(self.kinds):
            if (kind == "credit" and previous is not None and self.kinds[previous] == "body"
                    and len(self.units[previous].text) <= cues.MAX_CAPTION):
                self.kinds[previous] = "caption"
            elif (kind == "body" and previous is not None and self.kinds[previous] == "credit"
                  and previous + 1 == i and not cues.ends_sentence(self.units[i].text)
                  and len(self.units[i].text) <= cues.MAX_CAPTION and not self._captioned(previous)):
                self.kinds[i] = "caption"
            if kind is not None or self.units[i].image:
                previous = i  # a credit under an image credits the image, not the text above

    def _captioned(self, credit: int) -> bool:
        """Whether the credit already has its caption above it."""
        return credit > 0 and self.kinds[credit - 1] == "caption"

    # -- paragraphs -------------------------------------------------------------------
    def _emit(self) -> Layout:
        layout = self.layout
        body_seen = False
        for i, unit in enumerate(self.units):
            kind = self.kinds[i]
            if kind is None:
                reason = self.reasons.get(i, "unclassified")
                layout.dropped.append(Dropped(unit.text or _raw(unit), unit.start, unit.end, reason))
                continue
            paragraphs = self._paragraphs(unit, kind, first_body=kind == "body" and not body_seen)
            body_seen = body_seen or any(p.kind == "body" for p in paragraphs)
            layout.paragraphs.extend(paragraphs)
        layout.paragraphs = _join_broken(layout, self.units, self.markdown)
        return layout

    def _paragraphs(self, unit: Unit, kind: str, first_body: bool) -> list[Paragraph]:
        """A unit's paragraphs: one, unless a wire dateline, tag list or photo credit splits it."""
        if first_body and (wire := cues.wire_dateline(unit.text)):
            self.layout.wire = wire
            return self._split(unit, wire.end, "dateline", "body")
        if kind == "topic" and (items := cues.inline_topics(unit.text)):
            return self._pieces(unit, items, "topic")
        if kind in ("body", "caption") and (split := cues.inline_credit_start(unit.text)) is not None:
            return self._split(unit, split, "caption", "credit")
        return [] if unit.paragraph is None else [_as_kind(unit.paragraph, kind)]

    def _pieces(self, unit: Unit, spans: list[tuple[int, int]], kind: str) -> list[Paragraph]:
        """Paragraphs of ``kind`` for clean-text ``spans`` of one unit ("Tags: A, B" -> A, B)."""
        whole = unit.paragraph
        assert whole is not None
        pieces = []
        for begin, stop in spans:
            raw_start, raw_end = whole.raw_span(begin, stop)
            lines = [
                Line(max(line.start, raw_start), min(line.end, raw_end),
                     line.raw[max(line.start, raw_start) - line.start : min(line.end, raw_end) - line.start])
                for line in unit.lines if line.end > raw_start and line.start < raw_end
            ]
            if piece := build_paragraph(lines, kind, self.markdown):
                pieces.append(piece)
        return pieces

    def _split(self, unit: Unit, split: int, head_kind: str, tail_kind: str) -> list[Paragraph]:
        """One unit cut at clean index ``split``: "caption © Agency/Photographer" -> a caption
        and its credit; "BEIJING (Reuters) - China said…" -> a dateline and body text."""
        whole = unit.paragraph
        assert whole is not None
        cut = whole.to_raw(split)
        head: list[Line] = []
        tail: list[Line] = []
        for line in unit.lines:
            if line.end <= cut:
                head.append(line)
            elif line.start >= cut:
                tail.append(line)
            else:
                head.append(Line(line.start, cut, line.raw[: cut - line.start]))
                tail.append(Line(cut, line.end, line.raw[cut - line.start :]))
        parts = [build_paragraph(head, head_kind, self.markdown),
                 build_paragraph(tail, tail_kind, self.markdown)]
        return [p for p in parts if p is not None]


def _as_kind(paragraph: Paragraph, kind: str) -> Paragraph:
    """The same paragraph as another kind (paragraphs are immutable: shared when unchanged)."""
    if paragraph.kind == kind:
        return paragraph
    return Paragraph(kind, paragraph.text, paragraph.start, paragraph.end, paragraph.segments)


def _emphasised_heading(unit: Unit) -> bool:
    """A short bold or italic line that is not a sentence or a captioned photo credit."""
    text = unit.text
    return (
        unit.emphasised
        and len(text) < 100
        and not text.endswith(".")
        and cues.inline_credit_start(text) is None
    )


# A rule written with escaped characters ("\\_\\_\\_"): only rule characters are left.
_RULE_TEXT = re.compile(r"[-_*=~•·]{3,}")
# How many lines from the top a title is looked for; how far below it a byline may come.
_TITLE_SEARCH = 25
_HEADLINE_TO_BYLINE = 3
# Longer than this, a line is running text, never a headline.
_MAX_TITLE = 250


def _headline_like(text: str) -> bool:
    """Short enough for a headline, not page metadata, not a story's opening dateline."""
    return (len(text) <= _MAX_TITLE and not _metadata_line(text) and not cues.is_copyright(text)
            and not cues.wire_dateline(text))


def _comparable(text: str) -> str:
    """Text for comparing titles: letters and digits only, case folded."""
    return "".join(c for c in text.casefold() if c.isalnum())


def _table_row(text: str) -> bool:
    """A Markdown table row or separator: ``| 2023 | 3.6% |``."""
    return len(text) > 2 and text.startswith("|") and text.endswith("|")


def _sentence_like(text: str) -> bool:
    """Running text rather than a byline, dateline or label."""
    return len(text) > 100 or (cues.ends_sentence(text) and len(text.split()) > 6)


def _label(text: str, words: int = 4) -> bool:
    """A short line of a few words that is not a sentence (a menu item, a job title)."""
    return len(text) <= 60 and len(text.split()) <= words and not cues.ends_sentence(text)


def _role_like(text: str) -> bool:
    """A short job-title line without a sentence's ending ("Senior Editor/Producer")."""
    return len(text) <= 80 and not cues.ends_sentence(text)


def _raw(unit: Unit) -> str:
    return " ".join(line.raw.strip() for line in unit.lines)


# A paragraph ending in one of these stops mid-sentence (clean text never ends in a newline).
_MID_SENTENCE_ENDINGS = tuple("abcdefghijklmnopqrstuvwxyz,")
# A quotation signed off with a dash ("…” — Jens Ahlgren, German defence minister") is complete.
_SIGN_OFF = re.compile(r"[”\"’']\s*[—–-]\s*[^”\"“]+$")


def _join_broken(layout: Layout, units: list[Unit], markdown: bool) -> list[Paragraph]:
    """Re-join a body paragraph that an export split mid-sentence ("…comments by" / "Trump also…")."""
    joined: list[Paragraph] = []
    dropped_at = [d.start for d in layout.dropped]
    items = [(u.start, u.end) for u in units if u.list_item]

    def in_list(paragraph: Paragraph) -> bool:
        return any(start <= paragraph.start < end for start, end in items)
    for paragraph in layout.paragraphs:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind == paragraph.kind == "body"
            and len(previous.text) > 60
            and previous.text.endswith(_MID_SENTENCE_ENDINGS)
            and not (in_list(previous) or in_list(paragraph))
            and not _SIGN_OFF.search(previous.text)
            and not paragraph.text.startswith(tuple("“\"‘'«"))
            and not any(previous.end <= at < paragraph.start for at in dropped_at)
        ):
            lines = [u.lines for u in units if u.end > previous.start and u.start < paragraph.end]
            merged = build_paragraph([line for group in lines for line in group], "body", markdown)
            if merged is not None:
                joined[-1] = merged
                continue
        joined.append(paragraph)
    return joined

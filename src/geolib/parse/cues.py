"""Recognisers for the kinds of line a news page is made of: chrome, bylines,
datelines, photo credits, copyright lines, topic headings, links.

Patterns that users may want to extend (site chrome, photo credits, topic headings)
are data files in ``geolib/data``; the grammar of bylines and dates stays here.
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass
from functools import cache

from geolib.lexicon import name_particles
from geolib.paths import PACKAGE_DATA
from geolib.text.dates import MONTH_WORD


@cache
def _page_word_list(key: str) -> tuple[str, ...]:
    """A word list of ``data/page_words.toml``, longest word first."""
    with open(PACKAGE_DATA / "page_words.toml", "rb") as handle:
        return tuple(sorted(tomllib.load(handle)[key], key=len, reverse=True))


def _page_words(key: str) -> str:
    """A word list of ``data/page_words.toml`` as a regex alternation."""
    return "(?:" + "|".join(re.escape(w) for w in _page_word_list(key)) + ")"


_CREDIT_NOUN = _page_words("credit_nouns")


@cache
def _patterns(name: str) -> tuple[re.Pattern[str], ...]:
    lines = (PACKAGE_DATA / name).read_text(encoding="utf-8").splitlines()
    return tuple(
        re.compile(line.strip(), re.IGNORECASE)
        for line in lines
        if line.strip() and not line.lstrip().startswith("#")
    )


def is_chrome(text: str) -> bool:
    """Site furniture such as "Search" or "scroll to top arrow or icon", or a short row
    of such items ("Home | World | Search", "Facebook Twitter Email")."""
    return chrome_reason(text) is not None


def chrome_reason(text: str) -> str | None:
    """Why a line is site furniture ("site chrome", "newsletter sign-up", "footer",
    "site menu", ...), or None when it is not."""
    normalised = text.strip().rstrip(" .:|>›»").strip()
    if not normalised:
        return None
    if reason := _one_chrome_item(normalised):
        return reason
    if len(normalised) > 100:
        return None
    # A row of items: split at separators ("Privacy Policy | Terms of Use"), else at spaces.
    for gap, least_sections in ((_CHROME_SEPARATOR, 2), (_CHROME_SPACE, 3)):
        first = gap.split(normalised, maxsplit=1)
        if len(first) < 2 or not _row_item(first[0], True):
            continue  # quick: its first item is not chrome, so the row is not
        items = [i for i in gap.split(normalised) if i]
        reasons = [_row_item(i, len(items) >= least_sections) for i in items]
        if len(items) > 1 and all(reasons):
            return reasons[0] if len(set(reasons)) == 1 else "site chrome"
    return None


_CHROME_SEPARATOR = re.compile(r"\s*[|•·/]\s*")
_CHROME_SPACE = re.compile(r"\s+")


def _row_item(text: str, sections: bool) -> str | None:
    """The reason an item of a row is chrome; section names count in rows long enough."""
    text = text.strip()
    return _one_chrome_item(text) or ("site menu" if sections and is_section_name(text) else None)


def _one_chrome_item(text: str) -> str | None:
    match = _any_chrome_rule().fullmatch(text)
    if match is None:
        return None
    return _chrome_reasons()[int(match.lastgroup[1:])]


@cache
def _any_chrome_rule() -> re.Pattern[str]:
    """All chrome rules as one alternation, a named group per reason: one regex call per
    item, not one per rule, and the group that matched names the reason."""
    reasons = _chrome_reasons()
    groups = [
        f"(?P<r{n}>" + "|".join(f"(?:{p.pattern})" for p, _, why in _chrome_rules() if why == reason) + ")"
        for n, reason in enumerate(reasons)
    ]
    return re.compile("|".join(groups), re.IGNORECASE)


@cache
def _chrome_reasons() -> tuple[str, ...]:
    return tuple(dict.fromkeys(reason for _, _, reason in _chrome_rules()))


def is_link_list_heading(text: str) -> bool:
    """Chrome that heads a list of links to other stories ("Related articles")."""
    normalised = text.strip().rstrip(" .:|>›»").strip()
    return any(heads_list and p.fullmatch(normalised) for p, heads_list, _ in _chrome_rules())


@cache
def _chrome_rules() -> tuple[tuple[re.Pattern[str], bool, str], ...]:
    """``(pattern, heads a list of links, reason)`` for every rule in ``site_chrome.txt``."""
    rules = []
    reason = "site chrome"
    for line in (PACKAGE_DATA / "site_chrome.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if section := re.fullmatch(r"\[([^\]]+)\]", line):
            reason = section.group(1).strip()
            continue
        heads_list = line.startswith("list:")
        pattern = line.removeprefix("list:").strip()
        rules.append((re.compile(pattern, re.IGNORECASE), heads_list, reason))
    return tuple(rules)


@cache
def _section_names() -> frozenset[str]:
    lines = (PACKAGE_DATA / "site_sections.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(n.strip().lower() for n in lines if n.strip() and not n.startswith("#"))


def is_section_name(text: str) -> bool:
    """A news site's section name as its menus show it ("Politics", "Asia Pacific")."""
    return len(text) <= 30 and text.strip().rstrip(" .:|>›»").strip().lower() in _section_names()


_QUOTED_SUBHEAD = re.compile(r"(?:'|‘)(?!')[^'’\n]{2,120}[.!?]?(?:'|’)")


def is_quoted_subhead(text: str) -> bool:
    """A short paragraph wholly in single quotation marks ("'A change warrior.'"): headline
    style quotes a source in single marks; twelve words at most."""
    text = text.strip()
    return len(text.split()) <= 12 and _QUOTED_SUBHEAD.fullmatch(text) is not None


def is_menu_row(text: str) -> bool:
    """A row of section names or chrome items ("Politics | Economy | Security")."""
    return chrome_reason(text) == "site menu"


def is_topic_heading(text: str) -> bool:
    """A heading that introduces a list of topics or tags."""
    return len(text) < 60 and any(p.search(text) for p in _patterns("topic_headings.txt"))


@cache
def _agencies() -> re.Pattern[str]:
    lines = (PACKAGE_DATA / "photo_credits.txt").read_text(encoding="utf-8").splitlines()
    names = [re.escape(n.strip()) for n in lines if n.strip() and not n.startswith("#")]
    return re.compile(rf"\b(?:{'|'.join(sorted(names, key=len, reverse=True))})\b", re.IGNORECASE)


_CREDIT_LEAD = re.compile(
    rf"^(?:©|{_CREDIT_NOUN}s?\s*(?:by|:|credit))",
    re.IGNORECASE,
)
_SLASHED = re.compile(r"^[A-Z][\w.&'’ -]{1,40}/[A-Z][\w.&'’ /-]{1,80}$")


def is_photo_credit(text: str) -> bool:
    """A short line crediting a photo: "REUTERS/Wolfgang Rattay", "Photo: AP"."""
    text = text.strip()
    if len(text) > 100 or text.endswith((".", "?", "!", ":")):
        return False
    if _CREDIT_LEAD.match(text) or _SLASHED.match(text):
        return True
    if not _agencies().search(text):
        return False
    words = text.split()
    marked = "/" in text or re.search(r"\b(via|photo)\b", text, re.IGNORECASE)
    alone = len(words) <= 3 and all(w[0].isupper() for w in words if w[0].isalpha())
    return bool(marked or alone)


# A caption with its credit at the end: "…partners © Reuters/Evelyn Hockstein/Pool",
# "…near Taiwan. Photo: Taiwan Ministry of Defence", "…in the Pacific. (AFP via Getty Images)".
INLINE_CREDIT = re.compile(r"\s©\s*(?P<credit>[^©]{2,100})$")
_INLINE_CREDIT_WORD = re.compile(
    rf"\s(?P<credit>{_CREDIT_NOUN}s?\s*(?::|by\s)\s*"
    r"[^\s.:][^:]{1,80})$",
    re.IGNORECASE,
)
_INLINE_CREDIT_PARENS = re.compile(r"\s\((?P<credit>[^()]{2,80})\)$")
# "... in Qingdao, China. REUTERS/Tingshu Wang/File Photo": an agency, a slash, a name.
_INLINE_CREDIT_SLASHED = re.compile(
    r"\s(?P<credit>[A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,3}/[A-Z][^/\n]{1,40}(?:/[^/\n]{1,40}){0,3})$")
# A trailing "(Agency)" only ends a caption, which is short; body text is left alone.
MAX_CAPTION = 400


def inline_credit_start(text: str) -> int | None:
    """Where a trailing photo credit begins in a caption line, or None."""
    start = _trailing_credit_start(text)
    return None if start is None or is_copyright(text) else start


def _trailing_credit_start(text: str) -> int | None:
    for pattern in (INLINE_CREDIT, _INLINE_CREDIT_WORD, _INLINE_CREDIT_PARENS, _INLINE_CREDIT_SLASHED):
        if not _may_end_in_credit(text, pattern):
            continue
        match = pattern.search(text)
        if not match or match.start() < 10:
            continue
        if pattern is INLINE_CREDIT:
            return match.start() + 1
        credit = match.group("credit")
        if re.search(r"[.!?]\s", credit):  # more than one sentence: not a credit
            continue
        if pattern is _INLINE_CREDIT_PARENS and (
            len(text) > MAX_CAPTION or not is_photo_credit(credit)
        ):
            continue
        if pattern is _INLINE_CREDIT_SLASHED and (
            len(text) > MAX_CAPTION or not _agencies().match(credit) or not is_photo_credit(credit)
        ):
            continue
        return match.start() + 1
    return None


def _may_end_in_credit(text: str, pattern: re.Pattern[str]) -> bool:
    """False when ``pattern`` surely finds nothing: quick tests that spare most lines a search."""
    if pattern is INLINE_CREDIT:
        return "©" in text
    if pattern is _INLINE_CREDIT_PARENS:
        return text.endswith((")", ")\n"))  # ``$`` also matches before a final newline
    if pattern is _INLINE_CREDIT_SLASHED:
        return "/" in text[-120:]
    return _may_contain(text, _CREDIT_WORDS)


_CREDIT_WORDS = _page_word_list("credit_nouns")


def _may_contain(text: str, words: tuple[str, ...]) -> bool:
    """Whether a case-insensitive regex could find one of ``words`` (ASCII, lower case)
    in ``text``. A quick ``str.lower`` test, to skip a slow ``re.IGNORECASE`` search.

    The regex engine also matches "İ" and "ı" to "i" and "ſ" to "s", which ``str.lower``
    does not: with those in the text the answer is always yes.
    """
    if "İ" in text or "ı" in text or "ſ" in text:
        return True
    return any(map(text.lower().__contains__, words))  # map: no generator per call


def is_standalone_credit(text: str) -> bool:
    """A line that is only a photo credit (not a caption ending in one)."""
    return is_photo_credit(text) and inline_credit_start(text) is None


_COPYRIGHT = re.compile(
    r"^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:(?P<year1>(?:19|20)\d\d)\s+)?(?P<owner>.+?)"
    r"[\s,]*(?P<year2>(?:19|20)\d\d)?[.\s]*(?:all rights reserved\.?)?$",
    re.IGNORECASE,
)
_CORPORATE_SUFFIX = re.compile(
    r"[\s,]+(?:limited|ltd\.?|inc\.?|llc|plc|gmbh|s\.a\.|company|co\.|corp(?:oration)?\.?|group)$",
    re.IGNORECASE,
)


def _first_sentence(text: str) -> str:
    """A copyright notice up to "All rights reserved." or its first full stop."""
    reserved = re.search(r"all rights reserved\.?", text, re.IGNORECASE)
    if reserved:
        return text[: reserved.end()]
    stop = re.search(r"(?<![A-Z])\.\s+[A-Z]", text)  # not after an initial ("Co. Ltd")
    return text[: stop.start() + 1] if stop else text


_COPYRIGHT_START = re.compile(r"^(copyright|©|\(c\))", re.IGNORECASE)
_RESERVED = re.compile(r"all rights reserved", re.IGNORECASE)


def is_copyright(text: str) -> bool:
    return bool(
        _COPYRIGHT_START.match(text.strip())
        or (_may_contain(text, ("all rights reserved",)) and _RESERVED.search(text))
    )


def copyright_owner_and_year(text: str) -> tuple[str | None, int | None]:
    """The publisher named in a copyright line, without legal suffixes, and its year."""
    text = _first_sentence(text.strip())
    match = _COPYRIGHT.match(text)
    if not match:
        year = re.search(r"\b((?:19|20)\d\d)\b", text)
        return None, int(year.group(1)) if year else None
    owner = match.group("owner").strip(" .,")
    owner = re.sub(r"\s*all rights reserved\.?$", "", owner, flags=re.IGNORECASE).strip(" .,")
    stripped = _CORPORATE_SUFFIX.sub("", owner)
    if stripped != owner:
        # "The Financial Times Limited" is a legal name; the outlet is "Financial Times".
        stripped = re.sub(r"^the\s+", "", stripped, flags=re.IGNORECASE)
    year = match.group("year1") or match.group("year2")
    return (stripped or None), (int(year) if year else None)


URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_PROFILE_PATH = re.compile(
    r"(?:linkedin\.com/in|twitter\.com|x\.com|instagram\.com|facebook\.com|threads\.net/@?|"
    r"bsky\.app/profile|/authors?|/people|/profiles?|/staff|/contributors?)/@?(?P<slug>[\w.-]+)",
    re.IGNORECASE,
)


def is_url(text: str) -> bool:
    return bool(URL.match(text.strip()))


def profile_slug(url: str) -> str | None:
    """The handle or slug of a social-profile or author-page URL, else None."""
    match = _PROFILE_PATH.search(url)
    return match.group("slug") if match else None


def name_from_slug(slug: str) -> str | None:
    """ "alexander-kliment-789b4129" -> "Alexander Kliment"; None when no name is certain."""
    parts = [p for p in re.split(r"[-_.]+", slug) if p]
    words = [p for p in parts if p.isalpha()]
    leftovers = [p for p in parts if not p.isalpha()]
    # Only hyphenated slugs spell names; trailing ids (digits, hex) are allowed.
    if len(words) < 2 or len(words) > 4 or any(not re.fullmatch(r"[0-9a-f]+", p) for p in leftovers):
        return None
    if parts[: len(words)] != words:
        return None
    return " ".join(w.capitalize() for w in words)


# Bylines: "By Jane Doe and John Roe", "Joe Leahy in Beijing and Max Seddon in Berlin".
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĜĞĠĢĤĨĪĮİĴĶĹĻĽŁŃŅŇŌŐŒŔŖŘŚŜŞŠŢŤŨŪŬŮŰŲŴŶŸŹŻŽ"
_LOWER = "a-zß-öø-ÿā-ž"
_PART = rf"[{_UPPER}][{_LOWER}'’]+"
_NAME_WORD = (
    rf"(?:{_PART}(?:-[{_UPPER}]?[{_LOWER}'’]+)*|[{_UPPER}]\.(?:-?[{_UPPER}]\.)?"
    rf"|[{_UPPER}][{_LOWER}]*[{_UPPER}][{_LOWER}]+|[{_UPPER}][{_UPPER}'’-]+)"
)
_PARTICLE = "(?:" + "|".join(re.escape(p) for p in name_particles()) + ")"  # "dos", "van", "bin"
NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,3}}"
# In the whole-line check (case-insensitive) each word is read one way (atomic), ending where a
# name may end: there the word's alternatives overlap ("Smith" is read five ways), and a line of
# capitalised words that is no byline was tried in exponentially many ways (seconds to hours).
_ONE_WORD = rf"(?>{_NAME_WORD}(?=[\s,&|–—·•-]|$))"
_LINE_NAME = rf"{_ONE_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_ONE_WORD}){{1,3}}"
_PLACE = r"(?:\s+in\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})"
_BYLINE = re.compile(
    rf"^(?:(?:(?:written|words|story|text)\s+)?by\s+)?{_LINE_NAME}{_PLACE}?"
    rf"(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_LINE_NAME}{_PLACE}?)*"
    r"(?:\s*[,|–—·•-]\s*[\w][\w .,&'’:-]{1,40}?){0,3}$",
    re.IGNORECASE,
)
_BYLINE_STRICT_START = re.compile(r"^(?:(?:written|words|story|text)\s+)?by\s+", re.IGNORECASE)
_NAME_FIRST = re.compile(rf"^{NAME}")


def is_byline(text: str, loose: bool = False) -> bool:
    """A short line of author names, with optional "By", places and an outlet. Without
    "By", the first name must be a known given name, unless ``loose`` (where the line's
    place says it is a byline: under a headline, over a date)."""
    text = text.strip()
    if len(text) > 120 or text.endswith((".", "?", "!", ":")):
        return False
    # Check case-sensitively that names come first (they must be capitalised); this check
    # is quick, and spares most lines the case-insensitive one, which can backtrack long.
    body = _BYLINE_STRICT_START.sub("", text)
    if body == text and (body.isupper() or not (loose or _given_name(body.split(None, 1)[0]))):
        # Without "By", a line of capitalised words is a byline only if it starts with a
        # given name: not "U.S. DEFICIT WIDENS" or "Briefing Room".
        return False
    return bool(_NAME_FIRST.match(body)) and bool(_BYLINE.match(text))


@cache
def _given_names() -> frozenset[str]:
    with (PACKAGE_DATA / "given_names.csv").open(encoding="utf-8", newline="") as handle:
        return frozenset(row["name"].casefold() for row in csv.DictReader(handle))


def _given_name(word: str) -> bool:
    """A given name ("Joe"), or a hyphenated one ("Min-jun")."""
    word = word.strip("*_")
    return word.casefold() in _given_names() or word.split("-")[0].casefold() in _given_names()


def says_by(text: str) -> bool:
    """Whether a byline begins with "By" ("By Jane Doe", "Words by Jane Doe")."""
    return bool(_BYLINE_STRICT_START.match(text.strip()))


def byline_names(text: str) -> list[str]:
    """Author names in a byline: "Joe Leahy in Beijing and Max Seddon" -> both names."""
    body = _BYLINE_STRICT_START.sub("", text.strip())
    # "By Jane Doe and Mark Roe, Associated Press": what follows the last "and"-joined name
    # is an affiliation.
    joined = re.search(r"\s(?:and|&)\s+[^,|–—·•]+", body)
    if joined:
        body = body[: joined.end()]
    names = []
    for part in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*|\s*[|–—·•]\s*", body):
        if _agencies().fullmatch(part.strip()):
            continue  # "Reuters", "Associated Press": an agency, not a person
        part = re.sub(rf"{_PLACE}$", "", part).strip()
        if _is_role(part):
            continue  # "Jane Doe | Trade Reporter": a job, not a second author
        if re.fullmatch(NAME, part):
            names.append(part.title() if part.isupper() else part)  # "JANE DOE" -> "Jane Doe"
    return names


@cache
def _roles() -> re.Pattern[str]:
    lines = (PACKAGE_DATA / "byline_roles.txt").read_text(encoding="utf-8").splitlines()
    words = [re.escape(w.strip()) for w in lines if w.strip() and not w.startswith("#")]
    return re.compile(rf"\b(?:{'|'.join(words)})s?\b", re.IGNORECASE)


def _is_role(text: str) -> bool:
    """A job title as bylines give it ("Trade Reporter", "Asia Correspondent")."""
    return bool(_roles().search(text))


_MONTH = MONTH_WORD  # matched case-insensitively
_RELATIVE = r"(?:an?|\d+)\s+(?:second|minute|min|hour|hr|day|week|month)s?\s+ago"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_WEEKDAY_SHORT = rf"(?:{_WEEKDAY}|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?)"
DATE_EXPRESSION = (
    rf"(?:{_RELATIVE}|(?:{_WEEKDAY_SHORT},?\s+)?\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"
    rf"|(?:{_WEEKDAY_SHORT},?\s+)?{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|yesterday|today|(?:on\s+)?{_WEEKDAY})"
)
_TIME = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+(?-i:[A-Z]{1,4}(?![a-z]))|\s+[a-z]{1,4}\b)?"
_DATELINE = re.compile(
    rf"^(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified)\s*(?:on|at|:)?\s*)?"
    rf"(?:{_TIME},?\s+(?:on\s+)?)?"
    rf"(?P<date>{DATE_EXPRESSION})(?:[\s,/|•·–—-]*(?:at\s+)?{_TIME})?"
    rf"(?:\s*(?:[|•·/–—-]|\(?updated|\(?last updated).{{0,60}})?\.?$",
    re.IGNORECASE,
)
# A line with only a time: "Updated 3:14 PM ET", "2:36 P.M. EST".
_TIME_LINE = re.compile(
    rf"^(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified)\s*(?:on|at|:)?\s*)?"
    rf"(?:at\s+)?{_TIME}\.?$",
    re.IGNORECASE,
)


def is_time_line(text: str) -> bool:
    """A line giving only a time ("Updated 3:14 PM ET"): page metadata, not text."""
    return len(text) <= 40 and bool(_TIME_LINE.match(text.strip()))


def dateline_date(text: str) -> str | None:
    """The date expression of a dateline ("Published 17 HOURS AGO" -> "17 HOURS AGO")."""
    if len(text) > 90:
        return None
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]  # "(February 13, 2025)"
    match = _DATELINE.match(text)
    return match.group("date") if match else None


# A transcript's speaker label standing alone on its line: "Q", "MS. PSAKI:", "Vladimir Putin:".
_SPEAKER_LABEL = re.compile(
    rf"^(?:(?:Q|A|QUESTION|ANSWER)[.:]?|[{_UPPER}][{_UPPER}.'’ -]{{1,40}}:"
    rf"|[{_UPPER}][{_LOWER}'’.-]+(?: (?:{_PARTICLE} )?[{_UPPER}][{_LOWER}'’.-]+){{1,3}}:)$"
)


def is_speaker_label(text: str) -> bool:
    """A speaker label alone on its line, which the next line's words belong to."""
    return (len(text) <= 45 and bool(_SPEAKER_LABEL.match(text))
            and not is_topic_heading(text) and not is_chrome(text))


def ends_sentence(text: str) -> bool:
    """Whether text ends like a finished sentence."""
    return text.rstrip().endswith((".", "!", "?", '"', "”", "’", "'", ":", ";", ")", "…"))


# Newswire credits at the foot of a story: "(Reporting by Liz Lee in Beijing; Editing by Kim Coghill)".
_CONTRIBUTORS = re.compile(
    rf"^\(?\s*(?:additional\s+)?{_page_words('contributor_roles')}"
    r"(?:\s+and\s+\w+)?\s+by\s+[^()]{2,300}\)?\.?$",
    re.IGNORECASE,
)


_CONTRIBUTED = re.compile(
    r"^.{3,200}\bcontributed(?:\s+reporting)?\s+to\s+this\s+(?:report|story|article)\.?$", re.IGNORECASE
)


def is_contributor_credit(text: str) -> bool:
    """A wire story's closing line of reporting, writing and editing credits."""
    text = text.strip()
    return bool(
        _CONTRIBUTORS.match(text)
        # "… contributed to this report." must end so: a cheap test of its last word first
        or (_may_contain(text[-len("article."):], _CONTRIBUTED_ENDINGS) and _CONTRIBUTED.match(text))
    )


_CONTRIBUTED_ENDINGS = ("report", "story", "article")


_AUTHOR_ROLE = _page_words("author_roles")


def contributor_names(text: str) -> list[str]:
    """The reporters and writers (not editors) named in a contributor credit line."""
    names = []
    for part in re.split(r"\s*;\s*", text.strip().strip("().")):
        match = re.match(rf"(?:additional\s+)?{_AUTHOR_ROLE}(?:\s+and\s+\w+)?\s+by\s+(.+)$",
                         part, re.IGNORECASE)
        if match:
            names.extend(byline_names(match.group(1)))
    return names


# A wire dateline opening the first paragraph: "BEIJING (Reuters) - ", "WASHINGTON, March 12
# (Reuters) - ", "TOKYO (AP) — ", "BRUSSELS — ". The place is in capitals; that is the convention.
_PLACE_CAPS = rf"[{_UPPER}][{_UPPER}'’.-]+(?:[ /][{_UPPER}][{_UPPER}'’.-]+){{0,3}}"
_WIRE_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_CAPS})(?:,\s*(?!(?i:{_MONTH})\s)[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?"
    rf"(?:,\s*(?P<date>(?i:{_MONTH})\s+\d{{1,2}}(?:,?\s+\d{{4}})?))?"
    r"\s*(?:\((?P<agency>[A-Z][\w .&’'-]{1,40})\)\s*)?(?P<dash>[-–—]{1,2}|:)(?:\s+(?=\S)|\s*$)",
)


@dataclass(frozen=True)
class WireDateline:
    end: int  # where the story's own text begins
    place: str
    date: str | None
    agency: str | None


# "Hong Kong CNN —": a broadcaster's dateline, the place as written, the outlet in capitals.
_OUTLET_DATELINE = re.compile(
    rf"^(?P<place>[{_UPPER}][\w'’.-]+(?:[ ,]+[{_UPPER}][\w'’.-]+){{0,3}})\s+"
    r"\(?(?P<agency>[A-Z]{2,6})\)?\s*[—–](?:\s+(?=\S)|\s*$)"
)


def wire_dateline(text: str) -> WireDateline | None:
    """The dateline at the start of a wire story's first paragraph, or None."""
    match = _WIRE_DATELINE.match(text) or _OUTLET_DATELINE.match(text)
    if not match or len(match.group("place")) < 3:
        return None
    if match.re is _OUTLET_DATELINE:
        return WireDateline(match.end(), match.group("place"), None, match.group("agency"))
    if match.group("dash") == ":" and not match.group("agency"):
        return None  # "NOTE: ..." is not a dateline
    return WireDateline(match.end(), match.group("place"), match.group("date"), match.group("agency"))


def date_in(text: str) -> str | None:
    """The first full date expression inside a line ("By X | Opinion | 6 June 2024")."""
    match = re.search(rf"\b{_FULL_DATE}", text, re.IGNORECASE)
    return match.group() if match else None


_FULL_DATE = (
    rf"(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|{_RELATIVE})"
)


_INLINE_TOPICS = re.compile(r"^(?:tags|topics|filed under|keywords|categories)\s*:\s*", re.IGNORECASE)


def inline_topics(text: str) -> list[tuple[int, int]]:
    """Clean-text spans of the items of a one-line tag list ("Tags: Russia, Economy"), else []."""
    lead = _INLINE_TOPICS.match(text)
    if not lead or len(text) > 300:
        return []
    items = [
        (m.start(), m.start() + len(m.group().rstrip()))
        for m in re.finditer(r"[^,;|\s][^,;|]*", text[lead.end():])
    ]
    items = [(lead.end() + a, lead.end() + b) for a, b in items]
    if not items or any(len(text[a:b].split()) > 5 for a, b in items):
        return []
    return items


_BIO_VERB = _page_words("author_bio_verbs")


def is_author_bio(text: str, authors: list[str]) -> bool:
    """A short note about the article's author: "Emma Walsh is the Asia correspondent …"."""
    if len(text) > 400 or not authors:
        return False
    return any(
        re.match(rf"{re.escape(name)}\s+{_BIO_VERB}\b", text)
        for name in authors
    )

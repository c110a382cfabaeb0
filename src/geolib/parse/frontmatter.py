"""Front matter: the YAML (``---``) or TOML (``+++``) block at the top of a Markdown
export, which static-site tools and archives use for an article's title, date, URL and
authors."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime

_YAML = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<body>.*?)^(?:---|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE)
_TOML = re.compile(r"\A\ufeff?\+\+\+[ \t]*\r?\n(?P<body>.*?)^\+\+\+[ \t]*$", re.DOTALL | re.MULTILINE)
# A front matter this long is not one: some other text starts with a rule.
_MAX_LENGTH = 20_000

# Which keys name which field, in order of preference (compared in lower case, "-" as "_").
_KEYS = {
    "title": ("title", "headline", "og_title"),
    "published": ("datepublished", "date_published", "published", "pubdate", "publish_date", "date",
                  "published_time", "created"),
    "url": ("source_url", "canonical_url", "canonical", "url", "permalink", "link", "guid"),
    "authors": ("authors", "author", "byline", "creator", "creators"),
    "standfirst": ("standfirst", "subtitle", "dek", "lead", "description", "summary", "excerpt"),
    "topics": ("tags", "keywords", "topics"),
    "section": ("section", "category", "categories"),
    "outlet": ("outlet", "publication", "publisher", "site_name", "sitename", "site", "source"),
}
# An author's name as front matter gives it: words of letters, not an id ("6McYIfPIIwk").
_NAME = re.compile(r"[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,5}")


@dataclass(frozen=True)
class FrontMatter:
    end: int  # where the text after the closing delimiter line begins
    title: str | None = None
    published: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    standfirst: str | None = None
    topics: list[str] = field(default_factory=list)
    section: str | None = None
    outlet: str | None = None


def read_front_matter(text: str) -> FrontMatter | None:
    """The front matter at the start of ``text``, or None when there is none."""
    if not text.lstrip("\ufeff").startswith(("---", "+++")):
        return None
    for pattern, load in ((_YAML, _load_yaml), (_TOML, _load_toml)):
        match = pattern.match(text)
        if match is None or match.end() > _MAX_LENGTH:
            continue
        data = load(match.group("body"))
        if not isinstance(data, dict) or not data:
            continue
        end = match.end()
        if text.startswith("\r\n", end):
            end += 2
        elif text.startswith(("\n", "\r"), end):
            end += 1
        return _front_matter(data, end)
    return None


def _load_yaml(body: str) -> object:
    import yaml  # only front matter needs it

    try:
        return yaml.safe_load(body)
    except yaml.YAMLError:
        return _simple_pairs(body)


def _load_toml(body: str) -> object:
    try:
        return tomllib.loads(body)
    except tomllib.TOMLDecodeError:
        return _simple_pairs(body)


def _simple_pairs(body: str) -> dict:
    """``key: value`` lines, for front matter that is not valid YAML or TOML."""
    pairs = {}
    for line in body.splitlines():
        match = re.match(r"^([A-Za-z_][\w-]*)\s*[:=]\s*(.+?)\s*$", line)
        if match:
            pairs[match.group(1)] = match.group(2).strip("'\"")
    return pairs


def _front_matter(data: dict, end: int) -> FrontMatter:
    values = {re.sub(r"[-\s]", "_", str(k)).lower(): v for k, v in data.items()}

    def first(name: str) -> object:
        return next((values[k] for k in _KEYS[name] if values.get(k) not in (None, "", [])), None)

    url = first("url")
    return FrontMatter(
        end=end,
        title=_text(first("title")),
        published=_date_text(first("published")),
        url=url if isinstance(url, str) and url.startswith(("http://", "https://")) else None,
        authors=_names(first("authors")),
        standfirst=_text(first("standfirst")),
        topics=_list(first("topics")),
        section=next(iter(_list(first("section"))), None),
        outlet=_outlet(first("outlet")),
    )


def _text(value: object) -> str | None:
    """A string value with its whitespace (including no-break spaces) made single."""
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return None
    text = " ".join(str(value).split())
    return text or None


def _date_text(value: object) -> str | None:
    """The date as ``YYYY-MM-DD`` (as written, never moved to another time zone)."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None  # a bare number is more likely a timestamp of some other event
    return _text(value)


def _list(value: object) -> list[str]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        return []
    return [text for item in value if (text := _text(item))]


def _names(value: object) -> list[str]:
    """Author names: strings, or mappings with a ``name``; ids and handles are left out."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name") or item.get("title")
        for part in re.split(r"\s*(?:;|,|\band\b|&)\s*", _text(item) or ""):
            if _NAME.fullmatch(part) and (" " in part or part[:1].isupper()) and not _id_like(part):
                names.append(part)
    return names


def _id_like(text: str) -> bool:
    """A one-word id such as "dHx9kLm2": capitals inside a lower-case run."""
    return " " not in text and bool(re.search(r"[a-z][A-Z].*[a-z][A-Z]|[a-z][A-Z]{2}", text))


def _outlet(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    text = _text(value)
    return None if text is None or text.startswith(("http://", "https://")) else text

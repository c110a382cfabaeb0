"""Frame tracing: every place an article invokes a frame, with its voice and use.

Frames and their phrase patterns live in ``data/frames.toml``. For each mention:

- ``voice``: whose words these are, from the same attribution the quotes use: the speaker
  of the quote it sits in (the quote record's ``speaker``; when unresolved, its speaker's
  words, a "they" standing for the group a sentence before names), else a group a reporting
  clause names in its sentence ("what some Chinese analysts see as", "analysts described the
  trip as", "portrayed by state media as", "officials dismiss the idea that"), else
  ``"narration"``;
- ``use``: ``inverts`` (the sentence has someone other than the frame's agent doing it),
  ``dismisses`` (negated or dismissed, or reported with a dismissing cue: "X dismissed
  the idea that ..."), ``reports`` (attributed to others, voiced as a concern, set in
  quotation marks as a term, or someone's aim described: "aimed at isolating Beijing", "in
  order to contain China", unless the voice urges it: "the US should try to"), else
  ``endorses``: the voice asserts the frame as so. The narrator describing what
  others aim at or see reports it; it never endorses it.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from geolib.actors import actors_in
from geolib.model import Article
from geolib.paths import PACKAGE_DATA
from geolib.segment import Segment, Segmentation, segment
from geolib.stance.markers import Markers, default_markers, phrase_agent, phrase_use
from geolib.stance.patterns import find_patterns, normalise
from geolib.stance.quoting import QuoteLike, quote_at

FRAMES_TOML = PACKAGE_DATA / "frames.toml"
FRAME_PARAGRAPH_KINDS = ("title", "standfirst", "heading", "body", "caption")
_OPENING_MARKS = "\"'“‘"
_CLOSING_MARKS = "\"”’"
_TERM_TAIL = 30  # characters a quoted term may run on past the frame phrase
_PLURAL_PRONOUNS = frozenset({"they"})  # "we" is the speaker's own side


@dataclass(frozen=True)
class FramePattern:
    pattern: str
    needs: tuple[str, ...] = ()  # actors the paragraph must mention


@dataclass(frozen=True)
class Frame:
    id: str
    description: str
    patterns: tuple[FramePattern, ...]
    agents: tuple[str, ...] = ()


@dataclass
class FrameMention:
    """One place a frame is invoked (raw offsets), with its voice and use."""

    file: str
    article_id: str
    frame: str
    text: str
    start: int
    end: int
    paragraph: int
    voice: str
    use: str  # "endorses" | "reports" | "dismisses" | "inverts"
    cues: list[str]
    speaker: str | None
    quote_id: str | None


def load_frames(path: Path | None = None) -> list[Frame]:
    """Read a frames TOML file (default: the package's)."""
    with open(path or FRAMES_TOML, "rb") as handle:
        data = tomllib.load(handle)
    frames = []
    for entry in data.get("frames", []):
        patterns = tuple(
            FramePattern(p) if isinstance(p, str)
            else FramePattern(p["pattern"], tuple(p.get("needs", ())))
            for p in entry.get("patterns", [])
        )
        agents = entry.get("agents", [entry["agent"]] if "agent" in entry else [])
        frames.append(Frame(entry["id"], entry.get("description", ""), patterns, tuple(agents)))
    return frames


@lru_cache(maxsize=1)
def default_frames() -> tuple[Frame, ...]:
    return tuple(load_frames())


def find_frames(
    article: Article,
    quotes: list[QuoteLike],
    segmentation: Segmentation | None = None,
    frames: list[Frame] | tuple[Frame, ...] | None = None,
    markers: Markers | None = None,
) -> list[FrameMention]:
    """Every frame mention in the article's title, standfirst, headings, body and captions;
    ``quotes`` are the article's quotes (a mention inside one takes its speaker's voice)."""
    frames = default_frames() if frames is None else frames
    markers = markers or default_markers()
    segmentation = segmentation or segment(article)
    owner = {p.pattern: (frame, p) for frame in frames for p in frame.patterns}
    mentions = []
    for seg in segmentation.of_kinds(FRAME_PARAGRAPH_KINDS):
        found = find_patterns(seg.text, list(owner))
        if not found:
            continue
        mentioned = set(actors_in(seg.text))
        for match in found:
            frame, pattern = owner[match.pattern]
            if set(pattern.needs) <= mentioned:
                mentions.append(_mention(article, quotes, seg, frame, match, markers))
    return mentions


def _mention(article, quotes, seg: Segment, frame: Frame, match, markers):
    text, index, paragraph = seg.text, seg.index, seg.paragraph
    start, end = paragraph.raw_span(match.start, match.end)
    quote = quote_at(quotes, index, start)
    sentence = seg.sentence_at(match.start)
    use = phrase_use(text, match.start, match.end, markers, sentence)
    cues = [f"pattern '{match.pattern}'"]
    voice = "narration"
    cue_word = None
    if quote is not None and quote.kind != "term":
        cue_word = getattr(quote, "cue", None)
        voice = quote.speaker or _unresolved_speaker(text, match.start, quote, markers)
        said_by = getattr(quote, "speaker_mention", None)
        if voice:
            cues.append(f"in {quote.kind} quote of {voice}"
                        + ("" if quote.speaker or said_by == voice else f" ('{said_by}')")
                        + (f" ('{cue_word}')" if cue_word else ""))
        else:
            voice = "narration"
    if use.reported_voice:
        voice = use.reported_voice
    dismissing_cue = bool(cue_word) and bool(find_patterns(cue_word, list(markers.dismissals)))
    agent = phrase_agent(text, match.start, match.end, sentence) if frame.agents else None
    quoted_term = _in_quotation_marks(text, match.start, match.end) or (
        quote is not None and quote.kind == "term"
    )
    if agent and agent.actor not in frame.agents:
        verdict = "inverts"
        cues.append(f"done by {agent.mention} ({agent.actor}), not {'/'.join(frame.agents)}")
    elif use.denied or dismissing_cue:
        verdict = "dismisses"
        if dismissing_cue:
            cues.append(f"reported with a dismissing cue '{cue_word}'")
    elif use.reported or use.reported_voice or quoted_term or (use.aimed and not use.advocated):
        verdict = "reports"
        if quoted_term:
            cues.append("set in quotation marks as a term")
    else:
        verdict = "endorses"
        if agent:
            cues.append(f"asserted of {agent.mention} ({agent.actor})")
    cues.extend(use.cues())
    return FrameMention(
        file=article.file,
        article_id=article.id,
        frame=frame.id,
        text=text[match.start : match.end],
        start=start,
        end=end,
        paragraph=index,
        voice=voice,
        use=verdict,
        cues=cues,
        speaker=quote.speaker if quote is not None else None,
        quote_id=quote.quote_id if quote is not None else None,
    )


def _unresolved_speaker(text: str, at: int, quote: QuoteLike, markers: Markers) -> str | None:
    """Whose words a quote with no resolved speaker holds, as the quote gives it: its
    speaker's words ("they", "the spokesman"); a plural pronoun stands for the group an
    earlier sentence of the paragraph names holding a view ("Chinese officials dismiss the
    idea. Any effort to ... would fail, they said"). None when the quote names no one."""
    mention = getattr(quote, "speaker_mention", None)
    if not mention:
        return None
    if mention.lower() not in _PLURAL_PRONOUNS:
        return mention
    groups = [m for m in markers.voice.finditer(normalise(text[:at]))]
    if not groups:
        return mention
    last = groups[-1]
    return next(v for k, v in last.groupdict().items() if v and k.startswith("group"))


def _in_quotation_marks(text: str, start: int, end: int) -> bool:
    """Is the phrase set off as a term: an opening mark right before it and the closing
    mark soon after ("the “no limits” relationship", "‘reverse Nixon,’")?"""
    before = text[:start].rstrip()[-1:]
    if not before or before not in _OPENING_MARKS:
        return False
    closing = min(
        (at for mark in _CLOSING_MARKS if (at := text.find(mark, start)) != -1), default=-1
    )
    return closing != -1 and closing - end < _TERM_TAIL


def frame_records(
    article: Article, quotes: list[QuoteLike], segmentation: Segmentation | None = None
) -> list[dict]:
    """The article's frame mentions as plain dicts (for tables, JSONL and CSV)."""
    return [asdict(m) for m in find_frames(article, quotes, segmentation)]

"""Frame tracing on made-up articles: voice (quote speaker, reported group, narration)
and use (endorses, reports, dismisses, inverts), with raw offsets."""

from pathlib import Path

from geolib.extract.quotes import Quote
from geolib.model import Article, Paragraph
from geolib.stance import find_frames, frame_records, load_frames

PREFIX = "HEADER LINE\n\n"  # raw text before the paragraphs, so raw offsets differ from clean


def article_of(*texts: str) -> tuple[Article, str]:
    raw, paragraphs = PREFIX, []
    for text in texts:
        paragraphs.append(Paragraph(kind="body", text=text, start=len(raw),
                                    end=len(raw) + len(text)))
        raw += text + "\n\n"
    article = Article(
        title=None, standfirst=None, authors=[], outlet=None, section=None, published=None,
        published_text=None, topics=[], url=None, paragraphs=paragraphs, dropped=[],
        file="data/raw/made-up-frames.txt",
    )
    return article, raw


def quote_in(article: Article, paragraph: int, words: str, kind: str, speaker: str | None,
             n: int = 1) -> Quote:
    para = article.paragraphs[paragraph]
    begin = para.text.index(words)
    start, end = para.raw_span(begin, begin + len(words))
    return Quote(
        file=article.file, article_id="made-up-frames", quote_id=f"made-up-frames:q{n:03d}",
        start=start, end=end, text=words, kind=kind, speaker=speaker, speaker_mention=speaker,
        role=None, affiliation=None, cue="said" if speaker else None, paragraph=paragraph,
    )


def test_narration_endorses_with_raw_offsets():
    article, raw = article_of("The new export rules isolate China economically.")
    (mention,) = find_frames(article, quotes=[])
    assert (mention.frame, mention.voice, mention.use) == ("isolate-china", "narration", "endorses")
    assert raw[mention.start : mention.end] == mention.text == "isolate China"
    assert mention.paragraph == 0 and mention.speaker is None and mention.quote_id is None


def test_narration_describing_others_aims_reports():
    article, _ = article_of(
        "The White House is trying to isolate China economically.",
        "The summit, which commentators described as aimed at isolating Beijing, ended early.",
    )
    mentions = find_frames(article, quotes=[])
    assert [(m.frame, m.use) for m in mentions] == [("isolate-china", "reports")] * 2
    assert mentions[1].voice == "commentators"
    assert any("an aim" in cue for cue in mentions[0].cues)


def test_a_group_dismissing_the_idea_is_its_voice_not_the_narrators():
    article, _ = article_of(
        "Russian diplomats reject the notion that Washington could drive a wedge between "
        "Moscow and Beijing."
    )
    (mention,) = find_frames(article, quotes=[])
    assert mention.frame == "wedge"
    assert (mention.voice, mention.use) == ("Russian diplomats", "dismisses")


def test_the_quote_attribution_gives_voice_and_use():
    text = "Beijing dismissed claims that Washington is splitting Russia from China, aides said."
    article, _ = article_of(text)
    quote = quote_in(article, 0, text[text.index("claims") : text.index(", aides")],
                     "indirect", "Beijing")
    quote = Quote(**{**quote.__dict__, "cue": "dismissed"})
    (mention,) = find_frames(article, quotes=[quote])
    assert (mention.voice, mention.use) == ("Beijing", "dismisses")
    assert any("dismissed" in cue for cue in mention.cues)


def test_quoted_speaker_inverts_with_editorial_brackets():
    text = ("\u201cIf there's one person who's doing [Nixon] in reverse, it's Xi Jinping,\u201d "
            "said Jane Roe.")
    article, raw = article_of(text)
    quote = quote_in(article, 0, text[1 : text.index(",\u201d")], "direct", "Jane Roe")
    (mention,) = find_frames(article, quotes=[quote])
    assert mention.frame == "reverse-nixon"
    assert mention.text == "doing [Nixon] in reverse"
    assert raw[mention.start : mention.end] == mention.text
    assert (mention.voice, mention.use) == ("Jane Roe", "inverts")
    assert mention.quote_id == quote.quote_id and mention.speaker == "Jane Roe"
    assert any("Xi Jinping" in cue for cue in mention.cues)


def test_reported_group_is_the_voice():
    text = ("Experts said Xi would be wary of what some Chinese analysts see as a US effort "
            "to drive a wedge between Beijing and Moscow.")
    article, _ = article_of(text)
    quote = quote_in(article, 0, text[text.index("Xi would") : -1], "indirect", "Experts")
    (mention,) = find_frames(article, quotes=[quote])
    assert mention.frame == "wedge"
    assert mention.voice == "some Chinese analysts"
    assert mention.use == "reports"
    assert mention.speaker == "Experts"


def test_dismissal_and_negation():
    article, _ = article_of(
        "The idea that the Kremlin will break those ties with China is a delusion.",
        "Washington is unlikely to pull Russia away from China.",
    )
    mentions = find_frames(article, quotes=[])
    assert [(m.frame, m.use) for m in mentions] == [("wedge", "dismisses"), ("wedge", "dismisses")]
    assert any("delusion" in cue for cue in mentions[0].cues)
    assert any("unlikely to" in cue for cue in mentions[1].cues)


def test_quoted_term_and_concern_are_reported():
    article, _ = article_of(
        "Xi hailed his \u201cno limits\u201d partnership with Putin.",
        "Some officials voiced concerns about a multipolar world.",
    )
    uses = [(m.frame, m.use) for m in find_frames(article, quotes=[])]
    assert uses == [("no-limits", "reports"), ("multipolar-order", "reports")]


def test_generic_phrases_need_the_actors():
    article, _ = article_of("The couple decided to break their ties with the club.")
    assert find_frames(article, quotes=[]) == []


def test_frame_records_fields():
    article, _ = article_of("Beijing and Moscow want a multipolar world order.")
    (record,) = frame_records(article, quotes=[])
    assert {"frame", "text", "start", "end", "paragraph", "voice", "use", "cues", "speaker",
            "quote_id", "file", "article_id"} <= set(record)
    assert record["article_id"] == "made-up-frames"
    assert record["text"] == "multipolar world order"


def test_users_supply_their_own_frames(tmp_path: Path):
    path = tmp_path / "frames.toml"
    path.write_text('[[frames]]\nid = "thucydides"\npatterns = ["Thucydides trap"]\n')
    article, _ = article_of("Is the US falling into the Thucydides trap with China?")
    (mention,) = find_frames(article, quotes=[], frames=load_frames(path))
    assert mention.frame == "thucydides"


def test_a_view_the_narrator_reports_has_its_holders_voice():
    article, _ = article_of(
        "Diplomats described the visit as a bid to isolate Beijing.",
        "What some in Washington call a reverse Nixon has yet to take shape.",
        "The summit was portrayed by state media as proof of a multipolar world.",
        "Many observers regard the new tariffs as a way of containing China.",
    )
    found = [(m.frame, m.voice, m.use) for m in find_frames(article, quotes=[])]
    assert found == [
        ("isolate-china", "Diplomats", "reports"),
        ("reverse-nixon", "some in Washington", "reports"),
        ("multipolar-order", "state media", "reports"),
        ("isolate-china", "Many observers", "reports"),
    ]


def test_an_aim_stated_as_a_purpose_is_reported_not_endorsed():
    article, _ = article_of(
        "The goal of the new tariffs is to contain China.",
        "Washington moved two carriers in order to isolate Beijing.",
        "The administration is keen to pull Russia away from China.",
        "The new naval pact will contain China.",
    )
    uses = [(m.frame, m.voice, m.use) for m in find_frames(article, quotes=[])]
    assert uses == [("isolate-china", "narration", "reports")] * 2 + [
        ("wedge", "narration", "reports"), ("isolate-china", "narration", "endorses")]


def test_an_aim_the_speaker_urges_is_endorsed():
    text = "\u201cThe US should try to pull Russia away from China,\u201d said Jane Roe."
    article, _ = article_of(text)
    quote = quote_in(article, 0, text[1 : text.index(",\u201d")], "direct", "Jane Roe")
    (mention,) = find_frames(article, quotes=[quote])
    assert (mention.voice, mention.use) == ("Jane Roe", "endorses")
    assert any("urged" in cue for cue in mention.cues)


def test_an_unresolved_they_speaks_for_the_group_named_before():
    text = ("Chinese officials reject the notion. Any effort to drive a wedge between Moscow "
            "and Beijing would fail, they said.")
    article, _ = article_of(text)
    words = text[text.index("Any effort") : text.index(", they")]
    quote = quote_in(article, 0, words, "indirect", None)
    quote = Quote(**{**quote.__dict__, "speaker_mention": "they"})
    (mention,) = find_frames(article, quotes=[quote])
    assert (mention.frame, mention.voice, mention.use) == ("wedge", "Chinese officials", "dismisses")
    assert mention.speaker is None

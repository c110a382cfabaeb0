"""The parser on the two seeds, on made-up articles of each format, and on bad input."""

from __future__ import annotations

import json
import warnings
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geolib import ArticleError, read_article
from geolib.cli import main as cli_main
from geolib.model import offsets_are_exact
from geolib.parse.html import visible_text
from geolib.parse.manifest import ManifestEntry
from geolib.reading import LegacyEncodingWarning

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
FT = RAW / "ft-trump-russia-ties-china.txt"
GZERO = RAW / "gzero-trump-no-limits-china-russia.txt"


def kinds(article, kind):
    return [p.text for p in article.paragraphs if p.kind == kind]


def assert_offsets_exact(article, raw_text):
    for paragraph in article.paragraphs:
        assert offsets_are_exact(paragraph, raw_text), paragraph


def assert_offsets_in_page(article, page):
    """Each paragraph's span of the page reads as its text, tags left out and character
    references decoded, whitespace aside; each character maps into that span."""
    for paragraph in article.paragraphs:
        shown = visible_text(page[paragraph.start : paragraph.end])
        assert "".join(shown.split()) == "".join(paragraph.text.split()), paragraph
        for index, _ in enumerate(paragraph.text):
            assert paragraph.start <= paragraph.to_raw(index) < paragraph.end


# -- the FT seed: a Markdown-like export -------------------------------------------------
@pytest.fixture(scope="module")
def ft():
    return read_article(FT)


def test_ft_metadata(ft):
    assert ft.source_format == "markdown"
    assert ft.title == "What Donald Trump's closer ties to Russia mean for China"
    assert ft.standfirst == (
        "Rapprochement with Moscow over war in Ukraine serves Beijing's aim of multipolar world order"
    )
    assert ft.authors == ["Joe Leahy", "Max Seddon"]
    assert ft.outlet == "Financial Times"
    assert ft.section == "Chinese politics & policy"
    assert ft.topics == [
        "Chinese politics & policy", "Russian politics", "US-China relations", "Geopolitics",
        "War in Ukraine",
    ]
    # Only the copyright year is certain: say so rather than invent a day.
    assert ft.published_precision == "year"
    assert ft.published.year == 2025
    assert ft.to_dict()["published"] == "2025"
    assert ft.published_text == "Published 17 HOURS AGO"


def test_ft_captions_credits_and_chrome(ft):
    assert kinds(ft, "caption") == [
        "US and Russian officials hold talks in Saudi Arabia this month. The rapprochement has raised "
        "doubts about Washington's support for its partners",
        "Vladimir Putin and Xi Jinping hold a video call last month. The leaders have reaffirmed the "
        "closeness of their ties",
    ]
    assert kinds(ft, "credit") == [
        "© Reuters/Evelyn Hockstein/Pool", "© Gavriil Grigorov/Sputnik/Kremlin Pool/AP",
    ]
    assert kinds(ft, "copyright") == ["Copyright The Financial Times Limited 2025. All rights reserved."]
    reasons = [d.reason for d in ft.dropped]
    assert reasons.count("horizontal rule") == 3
    assert "topic list heading" in reasons


def test_ft_body_is_clean_and_rejoined(ft):
    body = kinds(ft, "body")
    assert len(body) == 25
    assert body[0].startswith("Donald Trump's dramatic reshaping")
    assert not any(mark in text for text in body for mark in ("**", "](#)", "\\$", "]("))
    # The export split one sentence over two paragraphs around a link; it is whole again.
    assert any(
        "previous comments by Trump also raised questions about his willingness" in t for t in body
    )
    assert any("Russia’s trade with China hit $245bn last year" in t for t in body)


def test_ft_offsets_are_exact(ft):
    raw = FT.read_text(encoding="utf-8")
    assert_offsets_exact(ft, raw)
    sentence = next(p for p in ft.paragraphs if "$245bn" in p.text)
    at = sentence.text.index("$245bn")
    start, end = sentence.raw_span(at, at + len("$245bn"))
    assert raw[start:end] == "$245bn"
    assert raw[start - 1] == "\\"  # the escape is markup, outside the span; the $ is text


# -- the GZERO seed: plain text copied from a web page ------------------------------------
@pytest.fixture(scope="module")
def gzero():
    return read_article(GZERO)


def test_gzero_metadata(gzero):
    assert gzero.source_format == "plain"
    assert gzero.title == "How Trump affects the “no limits” China-Russia relationship"
    assert gzero.standfirst is None
    assert gzero.authors == ["Alexander Kliment"]  # inferred from the profile URL slug
    assert gzero.outlet == "GZERO Media"  # from the manifest: the page never names itself
    assert gzero.published == date(2025, 5, 7)
    assert gzero.published_precision == "day"
    assert gzero.section is None
    assert gzero.topics == []


def test_gzero_chrome_caption_and_role(gzero):
    dropped = {d.text: d.reason for d in gzero.dropped}
    assert dropped["Search"] == "site chrome"
    assert dropped["scroll to top arrow or icon"] == "site chrome"
    assert dropped["How Trump affects the “no limits” China-Russia relationship"] == "repeated title"
    assert "author name inferred: Alexander Kliment" in dropped[
        "https://www.linkedin.com/in/alexander-kliment-789b4129/"
    ]
    assert kinds(gzero, "caption")[0].startswith("A carnival float by artist Jacques Tilly")
    assert kinds(gzero, "credit") == ["REUTERS/Wolfgang Rattay"]
    assert kinds(gzero, "author_role") == ["Creative Director, Senior Editor/Producer"]
    assert len(kinds(gzero, "body")) == 5


def test_gzero_glued_word_is_repaired_with_traceable_offsets(gzero):
    raw = GZERO.read_text(encoding="utf-8")
    first = kinds(gzero, "body")[0]
    assert first.startswith("Chinese President Xi Jinping arrived in Moscow on Wednesday")
    assert any("glued" in w for w in gzero.warnings)
    assert_offsets_exact(gzero, raw)


def test_every_dropped_line_is_accounted_for(ft, gzero):
    for article, path in ((ft, FT), (gzero, GZERO)):
        raw = path.read_text(encoding="utf-8")
        covered = [(p.start, p.end) for p in article.paragraphs] + [
            (d.start, d.end) for d in article.dropped
        ]
        for line_start, line_end, line in _nonblank_lines(raw):
            assert any(s < line_end and e > line_start for s, e in covered), line


def _nonblank_lines(raw):
    at = 0
    for line in raw.split("\n"):
        if line.strip():
            yield at, at + len(line), line
        at += len(line) + 1


# -- made-up articles ------------------------------------------------------------------------
NEWSWIRE = """China and Russia pledge closer energy ties

By Jane Doe and Arjun Mehta in Singapore

March 3, 2025

China and Russia agreed on Monday to expand pipeline deliveries, officials said, in a deal
that analysts described as a sign of deepening ties between the two neighbours despite
Western sanctions on Moscow.

"This is a long-term partnership," said Li Wei, a researcher at Fudan University.

© 2025 Example Wire Ltd. All rights reserved.
"""


def test_newswire_plain_text(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(NEWSWIRE, encoding="utf-8")
    article = read_article(path)
    assert article.source_format == "plain"
    assert article.title == "China and Russia pledge closer energy ties"
    assert article.authors == ["Jane Doe", "Arjun Mehta"]
    assert article.published == date(2025, 3, 3)
    assert article.outlet == "Example Wire"
    body = kinds(article, "body")
    assert len(body) == 2
    # Hard-wrapped lines are one paragraph; the line breaks became spaces.
    assert body[0].startswith("China and Russia agreed on Monday to expand pipeline deliveries, officials")
    assert "\n" not in body[0]
    assert_offsets_exact(article, NEWSWIRE)


MARKDOWN = """**World**

# Kremlin courts Washington as Beijing watches

Moscow's thaw with the US tests its \\*no limits\\* partnership

**Ana Ruiz** in Moscow

Published 2 HOURS AGO

---

Russian officials met their [US counterparts](#) in Riyadh on Tuesday, the first such talks since 2021.

![A handshake in Riyadh](#)

The talks lasted four hours. © Jane Roe/AFP

Trade between Russia and China reached \\$240bn in 2023.
"""


def test_markdown_export(tmp_path):
    path = tmp_path / "export.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    entry = ManifestEntry(file=path.name, retrieved="2025-02-19")
    article = read_article(path, manifest=entry)
    assert article.source_format == "markdown"
    assert article.section == "World"
    assert article.title == "Kremlin courts Washington as Beijing watches"
    assert article.standfirst == "Moscow's thaw with the US tests its *no limits* partnership"
    assert article.authors == ["Ana Ruiz"]
    # "2 HOURS AGO" is resolved against the manifest's retrieval date.
    assert article.published == date(2025, 2, 18)
    assert kinds(article, "credit") == ["© Jane Roe/AFP"]
    assert kinds(article, "caption") == ["The talks lasted four hours."]
    assert "Trade between Russia and China reached $240bn in 2023." in kinds(article, "body")
    assert_offsets_exact(article, MARKDOWN)


HTML = """<!DOCTYPE html><html><head><title>Beijing weighs Moscow ties | The Daily Globe</title>
<meta property="og:site_name" content="The Daily Globe"><meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-03-04T10:00:00Z">
<meta name="description" content="Analysts see limits to any thaw.">
<link rel="canonical" href="https://example.org/world/beijing-moscow"></head>
<body><nav>Home | World | Search</nav><article><h1>Beijing weighs Moscow ties</h1>
<p>China is unlikely to abandon Russia, analysts said on Tuesday, despite pressure from Washington
over trade and technology.</p>
<p>"The partnership is strategic, not tactical," said Li Wei, a professor at Fudan University.</p>
<p>Trade between the two countries hit $245bn last year, according to Chinese customs data.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""


def test_html_page_through_trafilatura(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    article = read_article(path)
    assert article.source_format == "html"
    assert article.title == "Beijing weighs Moscow ties"
    assert article.authors == ["Jane Doe"]
    assert article.outlet == "The Daily Globe"
    assert article.published == date(2025, 3, 4)
    assert article.url == "https://example.org/world/beijing-moscow"
    assert article.standfirst == "Analysts see limits to any thaw."
    body = kinds(article, "body")
    assert any(t.startswith("China is unlikely to abandon Russia") for t in body)
    assert not any("Subscribe" in t or "Home | World" in t for t in body)
    # Offsets index the page itself: each paragraph is found again between its tags.
    assert article.offsets_base == "html"
    assert_offsets_in_page(article, HTML)


def test_manifest_overrides_inferred_fields(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(NEWSWIRE, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,url,published\nwire.txt,Other Wire,https://example.org/a,2025-03-04\n",
        encoding="utf-8",
    )
    article = read_article(path)
    assert (article.outlet, article.url, article.published) == (
        "Other Wire", "https://example.org/a", date(2025, 3, 4),
    )


# -- bad input --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"   \n\n\t  \n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"caf\xe9 \x81\x8d\x90 ok", "not valid UTF-8"),
    ],
)
def test_bad_input_names_file_and_problem(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError) as error:
        read_article(path)
    assert str(path) in str(error.value)
    assert problem in str(error.value)


def test_missing_folder_and_huge_files(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "absent.txt")
    with pytest.raises(ArticleError, match="is a folder"):
        read_article(tmp_path)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: no real disk used
    with pytest.raises(ArticleError, match="too large"):
        read_article(huge)


def test_legacy_encoding_is_read_with_a_warning(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(NEWSWIRE.replace('"', "\u201c", 1).encode("cp1252"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        article = read_article(path)
    assert any(issubclass(w.category, LegacyEncodingWarning) for w in caught)
    assert article.title == "China and Russia pledge closer energy ties"
    assert "cp1252" in article.warnings[0]


def test_cli_prints_one_line_for_bad_input(tmp_path, capsys):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert cli_main(["parse", str(path)]) == 3
    err = capsys.readouterr().err
    assert err.strip() == f"geolib: {path}: is empty"


def test_cli_json_has_exactly_the_article_fields(capsys):
    assert cli_main(["parse", str(FT)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == [
        "title", "standfirst", "authors", "outlet", "section", "published", "published_text",
        "topics", "url", "paragraphs", "dropped",
    ]
    assert set(data["paragraphs"][0]) == {"kind", "text", "start", "end"}
    assert set(data["dropped"][0]) == {"text", "start", "end", "reason"}


# -- any text: an Article with exact offsets, or an ArticleError ------------------------------
_PIECES = list("ab Xy.,\n\n#*_[]()!\\-—“”\"'©/:0123") + ["www.x.com/a-b", "By ", "\r\n", "**"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=200).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(_TEXT, st.text(max_size=300)))
def test_any_text_gives_exact_offsets_or_article_error(tmp_path, text):
    path = tmp_path / "any.txt"
    path.write_bytes(text.encode("utf-8"))
    try:
        article = read_article(path)
    except ArticleError as error:
        assert str(path) in str(error)
        return
    decoded = path.read_bytes().decode("utf-8-sig")
    assert_offsets_exact(article, decoded)


# -- unseen shapes: newswire, page copies, Markdown exports, HTML with figures ------------------
def _read(tmp_path, name, text, encoding="utf-8", newline="\n"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return read_article(path), path.read_bytes().decode("utf-8-sig" if encoding == "utf-8" else encoding)


WIRE = """US slaps new tariffs on Chinese steel

WASHINGTON, March 12 (Reuters) - The United States on Wednesday imposed new tariffs on
Chinese steel imports, escalating a trade dispute that has rattled global markets.

"We will respond firmly," China's commerce ministry said in a statement.

(Reporting by David Lawder in Washington and Yew Lun Tian; Editing by Chizu Nomiyama)
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_wire_dateline_agency_and_contributor_credits(tmp_path, newline):
    path = tmp_path / "wire.txt"
    path.write_bytes(WIRE.replace("\n", newline).encode("utf-8"))
    article = read_article(path, manifest=ManifestEntry(file=path.name, retrieved="2025-03-14"))
    raw = path.read_bytes().decode("utf-8")
    assert article.title == "US slaps new tariffs on Chinese steel"
    assert kinds(article, "dateline") == ["WASHINGTON, March 12 (Reuters) -"]
    # The dateline is not part of the story's first sentence.
    assert kinds(article, "body")[0].startswith("The United States on Wednesday imposed")
    assert article.outlet == "Reuters"
    # Reporters are the authors, editors are not.
    assert article.authors == ["David Lawder", "Yew Lun Tian"]
    # A date without a year is resolved only against a known retrieval date.
    assert article.published == date(2025, 3, 12)
    assert [d.reason for d in article.dropped] == ["contributor credits"]
    assert_offsets_exact(article, raw)


def test_wire_date_without_year_and_no_base_is_left_unknown(tmp_path):
    article, _ = _read(tmp_path, "wire.txt", WIRE)
    assert article.published is None


def test_bom_em_dash_dateline_and_copyright_owner(tmp_path):
    text = (
        "\ufeffJapan protests Chinese coast guard incursion\n"
        "TOKYO (AP) — Japan lodged a protest with China on Friday after four ships entered its waters.\n"
        "China claims the islands, which it calls the Diaoyu.\n"
        "Copyright 2025 The Associated Press. All rights reserved. This material may not be published.\n"
    )
    article, raw = _read(tmp_path, "ap.txt", text)
    assert article.title == "Japan protests Chinese coast guard incursion"
    assert kinds(article, "dateline") == ["TOKYO (AP) —"]
    assert article.outlet == "The Associated Press"  # the owner, not the legal notice after it
    assert article.published_iso == "2025"
    assert_offsets_exact(article, raw)


PAGE_COPY = """Skip to main content
Menu
We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.
Accept all cookies

Taiwan reports surge in Chinese military flights

Taiwan reports surge in Chinese military flights

Taipei says 45 aircraft crossed the median line in 24 hours

By Emma Walsh
Asia correspondent

Published: 14 April 2025, 09:32 BST
Share this article
Share on Facebook

Chinese fighter jets fly during a drill near Taiwan. Photo: Taiwan Ministry of Defence

Taiwan's defence ministry said on Monday it had detected 45 Chinese military aircraft around the island.

Advertisement

A Chinese aircraft carrier sails in the Pacific. (AFP via Getty Images)

"This is a serious provocation," said a senior Taiwanese security official.

Related articles
China warns US over Taiwan arms sales
What is the Taiwan Strait median line?

Emma Walsh is the Asia correspondent for the Daily Globe, based in Taipei.

Topics
China
Taiwan

© 2025 The Daily Globe. All rights reserved.
"""


def test_page_copy_with_chrome_captions_bio_related_and_topics(tmp_path):
    article, raw = _read(tmp_path, "page.txt", PAGE_COPY)
    assert article.title == "Taiwan reports surge in Chinese military flights"
    assert article.standfirst == "Taipei says 45 aircraft crossed the median line in 24 hours"
    assert article.authors == ["Emma Walsh"]
    assert article.outlet == "The Daily Globe"
    assert article.published == date(2025, 4, 14)
    assert article.topics == ["China", "Taiwan"]
    assert kinds(article, "author_role") == [
        "Asia correspondent", "Emma Walsh is the Asia correspondent for the Daily Globe, based in Taipei.",
    ]
    assert kinds(article, "caption") == [
        "Chinese fighter jets fly during a drill near Taiwan.",
        "A Chinese aircraft carrier sails in the Pacific.",
    ]
    assert kinds(article, "credit") == ["Photo: Taiwan Ministry of Defence", "(AFP via Getty Images)"]
    assert kinds(article, "body") == [
        "Taiwan's defence ministry said on Monday it had detected 45 Chinese military aircraft around "
        "the island.",
        '"This is a serious provocation," said a senior Taiwanese security official.',
    ]
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons["What is the Taiwan Strait median line?"] == "related links"
    assert reasons["Advertisement"] == "site chrome"
    assert reasons["Accept all cookies"] == "cookie banner"
    assert reasons["Topics"] == "topic list heading"
    assert_offsets_exact(article, raw)


def test_breadcrumb_block_is_not_the_title(tmp_path):
    text = (
        "World news\nChina\n\nBeijing's Belt and Road loses steam as lending dries up\n\n"
        "New figures show Chinese overseas lending fell to its lowest level in two decades\n\n"
        "Sarah Kim in Hong Kong\nTue 4 Feb 2025 06.00 GMT\nShare\n\n"
        "Workers at a Belt and Road site in Pakistan. Photograph: Anadolu/Getty Images\n\n"
        "China's flagship Belt and Road Initiative is losing momentum, according to new research.\n\n"
        "Explore more on these topics\nChina\nAsia Pacific\nReuse this content\n"
    )
    article, raw = _read(tmp_path, "guardian.txt", text)
    assert article.title == "Beijing's Belt and Road loses steam as lending dries up"
    assert article.standfirst.startswith("New figures show Chinese overseas lending")
    assert article.authors == ["Sarah Kim"]
    assert article.published == date(2025, 2, 4)
    assert article.topics == ["China", "Asia Pacific"]
    assert kinds(article, "credit") == ["Photograph: Anadolu/Getty Images"]
    assert len(kinds(article, "body")) == 1
    assert_offsets_exact(article, raw)


MARKDOWN_LISTS = """[Skip to content](#main)

* [Home](/)
* [World](/world)

# How the Ukraine war reshaped Russia's trade with China

## Sanctions pushed Moscow toward Beijing

**By Tom Harris | Analysis | 12 March 2025**

Oil and gas make up the bulk of Russian exports to China:

- Crude oil shipments rose 24% in 2023
- Pipeline gas deliveries reached 22bn cubic metres

> "China has become Russia's economic lifeline," said Alexandra Prokopenko.

![Oil tanks at Kozmino](https://example.com/kozmino.jpg)

*Oil tanks at the Kozmino terminal near Nakhodka. Photo: Reuters*

1. Chery
2. Haval

**Related:** [Why Chinese cars are flooding Russia](https://example.com/cars)

*Tom Harris is a trade reporter.*

### Share this article

[Facebook](https://facebook.com/share) [Twitter](https://twitter.com/share)

### More from Analysis

- [The case for a China tariff](https://example.com/1)
- [Brussels and Beijing](https://example.com/2)
"""


def test_markdown_lists_quotes_images_bio_and_related(tmp_path):
    article, raw = _read(tmp_path, "export.md", MARKDOWN_LISTS)
    assert article.source_format == "markdown"
    assert article.title == "How the Ukraine war reshaped Russia's trade with China"
    assert article.standfirst == "Sanctions pushed Moscow toward Beijing"
    assert article.authors == ["Tom Harris"]
    assert article.published == date(2025, 3, 12)
    assert article.published_text == "12 March 2025"
    # List items stay separate paragraphs, without their markers; nothing is lost.
    assert kinds(article, "body") == [
        "Oil and gas make up the bulk of Russian exports to China:",
        "Crude oil shipments rose 24% in 2023",
        "Pipeline gas deliveries reached 22bn cubic metres",
        '"China has become Russia\'s economic lifeline," said Alexandra Prokopenko.',
        "Chery",
        "Haval",
    ]
    assert kinds(article, "caption") == ["Oil tanks at the Kozmino terminal near Nakhodka."]
    assert kinds(article, "credit") == ["Photo: Reuters"]
    assert kinds(article, "author_role") == ["Tom Harris is a trade reporter."]
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons["Oil tanks at Kozmino"] == "image (alt text)"
    assert reasons["Facebook Twitter"] == "sharing"
    assert reasons["Brussels and Beijing"] == "related links"
    assert reasons["Related: Why Chinese cars are flooding Russia"] == "site chrome"
    assert_offsets_exact(article, raw)


def test_legacy_encoding_with_accented_hyphenated_byline(tmp_path):
    text = (
        "Moscow’s pivot east\n\nBy Jean-François Dupont and Zoë Odegaard\n\n"
        "Russia’s leaders speak of a “turn to the East”.\n"
    )
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LegacyEncodingWarning)
        article = read_article(path)
    assert article.authors == ["Jean-François Dupont", "Zoë Odegaard"]
    assert_offsets_exact(article, path.read_bytes().decode("cp1252"))


HTML_FIGURE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Xi and Putin sign energy deal | Global Times Review</title>
<meta property="og:site_name" content="Global Times Review">
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Xi and Putin sign energy deal",
"datePublished":"2025-05-08T14:00:00+03:00","articleSection":"World",
"author":[{"@type":"Person","name":"Olga Petrova"},{"@type":"Person","name":"James Carter"}],
"keywords":["China","Russia","Energy"]}]}
</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<main><article><h1>Xi and Putin sign energy deal</h1>
<figure><img src="/img/xi-putin.jpg" alt="Xi and Putin"><figcaption>Xi Jinping and Vladimir Putin at the
Kremlin on Thursday. Photo: Sputnik/Kremlin via Reuters</figcaption></figure>
<p>Chinese President Xi Jinping and Russian President Vladimir Putin signed an agreement in Moscow on
Thursday on the long-delayed Power of Siberia 2 gas pipeline, officials said.</p>
<p>"Our cooperation is not directed against anyone," Putin told reporters after the talks.</p>
<h2>What comes next</h2>
<p>Construction could take up to five years, according to Gazprom, the state gas company.</p>
</article></main><footer>© 2025 Global Times Review</footer></body></html>"""


def test_html_figure_caption_headings_and_json_ld(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    path = tmp_path / "figure.html"
    path.write_text(HTML_FIGURE, encoding="utf-8")
    article = read_article(path)
    assert article.title == "Xi and Putin sign energy deal"
    assert article.authors == ["Olga Petrova", "James Carter"]
    assert article.section == "World"
    assert article.topics == ["China", "Russia", "Energy"]
    assert article.published == date(2025, 5, 8)
    assert kinds(article, "caption") == ["Xi Jinping and Vladimir Putin at the Kremlin on Thursday."]
    assert kinds(article, "credit") == ["Photo: Sputnik/Kremlin via Reuters"]
    assert kinds(article, "heading") == ["What comes next"]
    assert len(kinds(article, "body")) == 3
    assert article.offsets_base == "html"
    assert_offsets_in_page(article, HTML_FIGURE)


def test_headline_block_with_caps_byline_time_first_date_and_contributors(tmp_path):
    text = (
        "Beijing Signals Patience on Taiwan as US Arms Sales Loom\n"
        "By JANE DOE and MARK O'NEILL, Associated Press\n"
        "Updated 5:02 PM EDT, March 3, 2025\n\n"
        "HONG KONG (AP) — China signalled on Monday that it would not be rushed into\n"
        "a confrontation over Taiwan, even as the United States prepared new arms sales.\n\n"
        "A Taiwanese soldier at a drill in Taichung. (Reuters)\n\n"
        "Associated Press writer Ken Moritsugu in Beijing contributed to this report.\n"
    )
    article, raw = _read(tmp_path, "ap.txt", text)
    assert article.title == "Beijing Signals Patience on Taiwan as US Arms Sales Loom"
    assert article.authors == ["Jane Doe", "Mark O'Neill"]  # the agency is not an author
    assert article.published == date(2025, 3, 3)
    assert kinds(article, "body") == [
        "China signalled on Monday that it would not be rushed into a confrontation over Taiwan, "
        "even as the United States prepared new arms sales."
    ]
    assert kinds(article, "credit") == ["(Reuters)"]
    assert article.dropped[-1].reason == "contributor credits"
    assert_offsets_exact(article, raw)


def test_markdown_kicker_heading_table_image_credit_and_inline_tags(tmp_path):
    text = (
        "## Russia\n\n# Sanctions bite, but Russia's economy keeps growing\n\n"
        "By Olga Ivanova, Moscow correspondent  \nMarch 4, 2025 · 5 min read\n\n"
        "Russia's economy grew by 3.6% last year, official data show, defying predictions.\n\n"
        "![](https://example.com/pic.jpg)\nImage: Getty Images\n\n"
        "| Year | GDP growth |\n|------|-----------|\n| 2023 | 3.6% |\n\n"
        "**Tags:** Russia, Economy, Sanctions\n"
    )
    article, raw = _read(tmp_path, "md.md", text)
    assert article.section == "Russia"
    assert article.title == "Sanctions bite, but Russia's economy keeps growing"
    assert article.authors == ["Olga Ivanova"]
    assert article.published == date(2025, 3, 4)
    assert article.topics == ["Russia", "Economy", "Sanctions"]
    # The credit under an image credits the image, not the paragraph above it.
    assert kinds(article, "caption") == []
    assert len(kinds(article, "body")) == 1
    assert [d.reason for d in article.dropped].count("table row") == 3
    assert_offsets_exact(article, raw)


def test_a_markdown_link_wrapped_over_two_lines_keeps_only_its_text(tmp_path):
    path = tmp_path / "statements.md"
    path.write_text(
        "---\ntitle: Support pours in for the harbour plan\n---\n\n"
        "The **harbour plan** drew praise from ministers and mayors across the\n"
        "country on Friday, a day after it was announced in Parliament.\n\n"
        "[**Harbour Commissioner Ilse\nVarga**](https://example.org/varga/status/123): \u201cThank you for\n"
        "standing up for the port towns. The people of the coast will not\nforget it.\u201d\n\n"
        "[**Mayor Tomas Brandt**](https://example.org/brandt/status/456): \u201cA\n"
        "great day for the north. We have waited twenty years for this.\u201d\n", encoding="utf-8")
    article = read_article(path)
    texts = [p.text for p in article.paragraphs]
    assert texts[1].startswith("Harbour Commissioner Ilse Varga: \u201cThank you for standing up")
    assert texts[2].startswith("Mayor Tomas Brandt: \u201cA great day")
    assert not any("](" in text or "example.org" in text for text in texts)
    raw = path.read_text(encoding="utf-8")
    assert all(offsets_are_exact(p, raw) for p in article.paragraphs)

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
    # Offsets refer to the cached extracted text, which the article names.
    base = Path(article.offsets_base)
    assert base.is_file()
    assert_offsets_exact(article, base.read_text(encoding="utf-8"))


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
    assert cli_main(["parse", str(path)]) == 1
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

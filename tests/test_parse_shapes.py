"""The parser on made-up texts in the shapes analysts paste: plain-text web copies, wire copy,
hard-wrapped text, HTML pages with meta tags, Markdown with front matter, transcripts; and
manifest proposals. Texts are invented; only their shapes are real."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from geolib import read_article
from geolib.cli import main as cli_main
from geolib.model import offsets_are_exact
from geolib.parse import cues
from geolib.parse.html import visible_text
from geolib.parse.manifest import ManifestEntry, load_manifest
from geolib.parse.propose import append_rows, name_cues, propose_rows

DEVCORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "devcorpus"


def kinds(article, kind):
    return [p.text for p in article.paragraphs if p.kind == kind]


def read(tmp_path, name, text, manifest=None):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    article = read_article(path, manifest=manifest)
    if article.offsets_base == "raw":
        for paragraph in article.paragraphs:
            assert offsets_are_exact(paragraph, text), paragraph
    return article


def reasons(article):
    return {d.text: d.reason for d in article.dropped}


# -- plain-text web copies -------------------------------------------------------------------
WEB_COPY = """Harbour Street Review
Politics
Economy
Security
Subscribe

Manila and Hanoi agree to joint coast guard drills in disputed waters

Manila and Hanoi agree to joint coast guard drills in disputed waters

By Rosa Delgado, Tran Minh and Lukas Berg
May 20, 2025
Updated 3:14 PM ET

The Philippines and Vietnam agreed on Tuesday to hold their first joint coast guard drills
next month, officials said, a step that analysts read as a signal to Beijing.

"We are neighbours with shared interests at sea," said Elena Cruz, a spokeswoman for the
Philippine coast guard.

Enter your email
Sign up
Privacy Policy | Terms of Use
We use cookies to give you a better experience. By continuing to browse, you agree to our use of cookies.
© 2025 Harbour Street Review. All rights reserved.
"""


def test_web_copy_site_name_menus_repeated_title_byline_and_date(tmp_path):
    article = read(tmp_path, "copy.txt", WEB_COPY)
    assert article.title == "Manila and Hanoi agree to joint coast guard drills in disputed waters"
    assert article.authors == ["Rosa Delgado", "Tran Minh", "Lukas Berg"]
    assert (article.published, article.published_precision) == (date(2025, 5, 20), "day")
    assert article.outlet == "Harbour Street Review"
    body = kinds(article, "body")
    assert len(body) == 2
    assert body[0].startswith("The Philippines and Vietnam agreed on Tuesday")
    why = reasons(article)
    assert why["Manila and Hanoi agree to joint coast guard drills in disputed waters"] == "repeated title"
    assert why["Enter your email"] == why["Sign up"] == "newsletter sign-up"
    assert why["Privacy Policy | Terms of Use"] == "footer"
    assert why["We use cookies to give you a better experience. By continuing to browse, you agree to "
               "our use of cookies."] == "cookie banner"
    assert kinds(article, "dateline") == ["May 20, 2025", "Updated 3:14 PM ET"]
    for line in ("Harbour Street Review", "Politics", "Economy", "Security", "Subscribe"):
        assert line in why, line


WEB_COPY_ROW_MENU = """Lakeside Ledger

World | Politics | Economy | Security | Opinion

Tariff truce leaves Brussels wary of the next round

Lena Fischer | Trade Reporter

20 May 2025

European officials welcomed the pause in tariffs on Tuesday but warned that talks with
Washington had barely begun.

Diplomats said the next round would test whether the truce could hold.

Politics
Economy
Security

Sign up for our daily briefing
Get the Ledger's best stories delivered to your inbox every morning.
Contact us | Careers | Advertise
"""


def test_web_copy_with_row_menu_name_pipe_role_and_footer_menu(tmp_path):
    article = read(tmp_path, "ledger.txt", WEB_COPY_ROW_MENU)
    assert article.title == "Tariff truce leaves Brussels wary of the next round"
    assert article.authors == ["Lena Fischer"]
    assert article.published == date(2025, 5, 20)
    assert article.outlet == "Lakeside Ledger"  # the site's name over its headline
    assert kinds(article, "body") == [
        "European officials welcomed the pause in tariffs on Tuesday but warned that talks with "
        "Washington had barely begun.",
        "Diplomats said the next round would test whether the truce could hold.",
    ]
    why = reasons(article)
    assert why["Lakeside Ledger"] == "site name"
    assert why["World | Politics | Economy | Security | Opinion"] == "site chrome"
    assert why["Politics"] == why["Economy"] == why["Security"] == "site menu"
    assert why["Sign up for our daily briefing"] == "newsletter sign-up"
    assert why["Get the Ledger's best stories delivered to your inbox every morning."] == "newsletter sign-up"
    assert why["Contact us | Careers | Advertise"] == "footer"


def test_relative_date_counts_from_the_retrieval_date(tmp_path):
    text = ("Seoul weighs its own deterrent\n\nBy Min-jun Park\n\nPublished 17 HOURS AGO\n\n"
            "South Korea's debate over nuclear weapons has moved from the fringe to the centre, "
            "officials and analysts said this week.\n")
    entry = ManifestEntry(file="seoul.txt", retrieved="2025-05-21")
    article = read(tmp_path, "seoul.txt", text, manifest=entry)
    assert (article.published, article.published_precision) == (date(2025, 5, 20), "day")
    assert article.published_text == "Published 17 HOURS AGO"


def test_a_section_name_over_running_text_is_a_heading_not_a_menu(tmp_path):
    text = ("Why the summit matters\n\nBy Ana Ruiz\n\nMarch 3, 2025\n\n"
            "Leaders meet on Friday in Jakarta, with trade and the sea on the agenda.\n\n"
            "Economy\n\n"
            "The region's economies have grown more tied to China than to the United States.\n")
    article = read(tmp_path, "summit.txt", text)
    assert kinds(article, "heading") == ["Economy"]
    assert len(kinds(article, "body")) == 2


def test_a_short_paragraph_in_single_marks_is_a_subhead_where_quotes_take_double_marks(tmp_path):
    text = ("Mill towns weigh the cost\n\nBy Ana Ruiz\n\n"
            "\"We never thought it would close,\" said Mara Olsen, a welder at the plant.\n\n"
            "'A change of heart.'\n\n"
            "The company said the move would save money. \"It was hard,\" said Tom Reyes.\n")
    article = read(tmp_path, "mill.txt", text)
    assert kinds(article, "heading") == ["'A change of heart.'"]
    # Where single marks are the house style, the same paragraph is a quote in the body.
    british = text.replace('"', "'")
    assert "'A change of heart.'" in kinds(read(tmp_path, "mill_uk.txt", british), "body")


WIRE_WEB_COPY = """Skip to main content
Exclusive news and analysis for professionals
Example Wire home
World
Business
Markets
My News
Sign In

World
Exports beat forecasts as shipments to Southeast Asia surge
By Lena Cheng and Mark Holloway
May 9, 20253:14 AM GMTUpdated 2 hours ago

Item 1 of 2 Containers are stacked at a port in Qingdao, China. REUTERS/Staff/File Photo
BEIJING, May 9 (Reuters) - China's exports grew faster than expected in April, customs data showed.
"Exporters have found new markets," said Wei Lin, an economist at a Hong Kong bank.
Reporting by Lena Cheng; Editing by Sam Holmes
Our Standards: The Trust Principles., opens new tab
Suggested Topics:
Trade
"""


def test_web_copy_headline_is_the_line_over_the_byline(tmp_path):
    article = read(tmp_path, "wire-copy.txt", WIRE_WEB_COPY)
    assert article.title == "Exports beat forecasts as shipments to Southeast Asia surge"
    assert article.authors == ["Lena Cheng", "Mark Holloway"]
    assert article.published == date(2025, 5, 9)  # "20253:14 AM GMT": the date glued to a time
    assert article.outlet == "Reuters"
    assert kinds(article, "caption") == ["Item 1 of 2 Containers are stacked at a port in Qingdao, China."]
    assert kinds(article, "credit") == ["REUTERS/Staff/File Photo"]
    assert kinds(article, "body")[0].startswith("China's exports grew faster")
    assert article.topics == ["Trade"]
    assert reasons(article)["Our Standards: The Trust Principles., opens new tab"] == "footer"
    assert reasons(article)["Exclusive news and analysis for professionals"] == "site header before the title"


def test_standfirst_without_full_stop_under_its_headline(tmp_path):
    text = ("Seoul and Tokyo renew currency swap line\n"
            "The deal restores a safety net both sides let lapse in 2015\n"
            "Ji-ho Han in Seoul\n"
            "Tue 4 Feb 2025 06.00 GMT\n\n"
            "South Korea and Japan agreed on Tuesday to renew a $10bn currency swap line.\n")
    article = read(tmp_path, "swap.txt", text)
    assert article.title == "Seoul and Tokyo renew currency swap line"
    assert article.authors == ["Ji-ho Han"]
    assert article.standfirst == "The deal restores a safety net both sides let lapse in 2015"


def test_credit_over_its_caption_and_broadcaster_dateline(tmp_path):
    text = ("Xi and Putin pledge deeper ties\nBy Laura Bick, Example TV\n"
            "Updated 3:14 AM EDT, Tue May 20, 2025\n\n"
            "Getty Images\nXi Jinping and Vladimir Putin in the Kremlin on Thursday\n\n"
            "Hong Kong CNN —\nChinese leader Xi Jinping arrived in Moscow on Wednesday for a state visit.\n")
    article = read(tmp_path, "tv.txt", text)
    assert kinds(article, "credit") == ["Getty Images"]
    assert kinds(article, "caption") == ["Xi Jinping and Vladimir Putin in the Kremlin on Thursday"]
    assert kinds(article, "dateline")[-1] == "Hong Kong CNN —"
    assert article.published == date(2025, 5, 20)


def test_bylines_in_common_forms():
    assert cues.byline_names("By Jane Doe and John Roe") == ["Jane Doe", "John Roe"]
    assert cues.byline_names("By Jane Doe, John Roe and Mary Major") == ["Jane Doe", "John Roe", "Mary Major"]
    assert cues.byline_names("Jane Doe | Reporter") == ["Jane Doe"]
    assert cues.is_byline("Words by Jane Doe")
    assert not cues.is_byline("U.S. TRADE DEFICIT WIDENS")  # a headline in capitals


def test_dates_in_common_forms():
    assert cues.dateline_date("May 20, 2025") == "May 20, 2025"
    assert cues.dateline_date("20 May 2025") == "20 May 2025"
    assert cues.dateline_date("May 20, 2025 at 3:14 p.m. EDT") == "May 20, 2025"
    assert cues.dateline_date("Published 17 HOURS AGO") == "17 HOURS AGO"
    assert cues.dateline_date("Tue 20 May 2025 14.03 BST") == "Tue 20 May 2025"
    assert cues.is_time_line("Updated 3:14 PM ET")
    assert cues.is_time_line("2:36 P.M. EST")
    assert not cues.is_time_line("The talks began at 3:14 PM and ran late into the night.")


# -- wire copy and hard-wrapped text ------------------------------------------------------------
WIRE_1987 = """BALTIC GRAIN FREIGHT RATES SEEN FIRMER

    LONDON, March 30 - Freight rates for grain cargoes from the
Baltic are expected to firm in the coming weeks as demand from
North African importers picks up, shipping brokers said.
    One broker said a cargo of 25,000 tonnes had been fixed at 7.1
dlrs a tonne, up from 6.4 dlrs last week, and that owners were
asking more for April loading.
    Exporters were also said to be holding back supplies.
 REUTER
"""


def test_wire_story_with_indented_hard_wrapped_paragraphs(tmp_path):
    article = read(tmp_path, "wire.txt", WIRE_1987)
    assert article.title == "BALTIC GRAIN FREIGHT RATES SEEN FIRMER"
    assert kinds(article, "dateline") == ["LONDON, March 30 -"]
    body = kinds(article, "body")
    assert body == [
        "Freight rates for grain cargoes from the Baltic are expected to firm in the coming weeks "
        "as demand from North African importers picks up, shipping brokers said.",
        "One broker said a cargo of 25,000 tonnes had been fixed at 7.1 dlrs a tonne, up from 6.4 "
        "dlrs last week, and that owners were asking more for April loading.",
        "Exporters were also said to be holding back supplies.",
    ]
    assert reasons(article)["REUTER"] == "wire sign-off"


def test_wire_title_directly_over_its_indented_dateline(tmp_path):
    text = ("JAPAN SEES SMALLER TRADE SURPLUS\n"
            "    TOKYO, Jan 5 (Reuters) - Japan's trade surplus is expected to narrow this\n"
            "year to 58.6 billion dlrs, a trade ministry official said, citing a rise in\n"
            "imports of machinery and farm products from the United States.\n"
            "    The official said exports of cars would fall.\n")
    article = read(tmp_path, "tokyo.txt", text)
    assert article.title == "JAPAN SEES SMALLER TRADE SURPLUS"
    assert article.outlet == "Reuters"
    assert kinds(article, "dateline") == ["TOKYO, Jan 5 (Reuters) -"]
    body = kinds(article, "body")
    assert len(body) == 2 and "58.6 billion dlrs, a trade ministry" in body[0]


def test_hard_wrapped_markdown_paragraphs_are_unwrapped_at_blank_lines_and_indents(tmp_path):
    lines = [
        "# Grain corridor talks stall",
        "",
        "Negotiators from the **three** countries met for a second day on Wednesday",
        "but failed to agree on inspections, two people with knowledge of the",
        "talks said. A further round is planned for next week in Istanbul, they",
        "said, though no date has been set.",
        "",
        "Shipping companies have asked for guarantees before sending vessels",
        "back into the corridor, where insurance costs have risen sharply since",
        "the summer, according to brokers in London and Athens who follow the",
        "trade closely.",
        "",
        "- Insurance premiums have tripled since June, brokers say, and some",
        "  underwriters have stopped quoting altogether.",
        "- Exports through the corridor fell by a third in August.",
    ]
    text = "\n".join(lines) + "\n"
    article = read(tmp_path, "wrapped.md", text)
    assert article.title == "Grain corridor talks stall"
    body = kinds(article, "body")
    assert len(body) == 4
    assert body[0].endswith("though no date has been set.")
    assert body[2] == ("Insurance premiums have tripled since June, brokers say, and some underwriters "
                       "have stopped quoting altogether.")


def test_an_article_on_one_line_is_body_not_title(tmp_path):
    sentence = ("Officials in Brussels and Beijing said on Monday that talks on electric vehicle "
                "tariffs would resume next week, after a pause of several months. ")
    text = sentence * 40  # about 6 KB, no line breaks
    article = read(tmp_path, "oneline.txt", text)
    assert article.title is None
    assert len(kinds(article, "body")) == 1


# -- HTML pages ------------------------------------------------------------------------------
HTML_DATELINE = """<!DOCTYPE html><html><head>
<title>EU and China open EV tariff talks - Example News</title>
<meta property="og:title" content="EU and China open talks on electric vehicle tariffs">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-03-12T23:30:00-05:00">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "EU and China open talks on electric vehicle tariffs",
 "author": [{"@type": "Person", "name": "Li Na"}, {"@type": "Person", "name": "Paul Weber"}]}</script>
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<div itemscope itemtype="https://schema.org/ImageObject">
<meta itemprop="datePublished" content="2019-01-01"></div>
<p>BEIJING, March 12 - China and the European Union opened talks on Tuesday over tariffs on
electric vehicles, officials said, in a dispute that has strained ties between the two.</p>
<p>&ldquo;We want a solution through dialogue,&rdquo; said a spokesman for China&#8217;s commerce
ministry, <a href="/people/wang">Wang Wei<span class="tooltip hidden">Spokesman, Ministry of
Commerce</span></a>.</p>
<p>Exports of cars from China to the EU rose 14% last year, customs data show.</p>
</article><footer>Privacy Policy | Terms of Use</footer></body></html>"""


def test_html_dateline_lede_is_body_and_meta_tags_give_title_date_authors(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    article = read(tmp_path, "ev.html", HTML_DATELINE)
    assert article.title == "EU and China open talks on electric vehicle tariffs"
    assert article.published == date(2024, 3, 12)  # the day as the page states it, not moved to UTC
    assert article.authors == ["Li Na", "Paul Weber"]
    assert article.outlet == "Example News"
    assert kinds(article, "title") == []
    assert kinds(article, "dateline") == ["BEIJING, March 12 -"]
    body = kinds(article, "body")
    assert body[0].startswith("China and the European Union opened talks on Tuesday")
    assert body[1] == ("“We want a solution through dialogue,” said a spokesman for China’s commerce "
                       "ministry, Wang Wei.")  # the hidden tooltip is left out


def test_a_dateline_lede_is_never_the_title(tmp_path):
    text = ("BEIJING, March 12 - China and the European Union opened talks on Tuesday over tariffs "
            "on electric vehicles, officials said.\n\nThe talks are expected to last two days.\n")
    article = read(tmp_path, "lede.txt", text)
    assert article.title is None
    assert kinds(article, "dateline") == ["BEIJING, March 12 -"]
    assert len(kinds(article, "body")) == 2


def test_html_title_without_site_suffix_and_alt_text_is_not_located_in_words(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    page = ('<html><head><meta property="og:title" content="Taiwan detects warships | Island Daily">'
            '<meta property="og:site_name" content="Island Daily"></head><body><article>'
            "<h1>Taiwan detects warships</h1>"
            '<figure><img src="a.jpg" alt="ships"><figcaption>A navy vessel in the strait. '
            "Photo: Reuters</figcaption></figure>"
            "<p>TAIPEI &mdash; Taiwan's defence ministry said on Wednesday it had detected 11 Chinese "
            "warships operating near the island.</p></article></body></html>")
    article = read(tmp_path, "ships.html", page)
    assert article.title == "Taiwan detects warships"
    assert kinds(article, "title") == ["Taiwan detects warships"]  # the h1 line is the title
    assert kinds(article, "dateline") == ["TAIPEI —"]
    alt = [d for d in article.dropped if d.reason == "image (alt text)"]
    assert all(d.start == d.end for d in alt)  # an attribute is not page text: an empty span


def test_html_offsets_index_the_page_itself(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    article = read(tmp_path, "ev.html", HTML_DATELINE)
    assert article.offsets_base == "html"
    assert not any(w.startswith("offsets") for w in article.warnings)
    for paragraph in article.paragraphs:
        shown = visible_text(HTML_DATELINE[paragraph.start : paragraph.end])
        assert "".join(shown.split()) == "".join(paragraph.text.split()), paragraph
    quote = kinds(article, "body")[1]
    paragraph = next(p for p in article.paragraphs if p.text == quote)
    at = quote.index("dialogue")
    start, end = paragraph.raw_span(at, at + len("dialogue"))
    assert HTML_DATELINE[start:end] == "dialogue"
    # A character written as a reference maps to the reference.
    assert HTML_DATELINE[paragraph.to_raw(0) :].startswith("&ldquo;")


# -- Markdown with front matter --------------------------------------------------------------
FRONT_MATTER = """---
tags: statements-releases
date: '2024-06-14'
published_time: 2024-06-14 22:10:00-04:00
source_url: https://www.example.gov/briefing-room/2024/06/14/readout-of-call/
title: "Readout of the President\\u2019s Call with the Prime Minister of\\_Norway"
authors:
- 3xYk9QpLmN2vB7cD
- Ingrid Solberg
---

The President spoke today with the Prime Minister of Norway about energy security in
Europe and support for Ukraine. The leaders discussed the upcoming NATO summit and
agreed to keep in close contact.

\\###
"""


def test_yaml_front_matter_gives_title_date_url_and_authors(tmp_path):
    article = read(tmp_path, "readout.txt", FRONT_MATTER)
    assert article.title == "Readout of the President’s Call with the Prime Minister of Norway"
    assert (article.published, article.published_precision) == (date(2024, 6, 14), "day")
    assert article.url == "https://www.example.gov/briefing-room/2024/06/14/readout-of-call/"
    assert article.authors == ["Ingrid Solberg"]  # an id is not a name
    assert article.topics == ["statements-releases"]
    body = kinds(article, "body")
    assert len(body) == 1 and body[0].startswith("The President spoke today")
    why = {d.reason for d in article.dropped}
    assert {"front matter", "end mark"} <= why
    front = article.dropped[0]
    assert front.start == 0 and FRONT_MATTER[front.end - 4 : front.end] == "---\n"


def test_toml_front_matter(tmp_path):
    text = ('+++\ntitle = "Arctic shipping lanes open early"\ndate = 2024-07-02\n'
            'author = "Erik Lund"\n+++\n\nIce retreated weeks ahead of the usual schedule this '
            'summer, opening the northern route to cargo ships, officials said.\n')
    article = read(tmp_path, "arctic.md", text)
    assert article.title == "Arctic shipping lanes open early"
    assert article.published == date(2024, 7, 2)
    assert article.authors == ["Erik Lund"]


# -- transcripts ---------------------------------------------------------------------------------
TRANSCRIPT = """---
title: Press Briefing by the Press Secretary
date: '2023-02-01'
---

Briefing Room

1:05 P.M. EST

MS. LANE:  Good afternoon, everyone.  I have one item at the top.

Q    Thanks.  On the talks in Geneva: does the President expect a deal
this week?

MS. LANE:  I won't get ahead of the negotiators.

Q
And on tariffs, is a pause still possible?

MS. LANE:  Nothing has changed on that.

Vladimir Petrov: We are ready to continue the dialogue.
"""


def test_transcript_turns_are_body_paragraphs_starting_with_their_label(tmp_path):
    article = read(tmp_path, "briefing.txt", TRANSCRIPT)
    body = kinds(article, "body")
    assert body == [
        "Briefing Room",
        "MS. LANE: Good afternoon, everyone. I have one item at the top.",
        "Q Thanks. On the talks in Geneva: does the President expect a deal this week?",
        "MS. LANE: I won't get ahead of the negotiators.",
        "Q And on tariffs, is a pause still possible?",  # the label alone on its line joins its words
        "MS. LANE: Nothing has changed on that.",
        "Vladimir Petrov: We are ready to continue the dialogue.",
    ]
    assert kinds(article, "dateline") == ["1:05 P.M. EST"]


# -- manifest proposals ------------------------------------------------------------------------
def test_file_names_give_dates_and_known_outlets():
    assert name_cues("ft-2025-02-24-trump-russia.txt") == ("2025-02-24", "Financial Times")
    assert name_cues("reuters_20240105_tokyo.txt") == ("2024-01-05", "Reuters")
    assert name_cues("notes-2025-13-40.txt") == (None, None)  # no such date; no such outlet


def test_manifest_proposals_never_change_a_row_the_user_wrote(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path / "home"))
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "ft-2025-02-24-talks.txt").write_text(
        "Talks resume in Riyadh\n\nBy Max Roe\n\nOfficials from both sides met on Monday for a "
        "second round of talks, diplomats said.\n", encoding="utf-8")
    (folder / "copy.txt").write_text(WEB_COPY, encoding="utf-8")
    (folder / "ev.html").write_text(HTML_DATELINE, encoding="utf-8")
    manifest = folder / "manifest.csv"
    written = "file,outlet,published,licence\ncopy.txt,My Own Name,2025-05-01,mine\n"
    manifest.write_text(written, encoding="utf-8")

    assert cli_main(["manifest", str(folder)]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    by_file = {r["file"]: r for r in rows}
    assert set(by_file) == {"ft-2025-02-24-talks.txt", "ev.html"}  # copy.txt is listed already
    assert by_file["ft-2025-02-24-talks.txt"]["published"] == "2025-02-24"
    assert by_file["ft-2025-02-24-talks.txt"]["outlet"] == "Financial Times"
    assert by_file["ft-2025-02-24-talks.txt"]["title"] == "Talks resume in Riyadh"
    assert by_file["ev.html"]["published"] == "2024-03-12"
    assert by_file["ev.html"]["title"] == "EU and China open talks on electric vehicle tariffs"
    assert manifest.read_text(encoding="utf-8") == written  # printing writes nothing

    assert cli_main(["manifest", str(folder), "--out", str(folder / "proposals.csv")]) == 1
    assert cli_main(["manifest", str(folder), "--write"]) == 0
    text = manifest.read_text(encoding="utf-8")
    assert text.startswith(written)  # the user's rows, byte for byte
    entries = load_manifest(folder)
    assert entries["copy.txt"].outlet == "My Own Name"
    assert entries["ft-2025-02-24-talks.txt"].published == "2025-02-24"
    assert cli_main(["manifest", str(folder), "--write"]) == 0
    assert manifest.read_text(encoding="utf-8") == text  # nothing new to add


def test_proposals_for_listed_files_only_when_asked(tmp_path):
    (tmp_path / "a.txt").write_text("A headline\n\nSome running text that ends here, said an "
                                    "official on Monday.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file\na.txt\n", encoding="utf-8")
    assert propose_rows([tmp_path / "a.txt"]) == []
    (proposal,) = propose_rows([tmp_path / "a.txt"], every=True)
    assert proposal.title == "A headline"
    assert append_rows(tmp_path, [proposal]) == 0


# -- the real dev corpus (skipped without it) -----------------------------------------------------
@pytest.mark.skipif(not DEVCORPUS.is_dir(), reason="dev corpus not present")
def test_dev_corpus_html_offsets_index_the_pages(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    pages = sorted(DEVCORPUS.glob("*.html"))
    assert pages
    for path in pages:
        article = read_article(path, manifest=ManifestEntry(file=path.name))
        raw = path.read_text(encoding="utf-8")
        if article.offsets_base != "html":
            assert any(w.startswith("offsets index the extracted text") for w in article.warnings)
            continue
        spans_hold_more = any(w.startswith("offsets:") for w in article.warnings)
        for paragraph in article.paragraphs:
            shown = "".join(visible_text(raw[paragraph.start : paragraph.end]).split())
            assert spans_hold_more or shown == "".join(paragraph.text.split()), (path.name, paragraph)


@pytest.mark.skipif(not DEVCORPUS.is_dir(), reason="dev corpus not present")
def test_dev_corpus_text_offsets_are_exact_and_front_matter_gives_titles(tmp_path):
    for path in sorted(DEVCORPUS.glob("*.txt")):
        article = read_article(path, manifest=ManifestEntry(file=path.name))
        raw = path.read_text(encoding="utf-8")
        assert article.title and article.published_precision == "day", path.name
        assert not any(p.text.startswith(("title:", "date:", "tags:")) for p in article.paragraphs)
        for paragraph in article.paragraphs:
            assert offsets_are_exact(paragraph, raw), (path.name, paragraph)

"""News archives and remote files in: WARC records as articles with their provenance, a
damaged record as an error row, URLs read through fsspec, a missing backend named."""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import shutil
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from geolib.cli import main as cli_main
from geolib.parse.html import visible_text
from geolib.sources import Source, find_sources, read_source

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"

PAGE = """<html><head><title>{title}</title>{meta}</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>{title}</h1>
<p>The trade minister of Freedonia, Anna Kessler, said on Tuesday that talks with Sylvania had
stalled. "We will not accept a deal that leaves our farmers behind," Kessler told reporters.</p>
<p>Analysts said the dispute could drag on for months. "Nobody expects a quick settlement,"
said Paul Ortega, a senior fellow at the Centre for Trade Studies in Geneva.</p>
<p>Officials in both capitals declined to say when negotiators would meet again, and the
markets took the news calmly, with the currency little changed by the evening.</p>
</article></body></html>"""


def _record(url: str, html: str, crawled: str, kind: str = "response") -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        url, kind, payload=io.BytesIO(html.encode("utf-8")), http_headers=headers,
        warc_headers_dict={"WARC-Date": crawled}))
    return buffer.getvalue()


def _warcinfo() -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("news.warc.gz", {"software": "a test"}))
    return buffer.getvalue()


@pytest.fixture
def archive(tmp_path, monkeypatch):
    """warcinfo, an HTML response with its own date and site name, a record with damaged
    gzip bytes, and an HTML response with neither date nor site name."""
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    dated = _record("https://news.example/talks", PAGE.format(
        title="Talks stall", meta='<meta property="og:site_name" content="Example News">'
                                  '<meta property="article:published_time" content="2024-03-04">'),
        "2024-03-05T10:00:00Z")
    damaged = bytearray(_record("https://news.example/lost", PAGE.format(title="Lost", meta=""),
                                "2024-03-05T10:00:01Z"))
    damaged[60:90] = bytes(b ^ 0x5A for b in damaged[60:90])
    undated = _record("https://wire.example/markets", PAGE.format(title="Markets calm", meta=""),
                      "2023-11-20T08:00:00Z")
    path = tmp_path / "news.warc.gz"
    path.write_bytes(_warcinfo() + dated + bytes(damaged) + undated)
    return path


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_each_html_response_is_an_article_and_a_damaged_record_an_error_row(archive, tmp_path, capsys):
    out = tmp_path / "out"
    assert cli_main(["tables", str(archive), "--out", str(out)]) == 3  # done, one record unreadable
    articles = {row["article_id"]: row for row in _read_csv(out / "articles.csv")}
    assert sorted(articles) == ["news.warc.gz#record-2", "news.warc.gz#record-4"]
    dated, undated = articles["news.warc.gz#record-2"], articles["news.warc.gz#record-4"]
    assert dated["file"] == f"{archive}#record-2"
    assert dated["url"] == "https://news.example/talks" and dated["outlet"] == "Example News"
    assert dated["published"] == "2024-03-04"  # the page's own date, not the crawl's
    assert undated["published"] == "2023-11-20" and "WARC-Date" in undated["warnings"]
    assert undated["outlet"] == "wire.example" and undated["url"] == "https://wire.example/markets"
    assert "Home | World" not in (out / "paragraphs.csv").read_text(encoding="utf-8")  # chrome dropped

    errors = _read_csv(out / "errors.csv")
    assert [row["file"] for row in errors] == [f"{archive}#record-3"]
    assert "cannot be read" in errors[0]["problem"]
    assert "news.warc.gz#record-3: cannot be read" in capsys.readouterr().err

    quotes = _read_csv(out / "quotes.csv")
    assert {q["speaker"] for q in quotes if q["kind"] == "direct"} == {"Anna Kessler", "Paul Ortega"}
    for quote in quotes:  # offsets point into the record's decoded page, kept where offsets_base says
        base = Path(articles[quote["article_id"]]["offsets_base"]).read_text(encoding="utf-8")
        shown = visible_text(base[int(quote["start"]):int(quote["end"])])
        assert " ".join(shown.split()) == " ".join(quote["text"].split())


def test_a_record_is_read_again_from_its_offset_through_the_cache(archive):
    found = find_sources(archive)
    assert [s.record for s in found.sources] == [2, 4]
    assert [name for name, _ in found.problems] == [f"{archive}#record-3"]
    first = read_source(found.sources[1])
    again = read_source(Source(str(archive), 4, found.sources[1].offset))
    assert again == first and again.id == "news.warc.gz#record-4"


def test_an_uncompressed_archive_with_a_broken_header_goes_on(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    one, two = (gzip.decompress(_record(f"https://a.example/{n}", PAGE.format(title=title, meta=""),
                                        f"2024-01-0{n}T00:00:00Z")) for n, title in ((1, "One"), (2, "Two")))
    path = tmp_path / "plain.warc"
    path.write_bytes(one + b"WARC/1.0\r\nthis line is no header\r\n\r\n" + two)
    found = find_sources(path)
    assert [s.name for s in found.sources] == [f"{path}#record-1", f"{path}#record-3"]
    assert [name for name, _ in found.problems] == [f"{path}#record-2"]
    assert [read_source(s).title for s in found.sources] == ["One", "Two"]


def test_urls_are_read_through_fsspec_like_local_files(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    fsspec = pytest.importorskip("fsspec")
    memory = fsspec.filesystem("memory")
    for seed in sorted(RAW.glob("*.txt")):
        memory.pipe(f"/news/{seed.name}", seed.read_bytes())
    memory.pipe("/news/manifest.csv", b"file\n")
    local = tmp_path / "news"
    shutil.copytree(RAW, local, ignore=shutil.ignore_patterns("manifest.csv"))

    assert cli_main(["quotes", "memory://news/", "--format", "csv"]) == 0
    remote = capsys.readouterr().out
    assert cli_main(["quotes", str(local / "*.txt"), "--format", "csv"]) == 0  # a glob
    here = capsys.readouterr().out
    assert remote.replace("memory:///news/", "") == here.replace(f"{local}/", "")  # fsspec's names
    assert remote.count("\n") > 20


@pytest.mark.skipif(importlib.util.find_spec("s3fs") is not None, reason="s3fs is installed")
def test_a_missing_fsspec_backend_is_named_in_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path))
    assert cli_main(["quotes", "s3://a-bucket/news/"]) == 3
    err = capsys.readouterr().err.splitlines()
    assert err[0] == ("geolib: s3://a-bucket/news/: reading s3:// URLs needs the s3fs package "
                      "(pip install s3fs)")

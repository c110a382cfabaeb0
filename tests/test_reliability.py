"""Reliability: odd files, encodings, glued words, manifests, the cache, file discovery and
safe output. Every case is a made-up file of the shape a user could drop into a corpus."""

from __future__ import annotations

import os
import re
import socket
import sys
import warnings
from pathlib import Path

import pytest

from geolib.errors import ArticleError
from geolib.model import offsets_are_exact
from geolib.parse import read_article
from geolib.parse.glue import repair_glued_words
from geolib.parse.layout import read_layout
from geolib.reading import MAX_BYTES, decoded_text, read_bytes, read_raw
from geolib.tableio import printable, safe_cell

ROOT = Path(__file__).resolve().parents[1]
DEVCORPUS = ROOT.parent / "shared" / "devcorpus"

ARTICLE = (
    "China and Russia pledge closer energy ties\n\n"
    "By Jane Doe\n\n"
    "Chinese President Xi Jinping arrived in Moscow on Wednesday for a four-day visit, "
    "officials said.\n\n"
    "“Our friendship has no limits,” Xi told reporters after the talks, adding that "
    "trade would grow.\n\n"
    "Russia’s president, Vladimir Putin, said the two countries would sign new gas deals.\n"
)


@pytest.fixture(autouse=True)
def _own_project(tmp_path, monkeypatch):
    """Each test in a project of its own: caches and extracted text land under tmp_path."""
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path / "project"))


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _assert_exact(article, path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the reader's warnings were checked on the first read
        raw = decoded_text(path)
    for paragraph in article.paragraphs:
        assert offsets_are_exact(paragraph, raw), paragraph


# -- what is a file ---------------------------------------------------------------------------
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")


@posix_only
def test_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ArticleError, match=r"pipe.txt: is a named pipe \(FIFO\), not a regular file"):
        read_raw(fifo)


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_link_to_a_device_is_refused(tmp_path, device):
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    link = tmp_path / "endless.txt"
    link.symlink_to(device)
    with pytest.raises(ArticleError, match=rf"is a link to a character device \({device}\)"):
        read_article(link)


@posix_only
def test_socket_and_broken_link_are_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a short socket path: the limit is about 100 bytes
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind("sock.txt")
        with pytest.raises(ArticleError, match="is a socket, not a regular file"):
            read_raw("sock.txt")
    finally:
        server.close()
    Path("broken.txt").symlink_to("nowhere.txt")
    with pytest.raises(ArticleError, match=r"is a broken link \(to nowhere.txt\)"):
        read_raw("broken.txt")


def test_link_to_a_regular_file_is_followed(tmp_path):
    target = _write(tmp_path, "article.txt", ARTICLE.encode())
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert read_article(link).title == "China and Russia pledge closer energy ties"


def test_reads_stop_at_the_limit_whatever_size_the_file_claims():
    status = Path("/proc/self/status")  # a regular file whose size says 0
    if not status.is_file() or status.stat().st_size != 0:
        pytest.skip("no /proc file with a false size here")
    with pytest.raises(ArticleError, match=r"too large \(over 10 bytes; the limit is 10 bytes\)"):
        read_bytes(status, limit=10)
    assert read_bytes(status, limit=1_000_000)  # under the limit: read whole


def test_size_limit_message_agrees_with_the_readme(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no real disk used
    with pytest.raises(ArticleError) as error:
        read_raw(huge)
    limit = re.search(r"the limit is (\d+ MB)", str(error.value)).group(1)
    assert f"over {limit}" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert limit == "20 MB"


# -- encodings --------------------------------------------------------------------------------
def test_a_stray_byte_is_replaced_and_reported_not_fatal(tmp_path):
    data = ARTICLE.encode("utf-8").replace(b"four-day", b"four\xffday")
    path = _write(tmp_path, "stray.txt", data)
    with pytest.warns(UserWarning, match="replaced 1 undecodable byte sequence"):
        article = read_article(path)
    at = article.body[0].to_raw(article.body[0].text.index("\ufffd"))
    assert any(f"U+FFFD at character {at} " in w for w in article.warnings)
    assert any("four\ufffdday" in p.text for p in article.body)
    _assert_exact(article, path)


def test_latin1_text_with_an_undefined_byte_is_read_as_cp1252(tmp_path):
    text = ARTICLE.replace("“", '"').replace("”", '"').replace("’", "'") + "Café society.\n"
    data = text.encode("latin-1").replace(b"four-day", b"four\x81day")
    path = _write(tmp_path, "legacy.txt", data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        article = read_article(path)
    assert article.warnings[0].startswith("not UTF-8; read as cp1252")
    assert "latin-1" in article.warnings[0]
    assert any("replaced 1 undecodable" in w for w in article.warnings)
    assert article.body[-1].text == "Café society."
    _assert_exact(article, path)


def test_mostly_undecodable_file_is_refused_with_a_true_message(tmp_path):
    path = _write(tmp_path, "noise.txt", bytes(range(0x80, 0x100)) * 40)
    with pytest.raises(ArticleError) as error:
        read_raw(path)
    message = str(error.value)
    assert "is not valid UTF-8 (byte 0x80 at offset 0)" in message
    assert "not cp1252/latin-1 text either" in message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(tmp_path, encoding):
    data = ARTICLE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = _write(tmp_path, f"{encoding}.txt", data)
    article = read_article(path)
    plain = read_article(_write(tmp_path, "plain.txt", ARTICLE.encode("utf-8")))
    assert [p.text for p in article.paragraphs] == [p.text for p in plain.paragraphs]
    assert [(p.start, p.end) for p in article.paragraphs] == [(p.start, p.end) for p in plain.paragraphs]
    assert "byte-order mark" in article.warnings[0]
    _assert_exact(article, path)


def test_utf8_byte_order_mark_offsets_index_the_text_after_it(tmp_path):
    from geolib.extract.quotes import extract_quotes

    plain = read_article(_write(tmp_path, "plain.txt", ARTICLE.encode("utf-8")))
    path = _write(tmp_path, "bom.txt", ARTICLE.encode("utf-8-sig"))
    article = read_article(path)
    assert [(p.start, p.end) for p in article.paragraphs] == [(p.start, p.end) for p in plain.paragraphs]
    raw = decoded_text(path)
    assert not raw.startswith("\ufeff")
    _assert_exact(article, path)
    quotes = extract_quotes(article)
    assert quotes
    for quote in quotes:
        assert raw[quote.start : quote.end] == quote.text


# -- glued words ------------------------------------------------------------------------------
def _repaired(text: str) -> list[str]:
    layout = read_layout(text, False, frozenset())
    paragraphs, _ = repair_glued_words(layout.paragraphs)
    return [p.text for p in paragraphs]


def test_glued_name_and_verb_are_split_with_exact_offsets():
    text = (
        "Xi visits Moscow\n\n"
        "Chinese President Xi Jinpingarrived in Moscow on Wednesday for talks.\n\n"
        "Jinping and his hosts spoke for three hours on trade and energy.\n"
    )
    layout = read_layout(text, False, frozenset())
    paragraphs, notes = repair_glued_words(layout.paragraphs)
    assert paragraphs[1].text.startswith("Chinese President Xi Jinping arrived in Moscow")
    assert notes and "Jinpingarrived" in notes[0]
    assert all(offsets_are_exact(p, text) for p in paragraphs)


@pytest.mark.parametrize(
    ("word", "head"),
    [
        ("Congressman", "Congress"), ("Christie", "Chris"), ("Democratically", "Democratic"),
        ("Citigroup", "Citi"), ("Airlines", "Air"), ("Taiwan", "Tai"),
        ("Reaganesque", "Reagan"), ("Carsonian", "Carson"),
    ],
)
def test_real_words_are_never_split(word, head):
    """Each head also stands alone in the article: the old rule split all of these."""
    text = (
        "A hearing next week\n\n"
        f"The {head} team met on Monday in Washington to discuss the budget.\n\n"
        f"Officials said {word} would be the subject of a hearing next week.\n"
    )
    assert _repaired(text)[2] == f"Officials said {word} would be the subject of a hearing next week."


def test_a_token_inside_a_name_is_not_split():
    text = (
        "Senators on the vote\n\n"
        "Senator Mark Kelly and others spoke to reporters on Tuesday about it.\n\n"
        "[Sen. Markwayne\n\nMullin](https://example.org/status/1): the vote is set.\n"
    )
    assert not any("Mark wayne" in t for t in _repaired(text))


@pytest.mark.skipif(not DEVCORPUS.is_dir(), reason="no ../shared/devcorpus")
def test_dev_corpus_offsets_are_exact_and_no_repair_splits_a_corpus_word(monkeypatch):
    from geolib.corpus import parse_cached

    monkeypatch.setenv("GEOLIB_HOME", str(ROOT))  # the project's cache: a rerun reads it back
    files = sorted(p for p in DEVCORPUS.iterdir() if p.suffix in (".txt", ".md", ".html")
                   and p.name != "README.md")
    texts = {p: decoded_text(p) for p in files}
    repaired = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in files:
            article = parse_cached(path)
            # HTML offsets index the page's own text; tests/test_parse_shapes.py checks them there
            exact = article.offsets_base != "html"
            raw = texts[path] if article.offsets_base in ("raw", "html") else Path(
                article.offsets_base).read_text("utf-8")
            for paragraph in article.paragraphs:
                assert not exact or offsets_are_exact(paragraph, raw), (path.name, paragraph)
                copied = {t for t, _ in paragraph.copied_characters()}
                for at in (t for t in range(len(paragraph.text)) if t not in copied):
                    left = re.search(r"\w+$", paragraph.text[:at])
                    right = re.match(r"\w+", paragraph.text[at + 1 :])
                    if exact or left and right:  # an inserted space splitting a glued word
                        repaired.append((path, left.group() + right.group()))
    for path, word in repaired:
        elsewhere = [p.name for p, text in texts.items() if p != path and re.search(rf"\b{word}\b", text)]
        assert not elsewhere, f"{path.name}: split {word!r}, which stands unsplit in {elsewhere}"


# -- safe output ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-3.5", "-3.5"),
        ("+1e6", "+1e6"),
        ("-12%", "-12%"),
        ("Xi said = fine", "Xi said = fine"),
        (-3.5, -3.5),
        (-7, -7),
        (None, None),
    ],
)
def test_safe_cell_neutralises_formulas_and_keeps_numbers(value, cell):
    assert safe_cell(value) == cell


def test_printable_escapes_control_characters_in_names():
    assert printable("plain name.txt") == "plain name.txt"
    assert printable("evil\x1b[31mred\n.txt") == "evil\\x1b[31mred\\n.txt"
    assert printable("rtl\u202efdp.txt") == "rtl\\u202efdp.txt"
    assert printable(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"


def test_article_error_escapes_the_file_name(tmp_path):
    path = _write(tmp_path, "bad\x1b[2Jname.txt", b"")
    with pytest.raises(ArticleError) as error:
        read_raw(path)
    assert "\x1b" not in str(error.value) and "bad\\x1b[2Jname.txt: is empty" in str(error.value)
    assert error.value.path == str(path)  # the real name, for tables


# -- the manifest -----------------------------------------------------------------------------
def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder, "energy.txt", ARTICLE.encode())
    _write(folder, "trade.txt", ARTICLE.replace("energy ties", "trade ties").encode())
    return folder


def test_a_bad_manifest_row_costs_only_itself(tmp_path):
    from geolib import load_corpus
    from geolib.parse.manifest import ManifestWarning, read_manifest

    folder = _corpus(tmp_path / "corpus")
    (folder / "manifest.csv").write_text(
        "file,outlet,published,retrieved,licence\n"
        "energy.txt,Daily Globe,2025-03-04,,CC BY 4.0\n"
        "absent.txt,Other,2025-13-01\n"  # a bad date, for a file that is not even there
        "trade.txt,Trade Weekly,2024,2024-01-02,x,surplus\n"  # one value too many
        ",No File,2024\n",
        encoding="utf-8",
    )
    with pytest.warns(ManifestWarning) as caught:
        corpus = load_corpus(folder)
    assert sorted(corpus.articles["article_id"]) == ["energy", "trade"]
    assert corpus.errors.empty
    outlets = dict(zip(corpus.articles["article_id"], corpus.articles["outlet"], strict=True))
    assert outlets["energy"] == "Daily Globe"
    assert outlets["trade"] != "Trade Weekly"  # its row was ignored
    lines = [str(w.message) for w in caught]
    manifest = str(folder / "manifest.csv")
    assert f"{manifest}: row 3: published for absent.txt is not a date in the form YYYY-MM-DD or YYYY: " \
           "'2025-13-01'; row ignored" in lines
    assert any(line.startswith(f"{manifest}: row 4: 6 values for 5 columns") for line in lines)
    assert any(line.startswith(f"{manifest}: row 5: no file name") for line in lines)
    assert len(read_manifest(folder).problems) == 3


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "looks binary"),
        (bytes(range(0x80, 0x100)) * 4, "is not valid UTF-8"),
    ],
)
def test_an_unreadable_manifest_is_one_line_and_the_articles_go_on(tmp_path, capsys, data, problem):
    from geolib import load_corpus
    from geolib.cli import main as cli_main

    folder = _corpus(tmp_path / "corpus")
    _write(folder, "manifest.csv", data)
    with pytest.warns(UserWarning, match=problem):
        corpus = load_corpus(folder)
    assert sorted(corpus.articles["article_id"]) == ["energy", "trade"] and corpus.errors.empty
    _write(folder, "manifest.csv", data + b" ")  # a new version: read (and reported) again
    with warnings.catch_warnings():
        warnings.resetwarnings()
        assert cli_main(["parse", str(folder / "energy.txt")]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"geolib: {folder / 'manifest.csv'}: ")
    assert problem in err[0] and "manifest ignored" in err[0]


def test_a_legacy_encoded_manifest_is_read_with_a_line(tmp_path):
    from geolib.parse.manifest import read_manifest

    folder = _corpus(tmp_path / "corpus")
    _write(folder, "manifest.csv", "file,outlet\nenergy.txt,Zoë Media\n".encode("cp1252"))
    with pytest.warns(UserWarning, match="read as cp1252"):
        manifest = read_manifest(folder)
    assert manifest.entries["energy.txt"].outlet == "Zoë Media"


# -- the cache --------------------------------------------------------------------------------
def _cache_files(kind: str) -> list[Path]:
    from geolib.paths import cache_dir

    return sorted((cache_dir() / kind).glob("*.json"))


@pytest.mark.parametrize("poison", ['{"a": 1}', '"hello"', "[1, 2, 3]", '{"schema": 2, "kind": "quotes"}',
                                    '{"title": "x"', "\x00\x01binary"])
def test_a_poisoned_cache_is_a_miss_and_heals(tmp_path, poison):
    import json

    from geolib.corpus import parse_cached
    from geolib.pipeline import analyse

    path = _write(_corpus(tmp_path / "corpus"), "energy.txt", ARTICLE.encode())
    article = parse_cached(path)
    quotes = analyse(article).records("quotes")
    assert quotes and all(q["text"] for q in quotes)
    for kind in ("articles", "quotes"):
        (cached,) = _cache_files(kind)
        cached.write_text(poison, encoding="utf-8")
    assert parse_cached(path) == article
    assert analyse(article).records("quotes") == quotes
    for kind in ("articles", "quotes"):
        (cached,) = _cache_files(kind)
        wrapped = json.loads(cached.read_text(encoding="utf-8"))
        assert (wrapped["schema"], wrapped["kind"]) == (2, kind)  # rewritten whole


def test_a_cached_value_of_the_wrong_shape_or_schema_is_a_miss():
    import json

    from geolib import cache

    cache.store("quotes", "k", [{"file": "f", "article_id": "a", "quote_id": "q", "start": 0, "end": 3,
                                 "text": "abc", "kind": "direct", "speaker": None}])
    assert cache.load("quotes", "k")[0]["text"] == "abc"
    assert cache.load("quotes", "k", validate=lambda value: len(value) > 1) is None
    (path,) = _cache_files("quotes")
    wrapped = json.loads(path.read_text(encoding="utf-8"))
    for change in ({"schema": 1}, {"kind": "frames"}, {"value": [{"text": "abc"}]},
                   {"value": [{**wrapped["value"][0], "start": "0"}]}):
        path.write_text(json.dumps({**wrapped, **change}), encoding="utf-8")
        assert cache.load("quotes", "k") is None, change
    path.write_text(json.dumps(wrapped["value"]), encoding="utf-8")  # the old, unwrapped form
    assert cache.load("quotes", "k") is None


def test_a_write_that_dies_midway_leaves_nothing_that_is_read(tmp_path, monkeypatch):
    from geolib import cache

    cache.store("frames", "k", [])
    (path,) = _cache_files("frames")
    before = path.read_bytes()

    def die(self, target):
        raise OSError("disk full")

    with monkeypatch.context() as patch:  # the write fails after the temporary file is full
        patch.setattr(Path, "replace", die)
        cache.store("frames", "k", [{"file": "f", "article_id": "a", "frame": "x", "start": 0, "end": 1}])
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left
    # A process killed mid-write leaves a temporary file: never read under the cache's name.
    (path.parent / ".k.x1y2.tmp").write_text('{"schema": 2, "kind": "frames", "value": [{"fi', "utf-8")
    assert cache.load("frames", "k") == []
    assert (path.parent.parent / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f")


# -- outside a project ------------------------------------------------------------------------
def test_outside_a_project_the_cache_never_lands_in_the_corpus(tmp_path, monkeypatch, capsys):
    import json

    from geolib import paths
    from geolib.cli import main as cli_main

    monkeypatch.delenv("GEOLIB_HOME")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    folder = _corpus(tmp_path / "loose")
    _write(folder, "page.html", b"<html><head><title>Moscow talks</title></head><body><article>"
           b"<p>Chinese President Xi Jinping arrived in Moscow on Wednesday for talks, officials said "
           b"in a statement.</p><p>\"Our friendship has no limits,\" Xi told reporters after the talks "
           b"in the Kremlin on Thursday.</p></article></body></html>")
    monkeypatch.chdir(folder)
    assert paths.project_root() is None
    assert paths.cache_dir() == tmp_path / "user-cache" / "geolib"
    assert paths.reference_dir() == paths.PACKAGE_DATA / "reference"
    runs = []
    for _ in range(2):
        assert cli_main(["quotes", "."]) == 0
        runs.append([json.loads(line) for line in capsys.readouterr().out.splitlines()])
    assert runs[0] == runs[1] and len(runs[0]) >= 3
    assert sorted(p.name for p in folder.iterdir()) == ["energy.txt", "page.html", "trade.txt"]
    assert (tmp_path / "user-cache" / "geolib" / "CACHEDIR.TAG").is_file()


def test_project_root_needs_a_raw_folder_or_geolib_home(tmp_path, monkeypatch):
    from geolib import paths

    monkeypatch.delenv("GEOLIB_HOME")
    project = tmp_path / "project"
    (project / "data" / "raw").mkdir(parents=True)
    (project / "notebooks").mkdir()
    monkeypatch.chdir(project / "notebooks")
    assert paths.project_root() == project.resolve()
    assert paths.cache_dir() == project.resolve() / "data" / "cache"
    monkeypatch.chdir(tmp_path)
    assert paths.project_root() is None
    assert paths.raw_dir() == tmp_path / "data" / "raw"
    monkeypatch.setenv("GEOLIB_HOME", str(tmp_path / "elsewhere"))
    assert paths.project_root() == (tmp_path / "elsewhere").resolve()


# -- which files are articles -----------------------------------------------------------------
def test_discovery_skips_outputs_caches_and_hidden_folders_but_not_odd_files(tmp_path):
    from geolib import cache, load_corpus
    from geolib.files import article_files

    root = tmp_path / "project"
    folder = _corpus(root)
    for name in ("data/cache/articles/abc.json", "data/cache/extracted/page-1.txt",
                 "data/processed/quotes.csv", ".git/notes.txt", "sub/.hidden/x.txt",
                 "elsewhere-cache/quotes/x.json", "manifest.csv", "sub/README.md", ".hidden.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("file,outlet\n" if name == "manifest.csv" else "not an article", "utf-8")
    (root / "elsewhere-cache" / cache.CACHE_TAG).write_text(cache.CACHE_TAG_TEXT, encoding="utf-8")
    (root / "sub" / "story.txt").write_bytes(ARTICLE.encode())
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    odd = []
    if sys.platform != "win32":
        os.mkfifo(root / "pipe.txt")
        (root / "gone.txt").symlink_to(root / "nowhere.txt")
        odd = ["gone.txt", "pipe.txt"]
    found = [p.relative_to(root).as_posix() for p in article_files(folder)]
    assert found == sorted(["energy.txt", "trade.txt", "sub/story.txt", *odd])
    corpus = load_corpus(folder)
    assert sorted(corpus.articles["article_id"]) == ["energy", "story", "trade"]
    assert sorted(Path(f).name for f in corpus.errors["file"]) == odd


# -- the command line: safe cells, safe names, a safe --out -----------------------------------
def test_tables_refuse_to_write_into_the_raw_folder(tmp_path, monkeypatch, capsys):
    from geolib.cli import main as cli_main

    project = tmp_path / "project"
    monkeypatch.setenv("GEOLIB_HOME", str(project))
    raw = _corpus(project / "data" / "raw")
    before = sorted(p.name for p in raw.iterdir())
    elsewhere = _corpus(tmp_path / "corpus")
    for folder, out in ((raw, raw), (raw, raw / "tables"), (elsewhere, raw), (elsewhere, elsewhere / "out")):
        assert cli_main(["tables", str(folder), "--out", str(out)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "refusing to write inside the raw folder" in err[0], err
    assert sorted(p.name for p in raw.iterdir()) == before
    assert not (elsewhere / "out").exists()


def test_an_unusable_out_is_one_line(tmp_path, capsys):
    from geolib.cli import main as cli_main

    folder = _corpus(tmp_path / "corpus")
    blocker = _write(tmp_path, "blocker", b"a file")
    for out, problem in ((blocker, "is a file, not a folder"),
                         (blocker / "sub", "cannot write there (Not a directory)")):
        assert cli_main(["tables", str(folder), "--out", str(out)]) == 2
        assert capsys.readouterr().err.splitlines() == [f"geolib: --out {out}: {problem}"]


def test_csv_outputs_carry_no_formulas(tmp_path, monkeypatch, capsys):
    import csv
    import io

    from geolib.cli import main as cli_main

    folder = _corpus(tmp_path / "corpus")
    (folder / "manifest.csv").write_text(
        'file,outlet,url\nenergy.txt,"=HYPERLINK(""http://x.example"",""x"")",@SUM(A1:A2)\n',
        encoding="utf-8")
    out = tmp_path / "tables"
    assert cli_main(["tables", str(folder), "--out", str(out), "--only", "quotes"]) == 0
    with open(out / "articles.csv", newline="", encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["article_id"] == "energy")
    assert row["outlet"] == "'=HYPERLINK(\"http://x.example\",\"x\")" and row["url"] == "'@SUM(A1:A2)"
    capsys.readouterr()
    monkeypatch.chdir(folder)
    _write(folder, "=cmd.txt", ARTICLE.encode())
    assert cli_main(["quotes", "=cmd.txt", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and all(r["file"] == "'=cmd.txt" and r["article_id"] == "'=cmd" for r in rows)
    assert all(not r[k].startswith(("=", "+", "@")) for r in rows for k in r)


def test_control_characters_in_file_names_never_reach_the_terminal(tmp_path, capsys):
    from geolib.cli import main as cli_main

    folder = _corpus(tmp_path / "corpus")
    _write(folder, "evil\x1b[2J\nname.txt", b"")
    out = tmp_path / "tables"
    assert cli_main(["tables", str(folder), "--out", str(out), "--only"]) == 3  # done, a file unreadable
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert f"geolib: {folder}/evil\\x1b[2J\\nname.txt: is empty" in err.splitlines()

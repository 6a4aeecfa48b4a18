"""Readers: every input format and every way a file can be bad, without the spaCy model.

The readers are the only place that sees raw bytes and markup, so these tests pin down what
reaches the header stage: clean blocks, container metadata, and one-line errors.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from dateline.sources import Block, Document, ReadError, iter_documents, load_text
from dateline.sources.detect import format_of, sniff
from dateline.sources.encoding import decode
from dateline.sources.markdown import clean_inline, looks_like_markdown, markdown_blocks
from dateline.sources.records import record_document
from dateline.sources.text import text_blocks
from tests.conftest import FIXTURES, ROOT

EXAMPLES = ROOT / "examples"


def read_all(path: Path) -> list[Document | ReadError]:
    """All items a file yields, so tests can check both documents and errors."""
    return list(iter_documents(path))


def only_document(path: Path) -> Document:
    """The single document of a file that must read cleanly."""
    items = read_all(path)
    assert len(items) == 1, items
    assert isinstance(items[0], Document), items[0]
    return items[0]


def body(doc: Document) -> str:
    return "\n".join(b.text for b in doc.blocks)


# --- format detection -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.html", "html"),
        ("a.HTM", "html"),
        ("a.json", "json"),
        ("a.jsonl", "json"),
        ("a.jsonl.gz", "json"),
        ("a.md", "markdown"),
        ("a.txt", None),
        ("a.txt.gz", None),
        ("README", None),
    ],
)
def test_format_from_extension(name: str, fmt: str | None) -> None:
    """The extension decides first (`.jsonl.gz` is JSON Lines); None means sniff the content."""
    assert format_of(Path(name)) == fmt


def test_sniff_needs_parseable_json() -> None:
    """A text article that opens with a bracket must not be read as broken JSON lines."""
    text = "[UPDATED] Storm closes schools\n\nLONDON, March 3 (Reuters) - Schools closed today.\n"
    assert sniff(text) is None
    assert sniff('{"text": "a b c d e f"}') == "json"
    assert sniff('{"text": "one"}\n{"text": "two"}\n') == "json"
    assert sniff("  <!DOCTYPE html><html><body></body></html>") == "html"
    items = list(load_text(text, "u.txt"))
    assert len(items) == 1 and isinstance(items[0], Document)
    assert items[0].blocks[0].text == "[UPDATED] Storm closes schools"


def test_markdown_needs_two_kinds_of_markup() -> None:
    """One '---' in a plain text is chance; a heading plus a rule is Markdown."""
    assert not looks_like_markdown("Prices rose.\n\n---\n\nThen fell.")
    assert looks_like_markdown("# Title\n\n---\n\nBody text here.")


# --- plain text and encodings -------------------------------------------------------------


def test_text_paragraphs_keep_their_lines() -> None:
    blocks = text_blocks("Headline here\n\nFirst line\nsecond line\n\n\nLast paragraph.\n")
    assert [b.text for b in blocks] == [
        "Headline here",
        "First line second line",
        "Last paragraph.",
    ]
    assert blocks[1].lines == [("First line", False), ("second line", False)]


def test_text_without_blank_lines_splits_on_line_breaks() -> None:
    blocks = text_blocks("One.\r\nTwo.\r\nThree.\r\nFour.")
    assert [b.text for b in blocks] == ["One.", "Two.", "Three.", "Four."]


def test_latin1_file_decodes_accents() -> None:
    """A Latin-1 file is not UTF-8; detection must give 'Bogotá', not mojibake or U+FFFD."""
    raw = (FIXTURES / "latin1.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    doc = only_document(FIXTURES / "latin1.txt")
    text = body(doc)
    assert "Bogotá" in text and "cafés" in text and "Bolívar" in text
    assert "\ufffd" not in text and "Ã" not in text


def test_damaged_utf8_keeps_good_characters() -> None:
    """Two stray bytes in a UTF-8 file are replaced; the dashes and accents around stay right."""
    doc = only_document(FIXTURES / "invalid_utf8.txt")
    text = body(doc)
    assert "\ufffd" in text
    assert "(Reuters) —" in text and "city’s" in text and "Praça do Comércio" in text
    assert "â€" not in text


def test_bom_is_dropped_and_text_normalized() -> None:
    """A UTF-8 BOM is not text, and decomposed accents are composed (NFC) for stable offsets."""
    data = "\ufeffCafe\u0301 owners protest".encode()
    assert decode(data, "x") == "Café owners protest"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    ],
)
def test_unusable_bytes_are_read_errors(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    items = read_all(path)
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert items[0].name == str(path) and reason in items[0].reason
    assert "\n" not in str(items[0])


def test_missing_file_and_directory_are_read_errors(tmp_path: Path) -> None:
    missing = read_all(tmp_path / "nope.txt")
    folder = read_all(tmp_path)
    assert isinstance(missing[0], ReadError) and "no such file" in missing[0].reason
    assert isinstance(folder[0], ReadError) and "directory" in folder[0].reason


def test_committed_empty_fixture() -> None:
    (err,) = read_all(FIXTURES / "empty.txt")
    assert isinstance(err, ReadError) and err.reason == "empty file"


def test_too_short_text_is_not_an_article(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Just three words")
    (err,) = read_all(path)
    assert isinstance(err, ReadError) and "not an article" in err.reason


def test_bad_gzip_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(b"this is not gzip data at all")
    (err,) = read_all(path)
    assert isinstance(err, ReadError) and "gzip" in err.reason


def test_gzipped_text_reads(tmp_path: Path) -> None:
    src = (FIXTURES / "kyiv_ap.txt").read_bytes()
    path = tmp_path / "kyiv.txt.gz"
    path.write_bytes(gzip.compress(src))
    doc = only_document(path)
    assert doc.format == "text" and "KYIV, Ukraine (AP) —" in body(doc)


# --- Markdown clippings ------------------------------------------------------------------


def test_clean_inline_removes_markup_and_flags_emphasis() -> None:
    assert clean_inline("**Caption of the photo**") == ("Caption of the photo", True)
    assert clean_inline("See [the report](https://example.org/r) and ![map](m.png)") == (
        "See the report and map",
        False,
    )
    assert clean_inline("A *very* `odd` line with <b>tags</b> \\*escaped\\*")[0] == (
        "A very odd line with tags *escaped*"
    )
    assert clean_inline("snake_case_name stays")[0] == "snake_case_name stays"


def test_markdown_clipping_blocks() -> None:
    """Heading, rule, placeholder dropped, bold caption lines flagged, footer URL kept apart."""
    blocks = markdown_blocks((FIXTURES / "credit_broken.md").read_text())
    kinds = [b.kind for b in blocks]
    assert kinds[:2] == ["heading", "rule"]
    assert kinds[-3:] == ["rule", "url", "para"]
    assert blocks[0].text == "Flood waters recede in river valley towns"
    assert blocks[-2].text == "https://news.example.org/2023/03/15/flood-waters-recede"
    assert all("Image not found" not in b.text for b in blocks)
    caption = blocks[2]
    assert caption.emphasized
    assert [strong for _, strong in caption.lines] == [True, False, False]
    assert caption.lines[-1][0] == "Doe/Pool via Reuters]"


def test_markdown_image_alt_is_an_image_block_unless_placeholder() -> None:
    blocks = markdown_blocks(
        "![Image not found or type unknown](x.png)\n\n![Rescuers at the site](y.jpg)\n\nText."
    )
    assert [(b.kind, b.text) for b in blocks] == [
        ("image", "Rescuers at the site"),
        ("para", "Text."),
    ]


def test_markdown_example_reads_as_markdown() -> None:
    doc = only_document(EXAMPLES / "colombia_peace_accord.md")
    assert doc.format == "markdown"
    assert doc.blocks[0].kind == "heading"
    assert any(b.kind == "url" for b in doc.blocks)


def test_markdown_clipping_saved_as_txt_is_markdown() -> None:
    """Browser clippings are often saved as .txt; content decides when the extension cannot."""
    doc = only_document(FIXTURES / "credit_broken.md")
    raw = (FIXTURES / "credit_broken.md").read_text()
    (as_txt,) = list(load_text(raw, "clip.txt"))
    assert isinstance(as_txt, Document) and as_txt.format == "markdown"
    assert [b.kind for b in as_txt.blocks] == [b.kind for b in doc.blocks]


# --- JSON and JSON Lines ----------------------------------------------------------------


def test_json_example_record() -> None:
    doc = only_document(EXAMPLES / "arms_trade_treaty.json")
    assert doc.format == "json"
    assert doc.title == "UN General Assembly adopts first global Arms Trade Treaty"
    assert doc.date == "2013-04-02"
    assert doc.url and doc.url.startswith("https://worlddesk.example.org/2013/04/02/")
    assert doc.publisher == "World Desk Digest"
    assert doc.name.endswith("(att-2013-04-02)")
    assert body(doc).startswith("New York [US], April 2 (ANI):")


@pytest.mark.parametrize("name", ["records.jsonl", "records.jsonl.gz"])
def test_jsonl_good_missing_text_and_invalid_lines(name: str) -> None:
    """One good record, one without text, one broken line: a document and two named errors."""
    path = FIXTURES / name
    items = read_all(path)
    assert len(items) == 3
    good, no_text, broken = items
    assert isinstance(good, Document) and good.title == "Rail line reopens after landslide"
    assert good.date == "2022-10-05" and good.publisher == "Example Wire"
    assert isinstance(no_text, ReadError) and no_text.name == f"{path}:2"
    assert "no 'text'" in no_text.reason
    assert isinstance(broken, ReadError) and broken.name == f"{path}:3"
    assert "invalid JSON" in broken.reason


def test_gz_fixture_matches_plain_jsonl() -> None:
    raw = gzip.decompress((FIXTURES / "records.jsonl.gz").read_bytes())
    assert raw == (FIXTURES / "records.jsonl").read_bytes()


def test_pretty_printed_invalid_json_is_one_error() -> None:
    """A broken multi-line .json document is one error, not one per line."""
    text = '{\n  "title": "x",\n  "text": "PARIS (AP) — a b c d e f"\n  "date": "2020-01-01"\n}\n'
    items = list(load_text(text, "bad.json", "json"))
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert items[0].name == "bad.json" and "invalid JSON" in items[0].reason


def test_json_array_records_are_numbered() -> None:
    text = json.dumps([{"text": "one two three four five six"}, {"title": "no text"}, 7])
    items = list(load_text(text, "arr.json", "json"))
    assert isinstance(items[0], Document) and items[0].name == "arr.json[1]"
    assert isinstance(items[1], ReadError) and items[1].name == "arr.json[2]"
    assert isinstance(items[2], ReadError) and "not an object" in items[2].reason


def test_record_metadata_must_be_text() -> None:
    """A list or number where a title or URL belongs is dropped, not passed on to crash later."""
    doc = record_document(
        {"text": "Body of the story goes here.", "title": ["a", "b"], "url": 5, "source": " "},
        "r",
    )
    assert doc.title is None and doc.url is None and doc.publisher is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2013-04-02T10:00:00Z", "2013-04-02"),
        ("Tue, 02 Apr 2013 10:00:00 GMT", "2013-04-02"),
        ("sometime in spring", "sometime in spring"),
        (20130402, None),
    ],
)
def test_record_dates(value: object, expected: str | None) -> None:
    """ISO and RSS dates become YYYY-MM-DD; anything else is not turned into a date."""
    doc = record_document({"text": "Body of the story goes here.", "date": value}, "r")
    assert doc.date == expected


# --- HTML pages --------------------------------------------------------------------------


def test_html_example_metadata_and_text() -> None:
    doc = only_document(EXAMPLES / "paris_climate_agreement.html")
    assert doc.format == "html"
    assert doc.title == "Nearly 200 nations adopt Paris climate agreement"
    assert doc.date == "2015-12-12"
    assert doc.url == "https://meridian-courier.example.com/world/paris-climate-agreement-adopted"
    assert doc.publisher == "The Meridian Courier"
    assert doc.author == "Elena Marchetti"
    text = body(doc)
    assert "PARIS (AP) — Negotiators" in text
    for boilerplate in ("Subscribe", "Privacy policy", "All rights reserved", "Related stories"):
        assert boilerplate not in text
    assert "<" not in text and "Delegates stand and applaud" not in text


def test_html_figure_caption_and_credit() -> None:
    doc = only_document(EXAMPLES / "paris_climate_agreement.html")
    assert len(doc.captions) == 1
    caption, credit = doc.captions[0]
    assert caption.startswith("Delegates stand and applaud")
    assert caption.endswith("north of Paris.")
    assert credit == "Meridian Courier photo"


PAGE = """{decl}<html><head><title>Harbour ferry service resumes</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Harbour ferry service resumes</h1>
<figure><img src="f.jpg"><figcaption>A ferry leaves the pier <cite>Port Authority</cite>
</figcaption></figure>
<p>OSLO (Reuters) - Ferry services across the harbour resumed on Monday after a week-long
suspension caused by storm damage to two piers, the city transport authority said.</p>
<p>The authority said repairs had cost more than 2 million crowns and that timetables would
return to normal by the weekend.</p>
</article>
<footer><p>© 2019 Example News. All rights reserved.</p></footer></body></html>"""


def test_html_without_date_metadata_has_no_date() -> None:
    """A '© 2019' footer is not a publication date; the reader must not invent one."""
    (doc,) = list(load_text(PAGE.format(decl=""), "ferry.html"))
    assert isinstance(doc, Document)
    assert doc.date is None
    assert doc.url is None


def test_html_with_xml_declaration_keeps_captions() -> None:
    """XHTML pages start with an encoding declaration, which lxml rejects on str input."""
    decl = '<?xml version="1.0" encoding="utf-8"?>\n'
    (doc,) = list(load_text(PAGE.format(decl=decl), "ferry.xhtml", "html"))
    assert isinstance(doc, Document)
    assert doc.captions == [("A ferry leaves the pier", "Port Authority")]


def test_html_page_without_article_is_an_error() -> None:
    (err,) = read_all(FIXTURES / "no_article.html")
    assert isinstance(err, ReadError)
    assert err.name == str(FIXTURES / "no_article.html")
    assert "article" in err.reason


def test_block_properties() -> None:
    block = Block("para", [("First", True), ("", False), ("second", False)])
    assert block.text == "First second" and block.emphasized
    assert not Block("rule", []).emphasized


# --- the command line on bad input ------------------------------------------------------


def run_read(*args: str):  # type: ignore[no-untyped-def]
    """`dateline read ARGS --format jsonl` through Typer's test runner."""
    from typer.testing import CliRunner

    from dateline.cli import app

    return CliRunner().invoke(app, ["read", *args, "--format", "jsonl"])


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Files that cannot be articles, each with the reason the user should read."""
    cases = {
        "empty": (b"", "empty file"),
        "binary": (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4, "binary file"),
        "short": (b"Three words only", "not an article"),
        "gzip": (b"not really compressed", "not a valid gzip file"),
    }
    made = {}
    for key, (data, reason) in cases.items():
        path = tmp_path / (f"{key}.txt.gz" if key == "gzip" else f"{key}.txt")
        path.write_bytes(data)
        made[key] = (path, reason)
    made["nohtml"] = (FIXTURES / "no_article.html", "not an article")
    made["missing"] = (tmp_path / "missing.txt", "no such file")
    return made


@pytest.mark.slow
@pytest.mark.parametrize("case", ["empty", "binary", "short", "gzip", "nohtml", "missing"])
def test_cli_bad_file_exits_2_with_one_line(tmp_path: Path, case: str) -> None:
    """A file that is not an article: exit code 2 and one line naming it and why, no traceback."""
    path, reason = bad_inputs(tmp_path)[case]
    result = run_read(str(path))
    assert result.exit_code == 2, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and reason in lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_cli_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_bytes((FIXTURES / "kyiv_ap.txt").read_bytes())
    path.chmod(0)
    result = run_read(str(path))
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert str(path) in line and "cannot read" in line


@pytest.mark.slow
def test_cli_permission_denied_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same failure for any user: reading the file raises PermissionError."""
    path = tmp_path / "locked.txt"
    path.write_bytes((FIXTURES / "kyiv_ap.txt").read_bytes())
    real = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    result = run_read(str(path))
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert str(path) in line and "cannot read (Permission denied)" in line
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_cli_folder_with_a_bad_file_reads_the_good_ones(tmp_path: Path) -> None:
    """One bad file in a folder is reported; the good files still come out, then exit 2."""
    for name in ("kyiv_ap.txt", "byline.txt"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 not a supported extension")
    result = run_read(str(tmp_path))
    assert result.exit_code == 2
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["meta"]["headline"] for r in records) == [
        "Kyiv reopens central metro station after repairs",
        "Port workers end strike after pay deal",
    ]
    (line,) = result.stderr.strip().splitlines()
    assert str(tmp_path / "empty.txt") in line and "empty file" in line


@pytest.mark.slow
def test_cli_jsonl_with_bad_records_keeps_the_good_one() -> None:
    result = run_read(str(FIXTURES / "records.jsonl"))
    assert result.exit_code == 2
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["meta"]["published"] == "2022-10-05"
    errors = result.stderr.strip().splitlines()
    assert [e.split(": ", 2)[1].rsplit(":", 1)[1] for e in errors] == ["2", "3"]


@pytest.mark.slow
def test_cli_good_file_exits_0() -> None:
    result = run_read(str(FIXTURES / "kyiv_ap.txt"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout)["meta"]["dateline"]["place"] == "Kyiv, Ukraine"

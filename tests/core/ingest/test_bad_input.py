"""Bad input: each refused with one line naming the file, never a crash or a hang."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core import pipeline
from timeline_app.core.ingest import IngestError, read_article, read_article_bytes
from timeline_app.core.ingest import reader as ingest


def _random_high_bytes() -> bytes:
    rng = random.Random(20160630)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(4000))


def _billion_laughs(levels: int = 10) -> bytes:
    """The classic entity-expansion bomb: 10 levels of 10 references, 10**9 "lol"s if expanded."""
    lines = ['<?xml version="1.0"?>', "<!DOCTYPE TimeML [", ' <!ENTITY lol0 "lol">']
    for level in range(1, levels):
        refs = f"&lol{level - 1};" * 10
        lines.append(f' <!ENTITY lol{level} "{refs}">')
    lines += ["]>", f"<TimeML><TEXT>&lol{levels - 1};</TEXT></TimeML>"]
    return "\n".join(lines).encode()


# (file name, content, a phrase the message must hold)
BAD_FILES: list[tuple[str, Callable[[], bytes], str]] = [
    ("binary.txt", lambda: b"GIF-like\x00\x01\x02\x00" * 100, "binary file (NUL bytes)"),
    ("image.txt", lambda: b"\x89PNG\r\n\x1a\n" + bytes(200), "binary file (PNG image)"),
    ("report.pdf", lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF document)"),
    ("control.txt", lambda: bytes(range(1, 32)) * 50, "binary file (control characters)"),
    ("empty.txt", lambda: b"", "empty file"),
    ("blank.md", lambda: b" \r\n\t\n\n   ", "empty file"),
    ("bom-only.txt", lambda: b"\xef\xbb\xbf", "empty file"),
    ("undecodable.txt", _random_high_bytes, "undecodable text"),
    ("bad-bom.txt", lambda: b"\xef\xbb\xbfcaf\xe9 au lait", "not valid UTF-8"),
    ("malformed.tml", lambda: b"<TimeML><TEXT>unclosed <TIMEX3 tid='t1'>x</TEXT>", "not well-formed"),
    ("truncated.tml", lambda: b'<?xml version="1.0"?><TimeML><TEXT>cut off', "not well-formed"),
    ("bomb.tml", _billion_laughs, "refused unsafe XML"),
    ("empty.tml", lambda: b"", "empty file"),
    ("no-text.html", lambda: b"<html><head><script>var a = 'only code';</script></head><body></body></html>",
     "no readable text"),
    ("only-markup.md", lambda: b"![photo](a.png)\n\n<script>alert(1)</script>\n\n---\n", "no text left"),
]


@pytest.mark.parametrize(("name", "make", "problem"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_bad_file_gives_one_line_error_naming_it(tmp_path: Path, name: str, make: Callable[[], bytes],
                                                 problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(IngestError) as info:
        read_article(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert "\n" not in message and "\r" not in message


def test_fifty_megabyte_file_is_refused_before_reading(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    line = b"The talks resumed on Tuesday, officials said, after a week of delays.\n"
    with path.open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert path.stat().st_size > 50 * 1024 * 1024

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened although its size is over the limit")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(IngestError) as info:
        read_article(path)
    assert str(info.value) == f"{path}: file too large (50.0 MB; the limit is 20 MB)"


def test_oversized_bytes_are_refused() -> None:
    with pytest.raises(IngestError, match=r"^drop\.txt: file too large"):
        read_article_bytes(b"a" * (ingest.MAX_BYTES + 1), "drop.txt")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"nope\.txt: no such file$"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(IngestError, match=r": is a folder, not a file$"):
        read_article(tmp_path)


@pytest.mark.parametrize("markup", [
    b"<html><body><p>Unclosed <b>bold <div>text</p></span> and more <<<>>> words here</body",
    b"<p>No html or body element, just a paragraph about the talks on Tuesday.",
    b"<html><body><table><tr><td>Cell text about the vote<td>and more</table></p></p></html></html>",
    b"<<<<>>>><p>Broken & unescaped < markup with the story text</p><!-- unterminated comment",
])
def test_malformed_html_still_gives_text(tmp_path: Path, markup: bytes) -> None:
    path = tmp_path / "broken.html"
    path.write_bytes(markup)
    article = read_article(path)  # lxml recovers: text, not a crash
    assert article.format == "html"
    assert article.text.strip()
    assert "<p>" not in article.text and "<b>" not in article.text


def test_hostile_html_never_crashes(tmp_path: Path) -> None:
    """Deep nesting, a huge attribute, NULs and a bomb DTD: text or a clear IngestError."""
    pages = [
        b"<html><body>" + b"<div>" * 50_000 + b"deep text" + b"</div>" * 50_000 + b"</body></html>",
        b"<html><body><p title='" + b"x" * 2_000_000 + b"'>Text after a huge attribute.</p></body></html>",
        b"<html><body><p>Text with a NUL \x00 inside.</p></body></html>",
        (b'<?xml version="1.0"?>\n<!DOCTYPE html [\n<!ENTITY a "aaaaaaaaaa">\n'
         b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
         b"<html><body><p>Story &c; text.</p></body></html>"),
    ]
    for i, page in enumerate(pages):
        path = tmp_path / f"hostile-{i}.xhtml"
        path.write_bytes(page)
        try:
            article = read_article(path)
        except IngestError as exc:
            assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)
        else:
            assert "aaaaaaaaaaaaaaaaaaaa" not in article.text  # entities are never expanded
            assert "<!ENTITY" not in article.text


def test_pipeline_reports_bad_files_and_keeps_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Talks resume\n\nPublished: 30 June 2016\n\nThe talks resumed on Tuesday.\n",
                    encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 64)
    bomb = tmp_path / "bomb.tml"
    bomb.write_bytes(_billion_laughs())

    result = pipeline.process_file(bad)  # never raises
    assert result.article is None and not result.ok
    assert result.errors == (f"{bad}: binary file (NUL bytes), not an article",)

    results = list(pipeline.process_files([bad, good, bomb]))
    assert [r.source for r in results] == [str(bad), str(good), str(bomb)]
    assert [r.ok for r in results] == [False, True, False]
    assert results[1].article is not None and results[1].article.dct is not None
    assert results[1].article.dct.value == "2016-06-30"
    assert "refused unsafe XML" in results[2].errors[0]


_MARKUP = ["<p>", "</p>", "<html>", "<body>", "<script>", "<!DOCTYPE html [", "]>", "<!ENTITY a 'b'>", "&a;",
           "# ", "**", "[x](y)", "```", "\n", "\r\n", "\x00", "\ufeff", "June 30, 2016", "Published:",
           "<time datetime='2016-06-30'>", "<meta property='article:published_time' content='x'>",
           "<TimeML><TEXT>", "</TEXT></TimeML>", "é", "“", "text"]


@settings(max_examples=150, deadline=None)
@given(data=st.one_of(st.binary(max_size=400),
                      st.lists(st.sampled_from(_MARKUP), max_size=40).map(
                          lambda parts: "".join(parts).encode()),
                      st.text(max_size=300).map(lambda t: t.encode("utf-16"))),
       suffix=st.sampled_from([".txt", ".md", ".html", ".xhtml", ".tml", ".bin"]))
def test_any_bytes_give_an_article_or_one_line_error(data: bytes, suffix: str) -> None:
    source = f"drop/any{suffix}"
    try:
        article = read_article_bytes(data, source)
    except IngestError as exc:
        message = str(exc)
        assert message.startswith(f"{source}: ") and "\n" not in message
    else:
        assert article.text.strip()
        for span in article.boilerplate:
            assert 0 <= span.start <= span.end <= len(article.text)
        if article.dct is not None and article.dct.start is not None:
            assert article.dct.end is not None and article.dct.end <= len(article.text)


@pytest.mark.parametrize("data", [b"<TimeML><TEXT></TEXT></TimeML>", b"<T4-2KJ><TEXT>  \n </TEXT></T4-2KJ>"])
def test_timeml_with_an_empty_text_is_refused(data: bytes) -> None:
    # Found by the fuzz test above: the file parses, but there is nothing to read.
    with pytest.raises(IngestError, match=r"^drop/empty\.tml: the TimeML TEXT element is empty$"):
        read_article_bytes(data, "drop/empty.tml")

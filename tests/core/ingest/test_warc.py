"""WARC files of saved pages: each HTML page read as a dropped .html, the fetch date as a signal."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("warcio", reason="WARC input needs the [scale] extra (warcio)")
from warc_files import write_warc

from timeline_app.core.ingest import IngestError, read_article_bytes
from timeline_app.core.ingest.warc import CONF_CRAWL, iter_pages, read_page
from timeline_app.core.model import DctOrigin

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    meta = (FIXTURES / "meta_article.html").read_bytes()
    undated = (FIXTURES / "no_date.html").read_bytes()
    return write_warc(tmp_path / "crawl.warc.gz", [
        ("request", "https://news.example/syria", "", b"", "2016-07-01T08:00:00Z"),
        ("response", "https://news.example/syria", "text/html; charset=utf-8", meta, "2016-07-01T08:00:01Z"),
        ("response", "https://news.example/logo.png", "image/png", b"\x89PNG....", "2016-07-01T08:00:02Z"),
        ("404", "https://news.example/gone", "text/html", b"<html><body>Not found</body></html>",
         "2016-07-01T08:00:03Z"),
        ("resource", "https://garden.example/tomatoes", "text/html", undated, "2019-05-04T10:00:00Z"),
    ])


def test_only_the_html_pages_are_articles(crawl: Path) -> None:
    pages = list(iter_pages(crawl))
    assert [p.url for p in pages] == ["https://news.example/syria", "https://garden.example/tomatoes"]
    assert [p.number for p in pages] == [0, 1]
    assert pages[0].source == f"https://news.example/syria ({crawl}#0)"
    assert [p.url for p in iter_pages(crawl, 1, 2)] == ["https://garden.example/tomatoes"]


def test_a_page_reads_as_the_same_page_dropped_as_html(crawl: Path) -> None:
    page = next(iter_pages(crawl))
    from_warc = read_page(page)
    dropped = read_article_bytes((FIXTURES / "meta_article.html").read_bytes(), "meta_article.html")
    assert from_warc.text == dropped.text
    assert from_warc.title == dropped.title
    assert from_warc.boilerplate == dropped.boilerplate
    assert from_warc.format == "html"
    # The markup's publication date wins; the fetch a day later is consistent with it.
    assert from_warc.dct == dropped.dct
    assert from_warc.dct is not None and from_warc.dct.value.startswith("2016-06-30")


def test_a_page_without_a_date_gets_the_fetch_date_with_low_confidence(crawl: Path) -> None:
    article = read_page(list(iter_pages(crawl))[1])
    assert article.dct is not None
    assert (article.dct.value, article.dct.origin, article.dct.confidence) == ("2019-05-04", DctOrigin.CRAWL,
                                                                              CONF_CRAWL)


def test_a_date_after_the_fetch_is_not_the_publication_date(tmp_path: Path) -> None:
    # Published 30 June 2016 says the markup, but the page was fetched in 2015: the markup is wrong.
    meta = (FIXTURES / "meta_article.html").read_bytes()
    path = write_warc(tmp_path / "old.warc", [("response", "https://x.example/a", "text/html", meta,
                                               "2015-03-02T00:00:00Z")], gzip=False)
    article = read_page(next(iter_pages(path)))
    assert article.dct is not None and (article.dct.value, article.dct.origin) == ("2015-03-02", DctOrigin.CRAWL)


def test_a_file_that_is_not_warc_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.warc.gz"
    bad.write_bytes(b"this is not a web archive\n")
    with pytest.raises(IngestError, match="notes.warc.gz"):
        list(iter_pages(bad))
    with pytest.raises(IngestError, match="no such file"):
        list(iter_pages(tmp_path / "missing.warc"))

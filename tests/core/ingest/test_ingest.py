"""Ingest on real files: encodings, newlines, plain text, Markdown, HTML, TimeML; DCT priority."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_app.core.ingest import reader as ingest
from timeline_app.core.ingest.boilerplate import LINE_RULES, find_boilerplate, is_boilerplate_line
from timeline_app.core.ingest.reader import read_article, read_article_bytes
from timeline_app.core.model import Article, DctOrigin
from timeline_app.resources import seed_path

FIXTURES = Path(__file__).parent / "fixtures"


def _boilerplate_texts(article: Article) -> list[str]:
    return [article.text[s.start:s.end] for s in article.boilerplate]


def _only_as_boilerplate(article: Article, needle: str) -> bool:
    """``needle`` is absent from the text, or every occurrence lies in a boilerplate span."""
    start = article.text.find(needle)
    while start != -1:
        if not any(s.start <= start and start + len(needle) <= s.end for s in article.boilerplate):
            return False
        start = article.text.find(needle, start + 1)
    return True


# --- the seed article --------------------------------------------------------------------

def test_seed_article() -> None:
    path = seed_path("syria.txt")
    article = read_article(path)
    assert article.format == "text"
    assert article.text == path.read_text(encoding="utf-8")  # unchanged: offsets index the file
    assert article.title == "Daesh forces Syria rebels to retreat from border area"
    dct = article.dct
    assert dct is not None
    assert (dct.value, dct.origin, dct.confidence, dct.updated) == (
        "2016-06-30", DctOrigin.DATELINE, 0.95, "2016-06-30")
    assert dct.start is not None and dct.end is not None
    assert article.text[dct.start:dct.end] == "By Reuters - Jun 30,2016 - Last updated at Jun 30,2016"
    assert _boilerplate_texts(article) == [
        "You are here", "up", "69 users have voted.", "Newsletter",
        "Get top stories and blog posts emailed to you each day.", "PDF"]
    for paragraph in ("AMMAN/BEIRUT", "The New Syria Army was formed some 18 months ago",
                      "In Iraq, the government this week declared victory", "US support"):
        start = article.text.index(paragraph)
        assert not article.in_boilerplate(start, start + len(paragraph)), paragraph


# --- encodings and newlines ----------------------------------------------------------------

SAMPLE = "“Café” in Zürich — naïve résumé\nBy Reuters - Jun 30,2016\n\nThe talks resumed on Tuesday.\n"


@pytest.mark.parametrize(("encoding", "data"), [
    ("utf-8", SAMPLE.encode("utf-8")),
    ("utf-8-sig", SAMPLE.encode("utf-8-sig")),
    ("utf-16-le", b"\xff\xfe" + SAMPLE.encode("utf-16-le")),
    ("utf-16-be", b"\xfe\xff" + SAMPLE.encode("utf-16-be")),
    ("utf-16", SAMPLE.encode("utf-16")),  # native order with its BOM
    ("cp1252", SAMPLE.encode("cp1252")),
])
def test_encodings(tmp_path: Path, encoding: str, data: bytes) -> None:
    path = tmp_path / f"article-{encoding}.txt"
    path.write_bytes(data)
    article = read_article(path)
    assert article.text == SAMPLE  # BOM removed, nothing else changed
    assert article.dct is not None and article.dct.value == "2016-06-30"
    assert article.text[article.dct.start:article.dct.end] == "By Reuters - Jun 30,2016"


def test_cp1252_with_only_a_few_non_ascii_bytes(tmp_path: Path) -> None:
    # Short Western text: charset-normalizer alone would read it as cp1250 ("naďve").
    text = 'He said “it’s naïve” and left the café.\n'
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_article(path).text == text


def test_crlf_and_cr_newlines_become_lf_and_offsets_index_the_text(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Talks resume\r\n\r\nPublished: 30 June 2016\r\n\r\nThe talks resumed on Tuesday.\r"
                     b"Old Mac line.\r\n")
    article = read_article(path)
    assert article.text == ("Talks resume\n\nPublished: 30 June 2016\n\nThe talks resumed on Tuesday.\n"
                            "Old Mac line.\n")
    assert "\r" not in article.text
    dct = article.dct
    assert dct is not None
    assert (dct.start, dct.end) == (14, 37)
    assert article.text[dct.start:dct.end] == "Published: 30 June 2016"


def test_unknown_extension_is_text_and_bytes_equal_file(tmp_path: Path) -> None:
    data = b"Headline\n\n2016-06-30\n\nBody text.\n"
    path = tmp_path / "story.news"
    path.write_bytes(data)
    from_file = read_article(path)
    assert from_file == read_article_bytes(data, str(path))
    assert from_file.format == "text"
    assert from_file.title == "Headline"


def test_unknown_extension_sniffs_html(tmp_path: Path) -> None:
    data = (FIXTURES / "no_date.html").read_bytes()
    article = read_article_bytes(data, "saved-page")
    assert article.format == "html"
    assert article.title == "How to grow tomatoes"


# --- plain text: title and boilerplate ----------------------------------------------------

@pytest.mark.parametrize(("text", "title"), [
    ("You are here\n\nRebels retreat\n\nBody.", "Rebels retreat"),
    ("Published: 30 June 2016\nRebels retreat from the border\n\nBody.", "Rebels retreat from the border"),
    ("This is a sentence, not a headline.\nAnother one.\n", "fallback"),
    ("69 users have voted.\nPDF\n2016-06-30\n", "fallback"),
])
def test_text_title(text: str, title: str) -> None:
    assert read_article_bytes(text.encode(), "dir/fallback.txt").title == title


@pytest.mark.parametrize("line", [
    "You are here", "up", "69 users have voted.", "1 user has voted", "Newsletter",
    "Get top stories and blog posts emailed to you each day.", "PDF", "Share this", "Share this article",
    "Click here to subscribe", "Read more", "Read more: Syria's war in numbers", "All rights reserved",
    "© 2016 Jordan Times", "Copyright 2016 Reuters. All rights reserved.", "Sign up for our newsletter",
    "Follow us on Twitter", "Advertisement", "12 comments", "Print this article", "Most read",
])
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate_line(line)
    assert is_boilerplate_line(f"  {line.upper()}  ")


@pytest.mark.parametrize("line", [
    "US support",
    "The United States is up in arms about the vote, officials said.",
    "Share prices fell sharply on Friday.",
    "He said the newsletter was read by 69 users.",
    "Copyright infringement cases rose sharply last year.",
    "Read the full statement, which was published on Tuesday.",
    "Advertisement revenue fell in 2015.",
])
def test_prose_is_not_boilerplate(line: str) -> None:
    assert not is_boilerplate_line(line)


def test_every_boilerplate_rule_has_a_reason() -> None:
    assert all(pattern and reason for pattern, reason in LINE_RULES)


def test_trailing_block_marks_short_footer_lines() -> None:
    text = ("Headline\n\nThe talks resumed on Tuesday, officials said.\n\nKey dates\n\n"
            "Newsletter\nJordan Times\nContact us\n")
    marked = [text[s.start:s.end] for s in find_boilerplate(text)]
    assert marked == ["Newsletter", "Jordan Times", "Contact us"]  # "Key dates" closes the body


# --- Markdown ------------------------------------------------------------------------------

def test_markdown_is_cleaned_and_titled() -> None:
    article = read_article(FIXTURES / "article.md")
    assert article.format == "markdown"
    assert article.title == "Rebels retreat from the border area"
    text = article.text
    assert text.startswith("Rebels retreat from the border area\n\nPublished: 30 June 2016\n\n")
    for markup in ("#", "**", "*retreat*", "](", "![", "https://", "```", "`coalition`", "> ", "- first",
                   "_emphasis_", "A photo of the desert"):
        assert markup not in text, markup
    for prose in ("two rebel sources said.", "Background", "the coalition said:",
                  '"The news is not good," he said.', "first point\nsecond point with emphasis",
                  "code stays as text"):
        assert prose in text, prose
    dct = article.dct
    assert dct is not None and dct.origin is DctOrigin.DATELINE and dct.value == "2016-06-30"
    assert text[dct.start:dct.end] == "Published: 30 June 2016"
    assert _boilerplate_texts(article) == ["Newsletter", "Share this"]


def test_markdown_front_matter_title() -> None:
    source = '---\ntitle: "Front title"\nauthor: someone\n---\n\nFirst paragraph of the story.\n'
    article = read_article_bytes(source.encode(), "post.md")
    assert article.title == "Front title"
    assert article.text == "First paragraph of the story.\n"


# --- HTML ----------------------------------------------------------------------------------

def test_html_meta_article() -> None:
    article = read_article(FIXTURES / "meta_article.html")
    assert article.format == "html"
    assert article.title == "Daesh forces Syria rebels to retreat from border area"
    dct = article.dct
    assert dct is not None
    assert (dct.value, dct.origin) == ("2016-06-30T10:15", DctOrigin.HTML_META)
    assert dct.confidence >= 0.9  # the meta tag and the byline agree
    # The page shows the same date in its byline: its span is given so it makes no event.
    assert article.text[dct.start:dct.end] == "By Reuters - Jun 30,2016 - Last updated at Jun 30,2016"
    blocks = article.text.rstrip("\n").split("\n\n")
    assert blocks[0] == "Daesh forces Syria rebels to retreat from border area"
    assert blocks[1] == "Home · News · You are here\nShare this"  # the furniture above the article, marked
    assert blocks[2] == "By Reuters - Jun 30,2016 - Last updated at Jun 30,2016"
    assert blocks[3].startswith("AMMAN/BEIRUT — US-backed Syrian rebels")
    assert blocks[6] == ("69 users have voted.\nNewsletter\nGet top stories and blog posts emailed to you each "
                         "day.\n© 2016 Jordan Times. All rights reserved.")  # the furniture below it
    assert len(blocks) == 7
    for script in ("EVIL SCRIPT", "INLINE SCRIPT", "NOSCRIPT", "document.write", "color:red"):
        assert script not in article.text
    for furniture in ("Home", "News", "You are here", "Share this", "69 users have voted", "Newsletter",
                      "emailed to you each day", "All rights reserved"):
        assert _only_as_boilerplate(article, furniture), furniture
    for paragraph in blocks[3:6]:
        start = article.text.index(paragraph)
        assert not article.in_boilerplate(start, start + len(paragraph))


def test_html_json_ld_article() -> None:
    article = read_article(FIXTURES / "jsonld_article.html")
    dct = article.dct
    assert dct is not None
    # The NewsArticle's date, not the WebSite's; modified kept as "updated".
    assert (dct.value, dct.origin, dct.updated) == ("2016-03-14T08:30", DctOrigin.JSON_LD, "2016-03-15T11:00")
    assert dct.start is None  # the page shows no dateline
    assert article.title == "Ceasefire talks resume in Geneva"
    for furniture in ("Sport", "Weather", "Sign up for our newsletter", "Follow us on Twitter",
                      "All rights reserved"):
        assert _only_as_boilerplate(article, furniture), furniture
    assert "Negotiators returned to the table in Geneva on Monday" in article.text


def test_html_time_element_and_declared_cp1252() -> None:
    article = read_article(FIXTURES / "time_element.html")
    dct = article.dct
    assert dct is not None
    # The <time> inside <article>, not the one in the "Most read" aside.
    assert dct.value == "2015-11-09T14:05"
    assert dct.confidence >= 0.85
    # the <time> element and the byline that shows it agree; the aside's date lost
    verdicts = {(str(c.origin), c.value): c.verdict for c in dct.candidates}
    assert verdicts[("time-element", "2015-11-09T14:05")] in ("chosen", "agrees")
    assert article.text[dct.start:dct.end] == "Staff reporter · 9 November 2015, 2:05pm"
    assert "Residents said the “old” café by the bridge" in article.text  # windows-1252 per <meta>
    for furniture in ("Most read", "Old story one", "Traffic", "Share this article", "The Local Paper"):
        assert _only_as_boilerplate(article, furniture), furniture


def test_html_visible_dateline_only() -> None:
    article = read_article(FIXTURES / "visible_dateline.html")
    dct = article.dct
    assert dct is not None
    assert (dct.value, dct.origin) == ("2016-06-24", DctOrigin.DATELINE)
    assert article.text[dct.start:dct.end] == "By Jane Doe | Published: 24 June 2016"
    assert _only_as_boilerplate(article, "69 users have voted.")
    assert "Home" in article.text and _only_as_boilerplate(article, "Home")  # the menu: kept, marked


def test_html_without_date_has_no_dct() -> None:
    article = read_article(FIXTURES / "no_date.html")
    assert article.dct is None
    assert article.title == "How to grow tomatoes"
    assert "Home | Garden" in article.text and _only_as_boilerplate(article, "Home | Garden")


def test_html_meta_published_preferred_over_modified() -> None:
    page = (b'<html><head><meta property="article:modified_time" content="2016-07-02T09:00:00Z">'
            b'<meta property="article:published_time" content="2016-06-30T07:42:00+01:00"></head>'
            b"<body><article><h1>Vote count</h1><p>The count went on through the night and into the "
            b"morning, officials in the capital said, with results expected by midday.</p></article>"
            b"</body></html>")
    dct = read_article_bytes(page, "vote.html").dct
    assert dct is not None
    # the update, written in UTC, is told on the page's own clock (+01:00)
    assert (dct.value, dct.origin, dct.updated, dct.utc_offset) == ("2016-06-30T07:42", DctOrigin.HTML_META,
                                                                    "2016-07-02T10:00", "+01:00")


# --- TimeML, file names, priority ---------------------------------------------------------

def test_timeml_through_ingest() -> None:
    article = read_article(FIXTURES / "sample.tml")
    assert article.format == "timeml"
    assert article.title == "APW19980301.0720"
    assert article.dct is not None
    assert (article.dct.value, article.dct.origin) == ("1998-03-01", DctOrigin.TIMEML)
    assert [(t.text, t.value) for t in article.gold_timexes] == [("Friday", "1998-02-27"),
                                                                  ("soon", "FUTURE_REF")]
    for t in article.gold_timexes:
        assert article.text[t.start:t.end] == t.text


def test_filename_date_is_the_last_resort(tmp_path: Path) -> None:
    undated = tmp_path / "reuters_2016-06-30.txt"
    undated.write_text("Rebels retreat\n\nThe rebels withdrew on Wednesday.\n", encoding="utf-8")
    dct = read_article(undated).dct
    assert dct is not None
    assert (dct.value, dct.origin, dct.confidence, dct.start) == ("2016-06-30", DctOrigin.FILENAME, 0.4, None)

    dated = tmp_path / "reuters_2016-06-30b.txt"
    dated.write_text("Rebels retreat\n\nPublished: 1 July 2016\n\nThe rebels withdrew.\n", encoding="utf-8")
    dct = read_article(dated).dct
    assert dct is not None and (dct.value, dct.origin) == ("2016-07-01", DctOrigin.DATELINE)

    page = tmp_path / "page-20150101.html"
    page.write_bytes((FIXTURES / "meta_article.html").read_bytes())
    dct = read_article(page).dct
    assert dct is not None and dct.origin is DctOrigin.HTML_META


def test_no_dct_anywhere_is_none_never_today(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("A story\n\nSomething happened on Tuesday, and more is expected next week.\n",
                    encoding="utf-8")
    assert read_article(path).dct is None


def test_size_limit_is_documented() -> None:
    assert ingest.MAX_BYTES == 20 * 1024 * 1024
    assert "20 MB" in (ingest.__doc__ or "")

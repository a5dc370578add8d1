"""A saved page's furniture (issue 19, item 3): navigation, a cookie banner, a related list,
comments and a footer stay in the text as the reader saw them, marked as boilerplate, and no
time expression or event comes from them; the main text's offsets index the text."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from timeline_app.core.batch import process_unit, units_of
from timeline_app.core.formats.tabular import article_json
from timeline_app.core.ingest import read_article, read_article_bytes
from timeline_app.core.ingest.page_layout import MAX_LINE, MAX_LINES, segments
from timeline_app.core.model import Article
from timeline_app.core.pipeline import analyze

PAGE = Path(__file__).parent / "fixtures" / "furniture_page.html"

# What the page shows around its article, each with a date or a year that would make an event.
FURNITURE = (
    "We use cookies to improve your experience. By continuing you accept our cookie policy, updated 1 January 2021.",
    "Friday, March 12, 2021",  # the header's clock
    "Related articles",
    "Flood warnings lifted on March 3, 2021 · Spillway cracks found in 2018 inspection",
    "riverrat March 13, 2021 at 8:15 am",
    "About time. They promised this would be done by last summer.",
    "The ramp was closed all of 2020, I hope it opens on time this year.",
    "Council votes on budget on Tuesday, March 16 · School board meets on April 2, 2021",
    "About us · Contact · Privacy policy",
    "© 2021 Valley Courier Media. Last updated 12 March 2021.",
)
MAIN = (
    "Engineers finished the repairs to the Hollow Creek dam on Thursday",
    "The work began in 2019 after inspectors found cracks in the spillway",
    "The county expects to raise the water level again in April",
)


def _marked(article: Article, start: int, end: int) -> bool:
    """Every character of start..end lies in a boilerplate span."""
    return all(any(s.start <= i < s.end for s in article.boilerplate) for i in range(start, end))


@pytest.fixture(scope="module")
def article() -> Article:
    return read_article(PAGE)


def test_the_text_is_the_page_in_its_order_title_first(article: Article) -> None:
    text = article.text
    assert text.startswith("Dam repairs finished early\n\n")
    order = [text.index(s) for s in ("We use cookies", "Section 1 ·", "By Ann Lee | Published March 12, 2021",
                                     MAIN[0], MAIN[1], "Related articles", MAIN[2], "Comments",
                                     "More from Valley Courier", "© 2021")]
    assert order == sorted(order)
    assert text.count("Dam repairs finished early") == 1  # the page's <h1> is the title, not furniture too
    assert "Hidden offer" not in text  # display: none — the reader never saw it


def test_the_furniture_is_in_the_text_and_marked(article: Article) -> None:
    for line in FURNITURE:
        start = article.text.index(line)
        assert _marked(article, start, start + len(line)), line
    for sentence in MAIN:
        start = article.text.index(sentence)
        assert not article.in_boilerplate(start, start + len(sentence)), sentence


def test_a_navigation_bar_is_one_line(article: Article) -> None:
    nav = next(line for line in article.text.split("\n") if line.startswith("Section 1 ·"))
    assert nav == " · ".join(f"Section {i}" for i in range(1, 41))


def test_no_expression_or_event_comes_from_the_furniture(article: Article) -> None:
    analysis = analyze(article)
    for t in analysis.timexes:
        assert article.text[t.start:t.end] == t.text  # offsets index the text
        assert not article.in_boilerplate(t.start, t.end), t.text
    assert [article.text[e.start:e.end][:40] for e in analysis.events] == [s[:40] for s in MAIN]
    values = {t.id: t.value for t in analysis.timexes}
    assert [values[e.timex] for e in analysis.events] == ["2021-03-11", "2019", "2021-05-31"]


def test_the_dateline_is_found_in_the_main_text_not_in_the_header(article: Article) -> None:
    dct = article.dct
    assert dct is not None and dct.value == "2021-03-12T09:30"
    assert article.text[dct.start:dct.end] == "By Ann Lee | Published March 12, 2021"
    spans = [(c.start, c.end) for c in dct.candidates if c.start is not None]
    assert spans and all(article.text[s:e].startswith("By Ann Lee") for s, e in spans)


def test_long_menus_are_kept_compact() -> None:
    menu = "".join(f"<li><a href='/{i}'>Topic number {i}</a></li>" for i in range(2000))
    boxes = "".join(f"<div class='c'>Promotion {i} ends on May {i % 28 + 1}, 2021</div>" for i in range(60))
    page = ("<html><body><nav><ul>" + menu + "</ul></nav><article><h1>Budget passed</h1><p>The council passed "
            "the budget on Tuesday after a debate that lasted most of the night, members said, and the mayor "
            "thanked the staff who had prepared it over the winter months.</p><p>Spending on roads rises by a "
            "tenth, while the libraries keep their opening hours and the pools reopen in the summer after the "
            "repairs that began last year.</p></article><section class='comments'>" + boxes + "</section>"
            "</body></html>").encode()
    article = read_article_bytes(page, "menus.html")
    lines = article.text.split("\n")
    nav = next(line for line in lines if line.startswith("Topic number 0 ·"))
    assert len(nav) <= MAX_LINE + 2 and nav.endswith(" …")  # 2,000 entries: one line, cut
    promos = [line for line in lines if line.startswith("Promotion")]
    assert len(promos) == MAX_LINES and lines[lines.index(promos[-1]) + 1] == "…"
    for line in (nav, *promos, "…"):
        start = article.text.index(line)
        assert _marked(article, start, start + len(line))
    assert [article.text[e.start:e.end][:17] for e in analyze(article).events] == ["The council passe",
                                                                                  "Spending on roads"]


def test_malformed_markup_still_separates_furniture_from_the_article() -> None:
    page = (b"<html><body><div class=menu><ul><li>Home<li>World<li>Sport 2021</ul>"
            b"<div><article><h1>Ferry service resumes<p>The ferry to the island resumed on Monday after "
            b"three weeks of storms, the operator said in a statement.<p>Crews had repaired the pier in "
            b"February, the statement said.</div></b></i><footer><p>&copy; 2021 Island Times<p>Comments "
            b"(3): <span>posted March 1, 2021</footer>")
    article = read_article_bytes(page, "broken.html")
    text = article.text
    for line in ("Home · World · Sport 2021", "© 2021 Island Times"):
        start = text.index(line)
        assert _marked(article, start, start + len(line)), line
    analysis = analyze(article)
    assert [text[e.start:e.end][:20] for e in analysis.events] == ["The ferry to the isl", "Crews had repaired t"]
    assert not any(article.in_boilerplate(t.start, t.end) for t in analysis.timexes)



def test_a_page_that_holds_its_article_twice_shows_it_once() -> None:
    body = ("<p>The port reopened on Monday after three days of strikes, the harbour master said in a "
            "statement to the press.</p><p>Ships had queued outside since Friday, waiting for pilots and "
            "for the cranes to start again.</p>")
    page = (f"<html><body><nav><ul><li>Home</li><li>Port news</li></ul></nav><article><h1>Port reopens</h1>"
            f"<div class='content-body'>{body}</div></article><section class='content-continued-body'>{body}"
            f"</section><footer><p>© 2022 Harbour Gazette</p></footer></body></html>").encode()
    article = read_article_bytes(page, "twice.html")
    assert article.text.count("The port reopened on Monday") == 1
    assert article.text.count("Ships had queued outside since Friday") == 1
    assert _marked(article, article.text.index("© 2022"), article.text.index("© 2022") + 6)


def test_two_lists_side_by_side_stay_two_lines_however_memory_is_reused() -> None:
    # Each list is its own line. The lists were once told apart by id() of lxml's element
    # proxies, which lxml frees and reuses: neighbouring lists could merge into one line, and
    # differently from one run to the next (seen on saved pages' footers).
    footer = "".join(
        f"<div><ul>{''.join(f'<li>List {n} entry {k}</li>' for k in range(3))}</ul></div>"
        for n in range(60)
    )
    tree = lxml.html.fromstring(f"<html><body><footer>{footer}</footer></body></html>")
    for _ in range(5):
        groups: dict[int, set[int]] = {}
        for segment in segments(tree):
            n = int(segment.text.split()[1])
            groups.setdefault(segment.group, set()).add(n)
        assert all(len(lists) == 1 for lists in groups.values()), groups
        assert len(groups) == 60


def test_extract_json_says_which_parts_of_the_text_are_furniture() -> None:
    # A reader of the JSON gets the whole page in "text"; "boilerplate" tells it the furniture.
    (unit,) = units_of(PAGE)
    a = article_json(process_unit(unit))
    text = a["text"]
    spans = a["boilerplate"]
    for line in FURNITURE:
        at = text.index(line)
        assert any(s["start"] <= at and at + len(line) <= s["end"] for s in spans), line
    for line in MAIN:
        at = text.index(line)
        assert not any(s["start"] < at + len(line) and at < s["end"] for s in spans), line

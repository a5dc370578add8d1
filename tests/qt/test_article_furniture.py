"""The article pane greys a saved page's furniture (boilerplate): it is shown, and plainly not the article."""

from __future__ import annotations

from pathlib import Path

from timeline_app.core.pipeline import process_file

PAGE = Path(__file__).parents[1] / "core" / "ingest" / "fixtures" / "furniture_page.html"


def test_furniture_is_shown_greyed_and_the_article_is_not(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    result = process_file(PAGE)
    assert result.article is not None
    window.session.add_result(result)
    window.adapter.flush()
    qtbot.wait(20)
    window.article.show_article(str(PAGE))
    text = result.article.text
    assert window.article.text.toPlainText() == text
    grey = window.article._furniture_colour()
    greyed = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in window.article.text.extraSelections()
              if s.format.foreground().color() == grey]
    assert sorted(greyed) == [(s.start, s.end) for s in result.article.boilerplate]
    nav = text.index("Section 1 · Section 2")
    assert any(a <= nav < b for a, b in greyed)
    body = text.index("Engineers finished the repairs")
    assert not any(a <= body < b for a, b in greyed)

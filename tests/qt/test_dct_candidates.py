"""The detail pane shows a web page's DCT with its zone, why it won and the candidates that lost."""

from __future__ import annotations

from pathlib import Path

from timeline_app.core.pipeline import process_file
from timeline_app.qt.selection import Selection

PAGE = Path(__file__).parents[1] / "core" / "ingest" / "fixtures" / "clock_evening.html"


def test_article_details_show_the_dct_evidence(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    result = process_file(PAGE)
    window.session.add_result(result)
    window.adapter.flush()
    qtbot.wait(20)
    window.selection.set(Selection(str(PAGE)))
    text = window.details.browser.toPlainText()
    assert "2023-11-08T18:09" in text
    assert "UTC-07:00" in text  # the page's zone
    assert "reads as the page's clock at -07:00" in text  # why
    assert "publication beats modification" in text  # a candidate that lost, with why


def test_the_dct_evidence_is_still_shown_after_the_project_is_reopened(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from timeline_app.core.project.store import save_project
    from timeline_app.core.session import Session
    from timeline_app.qt.project_actions import ProjectActions

    saved = Session()
    saved.add_result(process_file(PAGE))
    path = tmp_path / "page.timeline"
    save_project(saved, path)
    actions = ProjectActions(window, recovery_dir=tmp_path / "recovery", tick_ms=60_000)
    try:
        assert actions.open_project(path)
        window.adapter.flush()
        qtbot.wait(20)
        window.selection.set(Selection(str(PAGE)))
        text = window.details.browser.toPlainText()
        assert "UTC-07:00" in text and "reads as the page's clock at -07:00" in text
        assert "publication beats modification" in text
    finally:
        actions.shutdown(save=False)

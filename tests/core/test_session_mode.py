"""The document mode as a session correction: re-resolves, reverts, refuses nonsense, is saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_app.core.model import Article, Mode
from timeline_app.core.project import Project
from timeline_app.core.session import CorrectionKind, Session

TEXT = "The plant opened in 1940. In April it closed. Yesterday a museum opened there."


def _session() -> Session:
    s = Session()
    s.add_article(Article(source="a.txt", title="a", text=TEXT))
    return s


def _values(s: Session) -> dict[str, str | None]:
    return {t.text: t.value for t in s.entry("a.txt").analysis.timexes}


def test_set_mode_re_resolves_and_reverts() -> None:
    s = _session()
    assert s.entry("a.txt").analysis.mode.value is Mode.NARRATIVE  # no DCT
    assert _values(s)["April"] == "1940-04"
    c = s.set_mode("a.txt", Mode.NEWS)
    mode = s.entry("a.txt").analysis.mode
    assert mode.value is Mode.NEWS and mode.by_user and "set by the user" in mode.reason
    s.revert(c)
    assert s.entry("a.txt").analysis.mode.value is Mode.NARRATIVE


def test_a_value_correction_keeps_the_mode() -> None:
    s = _session()
    s.set_mode("a.txt", Mode.NEWS)
    april = next(t for t in s.entry("a.txt").analysis.timexes if t.text == "April")
    s.set_value("a.txt", april, "1941-04")
    assert s.entry("a.txt").analysis.mode.value is Mode.NEWS


def test_unknown_mode_is_refused() -> None:
    s = _session()
    from timeline_app.core.session import Correction

    with pytest.raises(ValueError):
        s.apply(Correction(CorrectionKind.MODE, "a.txt", value="poetry"))


def test_mode_is_saved_with_the_project(tmp_path: Path) -> None:
    project = Project(_session())
    project.session.set_mode("a.txt", Mode.NEWS)
    path = tmp_path / "p.timeline"
    project.save_as(path)
    project.close()
    again = Project.open(path)
    try:
        assert again.session.entry("a.txt").analysis.mode.value is Mode.NEWS
    finally:
        again.close()

"""Opening a Parquet dataset: the archive overview, a search, the matching articles pulled into lanes."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pyarrow", reason="opening a dataset needs the [scale] extra (pyarrow)")

from timeline_app.core.dataset.parquet import read_in_order
from timeline_app.core.dataset.tasks import run_local
from timeline_app.qt.dataset_actions import DatasetActions

PLACES = ["BEIRUT", "AMMAN", "CAIRO", "LONDON", "PARIS", "TOKYO"]


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """Twelve wire stories over two years through the real pipeline; every third is about a ceasefire."""
    folder = tmp_path / "wire"
    folder.mkdir()
    for i in range(12):
        topic = "ceasefire talks" if i % 3 == 0 else "budget vote"
        place = PLACES[i % len(PLACES)]
        (folder / f"story-{i:02d}.txt").write_text(
            f"Story {i} on the {topic}\n\n{place}, March {i + 1}, {2015 + i % 2} — The {topic} resumed on "
            f"Tuesday after a pause of two weeks. A first round was held on January 5, 2015, and another "
            f"is planned for next month.\n", encoding="utf-8")
    run_local([folder], tmp_path / "ds")
    return tmp_path / "ds"


@pytest.fixture
def archive(window):  # type: ignore[no-untyped-def]
    """The window with the dataset actions attached, as the app starts it."""
    return DatasetActions(window)


def pulled(qtbot, window, archive, **fields: str):  # type: ignore[no-untyped-def]
    pane = archive.pane
    for name, text in fields.items():
        getattr(pane, name).setText(text)
    with qtbot.waitSignal(pane.searchFinished, timeout=10000) as found:
        pane.search()
    qtbot.waitUntil(lambda: not window.adapter.pending(), timeout=5000)
    window.adapter.flush()
    return found.args[0]


def test_opening_a_dataset_shows_the_archive_overview(qtbot, window, archive, dataset: Path) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([dataset])
    pane = archive.pane
    assert archive.dock.isVisible()
    events = read_in_order(dataset, "events", ["interval_start"])
    placed = sum(1 for v in events["interval_start"].to_pylist() if v is not None)
    assert placed == 24  # two sentences with a date in each story
    assert pane.view.density.total == pytest.approx(placed)
    assert "12 articles" in pane.title.text()
    assert not window.session.entries  # nothing in the lanes until a search
    assert not window.loader.is_busy()  # the dataset folder is not loaded as a folder of articles


def test_a_search_pulls_the_matching_articles_into_lanes(qtbot, window, archive, dataset: Path) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([dataset])
    result = pulled(qtbot, window, archive, words="ceasefire")
    assert len(result.article_ids) == 4
    titles = sorted(e.article.title for e in window.session.entries)
    assert titles == [f"Story {i} on the ceasefire talks" for i in (0, 3, 6, 9)]
    assert all(e.analysis.events for e in window.session.entries)
    assert archive.pane.hit_curve.isVisible()
    assert "4 articles match" in archive.pane.status.text()


def test_date_range_source_and_type_narrow_the_search(qtbot, window, archive, dataset: Path) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([dataset])
    in_2016 = pulled(qtbot, window, archive, words="ceasefire", start="2016-01-01", end="2016-12-31")
    assert len(in_2016.article_ids) == 2  # stories 3 and 9 are dated 2016
    lo, hi = archive.pane.region.getRegion()  # the band shows the dates searched, the whole of 2016
    assert (lo, hi) == (pytest.approx(1451606400.0), pytest.approx(1483228800.0))
    from_one = pulled(qtbot, window, archive, words="", start="", end="", source="story-06")
    assert len(from_one.article_ids) == 1
    archive.pane.type.setCurrentText("TIME")
    assert pulled(qtbot, window, archive, source="").events == 0


def test_a_bad_date_is_said_and_nothing_searched(qtbot, window, archive, dataset: Path) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([dataset])
    pane = archive.pane
    pane.start.setText("next spring")
    pane.search()
    assert "not a date" in pane.status.text()
    assert pane.last is None

"""Issue 20, items 6 and 12: pages of a printable size, bounded, and lanes limited to the range.

1,000 articles gave a 1600 × 90,430 PNG (0.7 GB) and 20,000 crashed with SIGSEGV; the default was
16.7 × 51.7 inches; --range kept every lane, empty ones included.
"""

from __future__ import annotations

import os
from pathlib import Path
from xml.etree import ElementTree

import pytest
from qt_helpers import make_result

from timeline_app.cli import main
from timeline_app.core.session import Session
from timeline_app.qt.export.image import MAX_SIDE_PX, ImageOptions, TimelinePage

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(("page", "dpi", "size"), [
    ("a4", None, (794, 1123)), ("a4-landscape", None, (1123, 794)), ("letter", None, (816, 1056)),
    ("letter-landscape", None, (1056, 816)), ("slide", None, (1280, 720)), ("a4", 300.0, (2480, 3508)),
])
def test_page_presets(qapp, page: str, dpi: float | None, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    s = Session()
    s.add_result(make_result("a.txt", [("The talks began on Tuesday.", "Tuesday", "2016-06-28")]))
    with TimelinePage(s, ImageOptions(page=page, dpi=dpi)) as p:
        assert (p.pixel_size.width(), p.pixel_size.height()) == size


def test_many_lanes_fit_a_capped_page_and_say_so(qapp) -> None:  # type: ignore[no-untyped-def]
    s = Session()
    for i in range(1000):  # the report's 1,000 articles: a 1600 × 90,430 PNG
        s.add_result(make_result(f"a{i}.txt", [(f"Talks {i} began on Tuesday.", "Tuesday", "2016-06-28")]))
    with TimelinePage(s, ImageOptions(width=1600)) as p:  # a width only: as tall as the lanes need
        assert p.pixel_size.height() < 5000  # plot at most 2.5 widths, plus the legend; 36,000 px before
        assert p.cut is not None and p.cut[1] == 1000
        assert "of 1,000 lanes" in p.subtitle_text()


@pytest.mark.parametrize(("width", "height"), [(MAX_SIDE_PX + 1, 100), (20_000, 20_000)])
def test_sizes_that_cannot_be_drawn_are_refused_before_drawing(qapp, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    s = Session()
    s.add_result(make_result("a.txt", [("The talks began on Tuesday.", "Tuesday", "2016-06-28")]))
    with pytest.raises(ValueError, match="cannot be drawn"):
        TimelinePage(s, ImageOptions(width=width, height=height))


def test_export_page_and_range_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    june = tmp_path / "june.txt"
    june.write_text("By Reuters - Jun 30, 2016\nThe talks in Geneva began on Tuesday.\n", encoding="utf-8")
    march = tmp_path / "march.txt"
    march.write_text("By Reuters - Mar 30, 2015\nThe summit in Vienna opened on Monday.\n", encoding="utf-8")
    out = tmp_path / "fig.svg"
    assert main(["export", str(june), str(march), "-o", str(out), "--range", "2016-06", "2016-07",
                 "--page", "letter"]) == 0, capsys.readouterr().err
    root = ElementTree.fromstring(out.read_bytes())
    assert root.get("width", "").startswith("215.9")  # 8.5 in, as millimetres
    texts = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert "Geneva" in texts and "march" not in texts  # the lane with nothing in June 2016 is gone
    assert main(["export", str(june), str(march), "-o", str(out), "--range", "2016-06", "2016-07",
                 "--keep-empty-lanes"]) == 0
    texts = " ".join(t.text or "" for t in ElementTree.fromstring(out.read_bytes()).iter() if t.tag.endswith("text"))
    assert "march" in texts

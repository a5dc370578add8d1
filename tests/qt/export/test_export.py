"""Image export of the seed article: PNG size and content, SVG text, PDF pages, options."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from timeline_app.core.model import (
    DCT,
    Analysis,
    Article,
    ArticleResult,
    DctOrigin,
    Event,
    Interval,
)
from timeline_app.core.pipeline import process_file
from timeline_app.core.project.tables import timex_from
from timeline_app.core.session import Session
from timeline_app.qt.export.image import (
    ImageOptions,
    TimelinePage,
    export_image,
    format_of,
    needs_offscreen,
    text_of_svg,
)
from timeline_app.qt.timeline.data import epoch_seconds, event_label
from timeline_app.resources import default_article

REFERENCE = Path(__file__).parent / "reference" / "seed_light_800x400.png"
# The seed's extraction frozen when the reference was drawn, so that the comparison checks the
# drawing, not the tagger (whose rules keep improving).
FROZEN_SEED = Path(__file__).parent / "reference" / "seed_extract.json"
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def seed_session() -> Session:
    session = Session()
    result = process_file(default_article())
    assert result.ok and result.analysis.events
    session.add_result(result)
    return session


def frozen_seed() -> Session:
    """The seed article with the analysis recorded in FROZEN_SEED (``extract`` JSON)."""
    doc = json.loads(FROZEN_SEED.read_text(encoding="utf-8"))["articles"][0]

    def interval(d: dict[str, str] | None) -> Interval | None:
        return Interval(datetime.fromisoformat(d["start"]), datetime.fromisoformat(d["end"])) if d else None

    timexes = tuple(timex_from(t) for t in doc["timexes"])
    events = tuple(Event(id=e["id"], label=e["label"], start=e["start"], end=e["end"], timex=e["timex"],
                         interval=interval(e["interval"])) for e in doc["events"])
    article = Article(source=doc["source"], title=doc["title"], text=doc["text"],
                      dct=DCT(doc["dct"]["value"], DctOrigin(doc["dct"]["origin"])))
    session = Session()
    session.add_result(ArticleResult(source=doc["source"], article=article,
                                     analysis=Analysis(timexes=timexes, events=events)))
    return session


def event_labels(session: Session) -> list[str]:
    return [event_label(e, t) for _, e, t in session.iter_events() if e.interval is not None]


def gray(img: QImage, size: tuple[int, int]) -> np.ndarray:
    """The image shrunk to ``size`` and made grey: small type differences average out."""
    small = img.scaled(size[0], size[1], Qt.AspectRatioMode.IgnoreAspectRatio,
                       Qt.TransformationMode.SmoothTransformation).convertToFormat(QImage.Format.Format_Grayscale8)
    stride = small.bytesPerLine()
    raw = np.frombuffer(small.constBits(), np.uint8, count=stride * small.height()).reshape(small.height(), stride)
    return raw[:, :small.width()].astype(float)


def mean_difference(a: QImage, b: QImage, size: tuple[int, int] = (32, 16)) -> float:
    return float(np.abs(gray(a, size) - gray(b, size)).mean())


def colour_profile(img: QImage, bins: int = 80) -> np.ndarray:
    """How much lane colour each slice of the width holds: where the bars and points are in time.

    Text is grey, so this does not move when another font changes line heights and widths.
    """
    img = img.convertToFormat(QImage.Format.Format_RGB888)
    stride = img.bytesPerLine()
    raw = np.frombuffer(img.constBits(), np.uint8, count=stride * img.height()).reshape(img.height(), stride)
    rgb = raw[:, :img.width() * 3].reshape(img.height(), img.width(), 3).astype(int)
    coloured = (rgb.max(axis=2) - rgb.min(axis=2)) > 50
    columns = coloured.sum(axis=0).astype(float)
    return columns[: len(columns) // bins * bins].reshape(bins, -1).sum(axis=1)


def profile_distance(a: QImage, b: QImage) -> float:
    p, q = colour_profile(a), colour_profile(b)
    return float(np.abs(p / max(1.0, p.sum()) - q / max(1.0, q.sum())).sum())


# -- PNG ----------------------------------------------------------------------------------------
def test_png_has_the_exact_size_and_is_not_blank(qapp, seed_session: Session, tmp_path: Path) -> None:
    out = export_image(seed_session, tmp_path / "seed.png", ImageOptions(width=1234, height=567))
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1234, 567)
    g = gray(img, (img.width(), img.height()))
    # Mostly white page, with a good deal of ink: text, bars, points.
    assert g.mean() > 200 and (g < 128).mean() > 0.005 and len(np.unique(g)) > 20


def test_png_at_a_higher_dpi_keeps_the_pixels_asked_for(qapp, seed_session: Session, tmp_path: Path) -> None:
    out = export_image(seed_session, tmp_path / "hi.png", ImageOptions(width=2001, height=999, dpi=192))
    img = QImage(str(out))
    assert (img.width(), img.height()) == (2001, 999)
    assert round(img.dotsPerMeterX() * 0.0254) == 192
    # The same drawing at twice the pixel ratio: it looks like the 96-dpi page at half the size
    # (hairlines, which stay one device pixel wide, are the only difference).
    low = QImage(str(export_image(seed_session, tmp_path / "lo.png", ImageOptions(width=1000, height=500))))
    assert mean_difference(img, low) < 2.0


def test_png_without_a_size_is_an_a4_landscape_page(qapp, seed_session: Session) -> None:
    with TimelinePage(seed_session) as page:
        size = page.pixel_size
        assert (size.width(), size.height()) == (1123, 794)  # 297 × 210 mm at 96 dpi
        assert page.image().size() == size
    with TimelinePage(seed_session, ImageOptions(dpi=192)) as page:
        assert (page.pixel_size.width(), page.pixel_size.height()) == (2245, 1587)  # the same page


def test_png_with_only_a_width_fits_the_lanes(qapp, seed_session: Session) -> None:
    with TimelinePage(seed_session, ImageOptions(width=1600)) as page:
        size = page.pixel_size
        assert size.width() == 1600 and 250 < size.height() < 900
        assert page.image().size() == size


def test_png_matches_the_reference(qapp) -> None:
    seed_session = frozen_seed()
    with TimelinePage(seed_session, ImageOptions(width=800, height=400)) as page:
        img = page.image()
    if os.environ.get("TIMELINE_UPDATE_REFERENCE"):
        REFERENCE.parent.mkdir(exist_ok=True)
        img.save(str(REFERENCE))
    reference = QImage(str(REFERENCE))
    assert not reference.isNull(), f"missing {REFERENCE} (TIMELINE_UPDATE_REFERENCE=1 writes it)"
    assert (img.width(), img.height()) == (reference.width(), reference.height())
    # Tolerances measured against other fonts and sizes (DejaVu Serif 10, Nimbus Sans 9, DejaVu
    # Sans 8–12 give at most 6.6 and 0.07): the page's light and dark areas at a coarse scale...
    assert mean_difference(img, reference) < 8.0
    # ...and the coloured marks at the same times (without the bars 1.6, over another time range 0.5).
    assert profile_distance(img, reference) < 0.15
    # The comparison can fail: the dark page differs from the reference by far more.
    with TimelinePage(seed_session, ImageOptions(width=800, height=400, theme="dark")) as page:
        assert mean_difference(page.image(), reference) > 60


def test_dark_theme_paints_a_dark_page(qapp, seed_session: Session) -> None:
    with TimelinePage(seed_session, ImageOptions(width=600, height=300, theme="dark")) as page:
        g = gray(page.image(), (600, 300))
    assert g.mean() < 80


# -- SVG ----------------------------------------------------------------------------------------
def test_svg_is_xml_with_the_labels_as_text(qapp, seed_session: Session, tmp_path: Path) -> None:
    out = export_image(seed_session, tmp_path / "seed.svg", ImageOptions(title="Syria", width=1600))
    data = out.read_bytes()
    root = ElementTree.fromstring(data)
    assert root.tag == f"{SVG_NS}svg" and root.get("viewBox")
    texts = text_of_svg(data)
    assert "Syria" in texts
    # Date labels of the calendar axis (years at this zoom) and month names.
    assert {"2015", "2016"} <= set(texts) and "Jun" in texts
    # Every event label, as drawn (elided to the label width, so compare the beginning).
    for label in event_labels(seed_session):
        assert any(t.startswith(label[:25]) for t in texts), label
    # The lane's title and the legend are text too.
    title = seed_session.entries[0].article.title
    assert title in texts and any(t.startswith(title[:20]) and t != title for t in texts)
    # Vector only: no embedded pictures; fonts named so that a browser finds a sans-serif one.
    assert not list(root.iter(f"{SVG_NS}image"))
    families = {el.get("font-family") for el in root.iter(f"{SVG_NS}text")}
    assert families and all(f and f.endswith("sans-serif") for f in families)
    # Outlines scale with their shapes: no non-scaling-stroke on scaled point symbols.
    assert not re.search(rb'transform="matrix\(9,[^"]*"[^>]*>\s*<path vector-effect="non-scaling-stroke"', data)


def test_svg_page_size_follows_the_dpi(qapp, seed_session: Session) -> None:
    with TimelinePage(seed_session, ImageOptions(width=960, height=480, dpi=192)) as page:
        root = ElementTree.fromstring(page.svg_bytes())
    # 960 px at 192 dpi = 5 inches = 127 mm wide; the drawing itself is 480 logical px wide.
    assert float(root.get("width", "").removesuffix("mm")) == pytest.approx(127.0, abs=0.5)
    assert [float(v) for v in root.get("viewBox", "").split()][2] == pytest.approx(480.0, abs=0.5)


# -- PDF ----------------------------------------------------------------------------------------
def test_pdf_is_one_vector_page(qapp, seed_session: Session, tmp_path: Path) -> None:
    out = export_image(seed_session, tmp_path / "seed.pdf", ImageOptions(width=1200, height=600))
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data)) == 1
    assert b"/Font" in data and b"/Subtype /Image" not in data and b"/Subtype/Image" not in data
    # 1200 × 600 px at 96 dpi: 900 × 450 pt.
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert box is not None and (float(box.group(1)), float(box.group(2))) == pytest.approx((900.0, 450.0), abs=1)


def test_text_scale_enlarges_the_drawing_not_the_page(qapp, seed_session: Session) -> None:
    opts = ImageOptions(width=1200, height=500)
    with TimelinePage(seed_session, opts) as page:
        normal, normal_svg = page.image(), ElementTree.fromstring(page.svg_bytes())
    with TimelinePage(seed_session, dataclasses.replace(opts, text_scale=1.5)) as page:
        big, big_svg = page.image(), ElementTree.fromstring(page.svg_bytes())
        assert page.layout.width == pytest.approx(800.0)  # laid out on a page 1.5 times smaller
    assert big.size() == normal.size()
    # Same physical SVG size, smaller drawing inside it: every text 1.5 times bigger on paper.
    assert big_svg.get("width") == normal_svg.get("width")
    assert float(big_svg.get("viewBox", "").split()[2]) == pytest.approx(800.0, abs=0.5)


def test_pdf_with_a_text_scale_is_one_page_of_the_same_size(qapp, seed_session: Session, tmp_path: Path) -> None:
    out = export_image(seed_session, tmp_path / "big.pdf", ImageOptions(width=1200, height=600, text_scale=1.5))
    data = out.read_bytes()
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data)) == 1 and b"/Subtype /Image" not in data
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert box is not None and (float(box.group(1)), float(box.group(2))) == pytest.approx((900.0, 450.0), abs=1)


# -- options ------------------------------------------------------------------------------------
def test_range_title_and_legend_options(qapp, seed_session: Session) -> None:
    x0, x1 = epoch_seconds(datetime(2016, 6, 20)), epoch_seconds(datetime(2016, 7, 5))
    opts = ImageOptions(width=900, height=400, x_range=(x0, x1), title="", legend=False)
    with TimelinePage(seed_session, opts) as page:
        assert page.view.x_range() == pytest.approx((x0, x1))
        assert page.layout.title is None and page.layout.legend is None
        texts = text_of_svg(page.svg_bytes())
    assert not any(t.startswith("published") for t in texts)
    # Zoomed to days: the axis names days, and the 2014 bar's label is out of view.
    assert "28" in texts and not any(t.startswith("Daesh’s capture in 2014") for t in texts)
    with TimelinePage(seed_session, ImageOptions(width=900, height=400)) as page:
        assert "8 events" in page.subtitle_text() and "1 article" in page.subtitle_text()
        assert page.title_text() == seed_session.entries[0].article.title


def test_current_view_options_copy_the_window_range(qapp, qtbot, seed_session: Session) -> None:
    from timeline_app.qt.timeline.view import TimelineView

    view = TimelineView(seed_session, overview=False, theme="light")
    qtbot.addWidget(view)
    view.resize(800, 300)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(10)  # the fit queued by showing the view
    view.zoom(8.0)
    shown = view.x_range()
    opts = ImageOptions(width=800, height=300).with_view(view)
    assert opts.x_range == shown
    with TimelinePage(seed_session, opts) as page:
        assert page.view.x_range() == pytest.approx(shown, rel=1e-9)


def test_many_lanes_get_a_column_legend_and_top_dates(qapp) -> None:
    session = Session()
    result = process_file(default_article())
    for n in range(30):
        article = dataclasses.replace(result.article, title=f"Article {n}", source=f"a{n}.txt")
        session.add_result(dataclasses.replace(result, article=article, source=f"a{n}.txt"))
    with TimelinePage(session, ImageOptions(width=1600)) as page:
        assert page.view.lane_range() == pytest.approx((0.0, 30.0))
        assert page.view.plot.getPlotItem().getAxis("top").isVisible()
        texts = text_of_svg(page.svg_bytes())
    assert all(f"Article {n}" in texts for n in range(30))


def test_empty_session_still_draws_a_page(qapp, tmp_path: Path) -> None:
    out = export_image(Session(), tmp_path / "empty.png", ImageOptions(width=400, height=200))
    assert QImage(str(out)).size().width() == 400


def test_format_and_platform_helpers() -> None:
    assert format_of("a/b.PNG") == "png" and format_of("x.svg") == "svg" and format_of("x.pdf") == "pdf"
    with pytest.raises(ValueError):
        format_of("x.jpg")
    assert needs_offscreen({}, "linux")
    assert not needs_offscreen({"DISPLAY": ":0"}, "linux")
    assert not needs_offscreen({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not needs_offscreen({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not needs_offscreen({}, "darwin") and not needs_offscreen({}, "win32")


def test_a_short_lane_title_leaves_the_legend_room_for_the_whole_date(qapp, tmp_path: Path) -> None:
    # "oct  published 20 O…" was cut at 45 % of the column although the title left it room.
    path = tmp_path / "oct.txt"
    path.write_text("WASHINGTON, October 20, 2023 (AP) — Talks ended on Tuesday.\n", encoding="utf-8")
    session = Session()
    session.add_result(process_file(path))
    with TimelinePage(session, ImageOptions(width=1123, height=794)) as page:
        texts = text_of_svg(page.svg_bytes())
    assert "published 20 Oct 2023" in texts, [t for t in texts if "published" in t]

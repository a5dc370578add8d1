"""Selection is one thing shown everywhere: timeline ↔ article ↔ table ↔ details, both ways."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QTextCursor
from qt_helpers import make_result, syria_like

from timeline_app.qt.selection import Selection
from timeline_app.qt.timeline.items import MARKER_FRAC


def load(window, qtbot, *results) -> None:  # type: ignore[no-untyped-def]
    for r in results:
        window.session.add_result(r)
    window.adapter.flush()
    qtbot.wait(20)


def marker_pos(view, i: int):  # type: ignore[no-untyped-def]
    d = view.data
    scene = view.vb.mapViewToScene(QPointF(float(d.xc[i]), float(d.lane[i]) + MARKER_FRAC))
    return view.plot.mapFromScene(scene)


def index_of(view, key: str, event_id: str) -> int:  # type: ignore[no-untyped-def]
    return view.data.index[(key, event_id)]


def test_clicking_a_point_selects_it_and_shows_its_sentence(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load(window, qtbot, syria_like("hand/a.txt"), syria_like("hand/b.txt"))
    view = window.timeline
    i = index_of(view, "hand/b.txt", "e2")  # "Wednesday" in the second article
    view.set_x_range(view.data.x0[i] - 5 * 86400, view.data.x1[i] + 5 * 86400)
    qtbot.wait(20)
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=marker_pos(view, i))
    assert window.selection.current == Selection("hand/b.txt", event="e2")
    # The article pane switched to that article and put the cursor on the expression.
    assert window.article.current_key == "hand/b.txt"
    entry = window.session.entry("hand/b.txt")
    timex = entry.timex_by_id["t2"]
    assert window.article.text.textCursor().position() == timex.start
    spans = {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in window.article.text.extraSelections()}
    event = next(e for e in entry.analysis.events if e.id == "e2")
    assert (event.start, event.end) in spans  # the sentence is highlighted
    # Table and details follow.
    rows = window.table.view.selectionModel().selectedRows()
    assert len(rows) == 1
    source = window.table.proxy.mapToSource(rows[0])
    assert (window.table.model.rows[source.row()].key, window.table.model.rows[source.row()].event_id) == \
        ("hand/b.txt", "e2")
    assert "Wednesday" in window.details.browser.toPlainText()
    assert view.selected_index() == i


def test_clicking_an_expression_in_the_article_selects_and_centres_its_event(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load(window, qtbot, syria_like("hand/a.txt"))
    view = window.timeline
    view.set_x_range(view.data.x0.min() - 400 * 86400, view.data.x0.min() - 300 * 86400)  # far away
    entry = window.session.entry("hand/a.txt")
    timex = entry.timex_by_id["t1"]  # "Tuesday"
    text = window.article.text
    cursor = QTextCursor(text.document())
    cursor.setPosition(timex.start + 2)
    text.setTextCursor(cursor)
    text.ensureCursorVisible()
    rect = text.cursorRect(cursor)
    qtbot.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.selection.current == Selection("hand/a.txt", event="e1")
    i = index_of(view, "hand/a.txt", "e1")
    assert view.selected_index() == i
    x0, x1 = view.x_range()
    assert abs((x0 + x1) / 2 - view.data.xc[i]) < (x1 - x0) * 0.01  # centred on it


def test_a_vague_expression_is_listed_and_leads_to_its_text(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load(window, qtbot, syria_like("hand/a.txt"), make_result("hand/nodct.txt", [
        ("Talks resume on Tuesday.", "Tuesday", None)], dct=None))
    items = {(e.key, t.text): reason for e, t, reason in window.vague.items()}
    assert items[("hand/a.txt", "recently")].startswith("vague")
    assert items[("hand/a.txt", "three days")].startswith("duration")
    assert items[("hand/nodct.txt", "Tuesday")] == "unresolved: the article has no DCT"
    tree = window.vague.tree
    target = None
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        for c in range(group.childCount()):
            if group.child(c).text(0) == "“recently”":
                target = group.child(c)
    assert target is not None
    tree.itemClicked.emit(target, 0)
    assert window.selection.current == Selection("hand/a.txt", timex="t5")
    timex = window.session.entry("hand/a.txt").timex_by_id["t5"]
    assert window.article.text.textCursor().position() == timex.start
    assert "cannot be placed" in window.details.browser.toPlainText()


def test_table_row_selects_on_the_timeline_and_filters_work(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load(window, qtbot, syria_like("hand/a.txt"), syria_like("hand/b.txt"))
    table = window.table
    assert table.proxy.rowCount() == 8
    table.search.setText("pushed wednesday")
    qtbot.waitUntil(lambda: table.proxy.rowCount() == 2)
    table.article.setCurrentIndex(table.article.findData("hand/a.txt"))
    assert table.proxy.rowCount() == 1
    table.view.selectRow(0)
    assert window.selection.current == Selection("hand/a.txt", event="e2")
    assert window.timeline.selected_index() == index_of(window.timeline, "hand/a.txt", "e2")
    table.search.clear()
    table.article.setCurrentIndex(0)
    table.type.setCurrentIndex(table.type.findData("DATE"))
    qtbot.waitUntil(lambda: table.proxy.rowCount() == 8)
    # Sorting by date puts 2014 first.
    table.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    first = table.proxy.mapToSource(table.proxy.index(0, 0)).row()
    assert table.model.rows[first].value == "2014"
    table.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    first = table.proxy.mapToSource(table.proxy.index(0, 0)).row()
    assert table.model.rows[first].value == "2016-06-29"


def test_ctrl_f_focuses_the_search(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load(window, qtbot, syria_like())
    window.activateWindow()
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.table.search.hasFocus()


def test_arrow_keys_walk_events_and_update_the_article(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load(window, qtbot, syria_like("hand/a.txt"))
    view = window.timeline
    view.setFocus()
    window.selection.set(Selection("hand/a.txt", event="e3"), "test")  # 2014, first in time
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert window.selection.current == Selection("hand/a.txt", event="e4")  # 2014-12
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert window.selection.current == Selection("hand/a.txt", event="e1")  # Tuesday
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert window.selection.current == Selection("hand/a.txt", event="e4")
    timex = window.session.entry("hand/a.txt").timex_by_id["t4"]
    assert window.article.text.textCursor().position() == timex.start


def test_keys_typed_in_the_search_field_stay_there(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Menu shortcuts F, +, -, Delete must not fire while typing a search."""
    load(window, qtbot, syria_like("hand/a.txt"))
    window.selection.set(Selection("hand/a.txt", event="e1"), "test")
    n_events = len(window.session.entry("hand/a.txt").analysis.events)
    range_before = window.timeline.x_range()
    window.activateWindow()
    window.table.search.setFocus()
    qtbot.keyClicks(window.table.search, "f+-x")
    qtbot.keyClick(window.table.search, Qt.Key.Key_Home)
    qtbot.keyClick(window.table.search, Qt.Key.Key_Delete)
    assert window.table.search.text() == "+-x"
    assert len(window.session.entry("hand/a.txt").analysis.events) == n_events
    assert window.timeline.x_range() == range_before


def test_hover_tooltip_explains_the_event(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load(window, qtbot, syria_like("hand/a.txt"))
    view = window.timeline
    i = index_of(view, "hand/a.txt", "e4")
    html = view.tooltip_html(i)
    assert "18 months ago" in html and "2014-12" in html and "APPROX" in html


def test_an_expression_whose_sentence_is_placed_by_another_says_so(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    result = make_result("hand/two.txt", [("Talks began on Monday and ended on Tuesday.", "Tuesday", "2016-06-28")])
    sentence = result.article.text
    start = sentence.index("Monday")
    monday = dataclasses.replace(result.analysis.timexes[0], id="t2", start=start, end=start + 6, text="Monday",
                                 value="2016-06-27", explanation="Monday → 2016-06-27")
    analysis = dataclasses.replace(result.analysis, timexes=result.analysis.timexes + (monday,))
    load(window, qtbot, dataclasses.replace(result, analysis=analysis))
    window.selection.set(Selection("hand/two.txt", timex="t2"))
    text = window.details.browser.toPlainText()
    assert "placed by “Tuesday” (2016-06-28)" in text
    assert "cannot be placed" not in text

"""The article pane: the text with every time expression highlighted.

Colours follow the expression type (DATE, TIME, DURATION, SET); an expression that could not
be resolved or placed is marked differently (red with a wavy underline); the dateline the DCT
was read from is marked too. Boilerplate — the page furniture of a saved web page (navigation,
related lists, comments, footers) and the furniture lines of any text — is greyed: it is part
of what the reader sees, but no expression or event comes from it. Clicking an expression selects its event (or, for a vague one,
the expression itself); clicking elsewhere in an event's sentence selects that event. When an
event is selected elsewhere, the pane switches to its article, highlights its sentence and
scrolls to it.

Offsets in the model index Python strings (code points); Qt counts UTF-16 units, so text with
characters outside the BMP (emoji) goes through :class:`OffsetMap`.
"""

from __future__ import annotations

from bisect import bisect_right
from html import escape

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ...core.events import trimmed
from ...core.model import Article, TimeExpression, TimexType
from ...core.session import Entry, Session
from ..selection import Selection
from ..theme import Theme, theme_named


class OffsetMap:
    """Converts between Python string offsets and Qt (UTF-16) document positions."""

    def __init__(self, text: str) -> None:
        # Offsets of characters needing two UTF-16 units; usually none.
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []

    def to_qt(self, offset: int) -> int:
        return offset + bisect_right(self._astral, offset - 1) if self._astral else offset

    def from_qt(self, position: int) -> int:
        if not self._astral:
            return position
        lo, hi = 0, position
        while lo < hi:  # the largest offset whose Qt position is <= position
            mid = (lo + hi + 1) // 2
            if self.to_qt(mid) <= position:
                lo = mid
            else:
                hi = mid - 1
        return lo


def is_unresolved(timex: TimeExpression) -> bool:
    """No value, or a date/time value that cannot be placed on the timeline."""
    return timex.value is None or (timex.type in (TimexType.DATE, TimexType.TIME) and not timex.placeable)


class ArticleView(QWidget):
    """Article chooser and read-only text with highlighted expressions."""

    #: the user clicked an expression or an event's sentence: a :class:`Selection`
    selectionRequested = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._key: str | None = None
        self._entry_article: Article | None = None
        self._selection: Selection | None = None
        self._map = OffsetMap("")
        self.theme: Theme = theme_named("system")
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(20)
        self.combo.activated.connect(self._combo_activated)
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.viewport().installEventFilter(self)
        self.text.viewport().setMouseTracking(True)
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(QLabel("Article"))
        top.addWidget(self.combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.text, 1)
        self.info.setContentsMargins(6, 0, 6, 0)
        self.refresh()

    # -- public --------------------------------------------------------------------------
    @property
    def current_key(self) -> str | None:
        return self._key

    def set_session(self, session: Session) -> None:
        self._session = session
        self._key = None
        self._selection = None
        self.refresh()

    def refresh(self) -> None:
        """Re-read the session: the article list, and the shown article if it changed."""
        keys = self._session.keys()
        self.combo.blockSignals(True)
        self.combo.clear()
        for entry in self._session.entries:
            self.combo.addItem(entry.article.title or entry.key, entry.key)
            self.combo.setItemData(self.combo.count() - 1, entry.key, Qt.ItemDataRole.ToolTipRole)
        self.combo.blockSignals(False)
        if self._key not in keys:
            self._key = keys[0] if keys else None
            self._entry_article = None
        if self._key is not None:
            self.combo.setCurrentIndex(keys.index(self._key))
        self._show(force=False)

    def show_article(self, key: str) -> None:
        if key != self._key:
            self._key = key
            self._show(force=True)
            keys = self._session.keys()
            if key in keys:
                self.combo.setCurrentIndex(keys.index(key))

    def set_selection(self, selection: Selection | None, *, scroll: bool = True) -> None:
        """Show the selection: switch article, mark the sentence and expression, scroll there."""
        self._selection = selection
        if selection is not None and selection.key != self._key:
            self.show_article(selection.key)
            scroll = True
        else:
            self._decorate()
        if scroll:
            self._scroll_to_selection()

    def selected_span(self) -> tuple[str, int, int] | None:
        """The text the user selected, as (article key, start, end) offsets; None if nothing."""
        cursor = self.text.textCursor()
        if self._key is None or not cursor.hasSelection():
            return None
        start = self._map.from_qt(cursor.selectionStart())
        end = self._map.from_qt(cursor.selectionEnd())
        entry = self._entry()
        if entry is None:
            return None
        span = trimmed(entry.article.text, start, end)
        return (self._key, span.start, span.end) if span is not None else None

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._decorate()

    def changeEvent(self, event: QEvent) -> None:
        # Highlight colours follow the palette (light or dark), like the rest of the window.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.set_theme(theme_named("system"))
        super().changeEvent(event)

    # -- drawing -------------------------------------------------------------------------
    def _entry(self) -> Entry | None:
        if self._key is None:
            return None
        try:
            return self._session.entry(self._key)
        except KeyError:
            return None

    def _show(self, *, force: bool) -> None:
        entry = self._entry()
        if entry is None:
            self.text.setPlainText("")
            self.info.setText("")
            self._entry_article = None
            return
        if force or entry.article is not self._entry_article:
            # Same text after a DCT correction: keep the scroll position.
            same_text = self._entry_article is not None and self._entry_article.text == entry.article.text
            scroll = self.text.verticalScrollBar().value()
            if not same_text:
                self.text.setPlainText(entry.article.text)
                self._map = OffsetMap(entry.article.text)
            self._entry_article = entry.article
            if same_text:
                self.text.verticalScrollBar().setValue(scroll)
        dct = entry.article.dct
        mode = entry.analysis.mode
        if dct:
            dct_text = f"DCT <b>{escape(dct.value)}</b> ({escape(str(dct.origin))})"
        elif mode is not None and mode.value == "narrative":  # story time: dates follow the story
            dct_text = "no DCT: read as a narrative, dates follow the story"
        else:
            dct_text = "<span style='color:#c0392b'>no DCT: relative expressions are unresolved</span>"
        if dct and mode is not None:
            dct_text += f" · read as {escape(str(mode.value))}"
        n_timex = len(entry.analysis.timexes)
        self.info.setText(f"{dct_text} · {n_timex} expressions · {len(entry.analysis.events)} events")
        self._decorate()

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _selection_fmt(self, background: QColor, *, bold: bool = False) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(background)
        if bold:
            fmt.setFontWeight(QFont.Weight.Bold)
        return fmt

    def _decorate(self) -> None:
        entry = self._entry()
        if entry is None:
            self.text.setExtraSelections([])
            return
        hl = self.theme.highlight
        length = len(entry.article.text)
        selections: list[QTextEdit.ExtraSelection] = []

        def add(start: int, end: int, fmt: QTextCharFormat) -> None:
            if 0 <= start < end <= length:
                sel = QTextEdit.ExtraSelection()
                sel.cursor = self._cursor(start, end)
                sel.format = fmt
                selections.append(sel)

        resolved = self._selection.resolve(self._session) if self._selection else None
        sel_event = resolved[1] if resolved and resolved[0].key == entry.key else None
        sel_timex = resolved[2] if resolved and resolved[0].key == entry.key else None
        furniture = QTextCharFormat()
        furniture.setForeground(self._furniture_colour())
        furniture.setToolTip("page furniture (boilerplate): no events are taken from it")
        for span in entry.article.boilerplate:
            add(span.start, span.end, furniture)
        if sel_event is not None:
            add(sel_event.start, sel_event.end, self._selection_fmt(hl["sentence"]))
        dct = entry.article.dct
        if dct is not None and dct.start is not None and dct.end is not None:
            fmt = self._selection_fmt(hl["dateline"], bold=True)
            fmt.setToolTip(f"dateline → DCT {dct.value}")
            add(dct.start, dct.end, fmt)
        for timex in entry.analysis.timexes:
            if is_unresolved(timex):
                fmt = self._selection_fmt(hl["unresolved"])
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(QColor("#c0392b"))
            else:
                fmt = self._selection_fmt(hl.get(timex.type, hl[TimexType.DATE]))
            if timex.corrected:
                fmt.setFontItalic(True)
            add(timex.start, timex.end, fmt)
        if sel_timex is not None:
            strong = QColor(self.theme.selection)
            fmt = self._selection_fmt(strong, bold=True)
            fmt.setForeground(QColor("#ffffff"))
            add(sel_timex.start, sel_timex.end, fmt)
        elif sel_event is not None and sel_event.user_added:
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(self.theme.selection)
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
            add(sel_event.start, sel_event.end, fmt)
        self.text.setExtraSelections(selections)

    def _furniture_colour(self) -> QColor:
        """A third of the way from the theme's muted text to the background: readable, plainly not
        the article's own text."""
        muted, back = self.theme.muted, self.theme.background
        return QColor((2 * muted.red() + back.red()) // 3, (2 * muted.green() + back.green()) // 3,
                      (2 * muted.blue() + back.blue()) // 3)

    def _scroll_to_selection(self) -> None:
        resolved = self._selection.resolve(self._session) if self._selection else None
        if resolved is None or resolved[0].key != self._key:
            return
        _, event, timex = resolved
        target = timex if timex is not None else event
        if target is None:
            return
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self._map.to_qt(min(target.start, len(self._entry_article.text) if self._entry_article else 0)))
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    # -- interaction ---------------------------------------------------------------------
    def offset_at(self, pos: QPoint) -> int:
        return self._map.from_qt(self.text.cursorForPosition(pos).position())

    def timex_at(self, offset: int) -> TimeExpression | None:
        entry = self._entry()
        if entry is None:
            return None
        return next((t for t in entry.analysis.timexes if t.start <= offset < t.end), None)

    def selection_at(self, offset: int) -> Selection | None:
        """What a click at ``offset`` selects: the expression's event, the expression, or the sentence's event."""
        entry = self._entry()
        if entry is None:
            return None
        timex = self.timex_at(offset)
        if timex is not None:
            event = next((e for e in entry.analysis.events if e.timex == timex.id), None)
            return Selection(entry.key, event=event.id) if event else Selection(entry.key, timex=timex.id)
        event = next((e for e in entry.analysis.events if e.start <= offset < e.end), None)
        return Selection(entry.key, event=event.id) if event else None

    def click_offset(self, offset: int) -> None:
        """Act as if the user clicked at ``offset`` (used by tests and the vague tray)."""
        sel = self.selection_at(offset)
        if sel is not None:
            self._selection = sel
            self._decorate()
            self.selectionRequested.emit(sel)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.text.viewport():
            if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent) \
                    and event.button() == Qt.MouseButton.LeftButton \
                    and not self.text.textCursor().hasSelection():
                self.click_offset(self.offset_at(event.position().toPoint()))
            elif event.type() == QEvent.Type.ToolTip:
                timex = self.timex_at(self.offset_at(event.pos()))
                if timex is not None:
                    QToolTip.showText(event.globalPos(), _timex_tooltip(timex), self.text)
                else:
                    QToolTip.hideText()
                return True
        return super().eventFilter(obj, event)

    def _combo_activated(self, index: int) -> None:
        key = self.combo.itemData(index)
        if key:
            self.show_article(key)
            self.selectionRequested.emit(Selection(key))


def _timex_tooltip(t: TimeExpression) -> str:
    parts = [f"<b>{escape(t.text)}</b> · {t.type}", f"value: <b>{escape(t.value or 'unresolved')}</b>"
             + (f" ({escape(t.mod)})" if t.mod else "")]
    if t.explanation:
        parts.append(f"<i>{escape(t.explanation)}</i>")
    if t.rule:
        parts.append(f"rule: {escape(t.rule)}")
    return "<br>".join(parts)

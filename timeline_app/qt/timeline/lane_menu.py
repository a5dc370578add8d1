"""What the user does to lanes: rename, recolour, hide, move, sort, group (right-click a title).

:class:`LaneActions` works on the session through :mod:`timeline_app.core.lanes` (names, hidden
lanes and grouping in the view state, order and article colours on the entries), so every choice
is saved with the project; the view redraws when the session says it changed. Questions to the
user go through :meth:`ask_name` and :meth:`ask_color`, which tests replace.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog, QLineEdit, QMenu, QWidget

from ...core.lanes import SORT_KEYS, lanes, sort_key
from ...core.session import Session

SORT_NAMES = {"dct": "Publication date", "title": "Title", "count": "Number of events"}
GROUP_NAMES = {"article": "One lane per article", "source": "One lane per source (agency or site)",
               "story": "One lane per story (events reported by several articles)"}


class LaneActions:
    """Lane operations on a session; ``lane`` arguments are lane keys (see core/lanes.py)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        self.session = session
        self.parent = parent

    # -- questions (tests replace these) -------------------------------------------------
    def ask_name(self, current: str) -> str | None:
        text, ok = QInputDialog.getText(self.parent, "Rename lane", "Lane name", QLineEdit.EchoMode.Normal, current)
        return text if ok else None

    def ask_color(self, current: str | None) -> str | None:
        color = QColorDialog.getColor(QColor(current) if current else QColor("#4c72b0"), self.parent, "Lane colour")
        return color.name() if color.isValid() else None

    # -- operations --------------------------------------------------------------------
    def _spec(self, lane: str):  # type: ignore[no-untyped-def]
        return next(spec for spec in lanes(self.session) if spec.key == lane)

    def rename(self, lane: str, name: str | None = None) -> None:
        """A name of the user's own; an empty name gives the lane its title back."""
        spec = self._spec(lane)
        if name is None:
            name = self.ask_name(spec.title)
            if name is None:
                return
        settings = self.session.lane_settings()
        if name.strip():
            settings.names[lane] = " ".join(name.split())
        else:
            settings.names.pop(lane, None)
        self.session.set_lane_settings(settings)

    def recolor(self, lane: str, color: str | None = None) -> None:
        spec = self._spec(lane)
        if color is None:
            color = self.ask_color(spec.color)
            if color is None:
                return
        if len(spec.members) == 1 and spec.key == spec.members[0]:
            self.session.set_color(lane, color)  # stored with the article
        else:
            settings = self.session.lane_settings()
            settings.colors[lane] = color
            self.session.set_lane_settings(settings)

    def hide(self, lane: str) -> None:
        settings = self.session.lane_settings()
        settings.hidden.add(lane)
        self.session.set_lane_settings(settings)

    def show_all(self) -> None:
        settings = self.session.lane_settings()
        settings.hidden.clear()
        self.session.set_lane_settings(settings)

    def move(self, lane: str, delta: int) -> None:
        """Move a lane up (-1) or down (+1) among the lanes shown."""
        order = [spec for spec in lanes(self.session)]
        i = next(k for k, spec in enumerate(order) if spec.key == lane)
        j = max(0, min(len(order) - 1, i + delta))
        order.insert(j, order.pop(i))
        self.session.reorder([key for spec in order for key in spec.members])

    def sort(self, by: str) -> None:
        """Order the lanes by DCT (oldest first), title, or number of events (most first)."""
        keys = sort_key(self.session, by)
        self.session.reorder(sorted(self.session.keys(), key=keys.__getitem__))

    def group(self, grouping: str) -> None:
        settings = self.session.lane_settings()
        settings.grouping = grouping
        self.session.set_lane_settings(settings)

    # -- the menu ----------------------------------------------------------------------
    def menu(self, lane: str) -> QMenu:
        """The lane title's context menu."""
        spec = self._spec(lane)
        menu = QMenu(self.parent)
        menu.addAction("Rename…", lambda: self.rename(lane))
        menu.addAction("Colour…", lambda: self.recolor(lane))
        menu.addAction("Hide this lane", lambda: self.hide(lane))
        hidden = len(self.session.lane_settings().hidden)
        show = menu.addAction(f"Show hidden lanes ({hidden})", self.show_all)
        show.setEnabled(hidden > 0)
        menu.addSeparator()
        menu.addAction("Move up", lambda: self.move(lane, -1))
        menu.addAction("Move down", lambda: self.move(lane, 1))
        sort_menu = menu.addMenu("Sort lanes by")
        for by in SORT_KEYS:
            sort_menu.addAction(SORT_NAMES[by], lambda b=by: self.sort(b))
        group_menu = menu.addMenu("Group lanes")
        current = self.session.lane_settings().grouping
        for grouping, text in GROUP_NAMES.items():
            act = QAction(text, group_menu, checkable=True, checked=grouping == current)
            act.triggered.connect(lambda _c=False, g=grouping: self.group(g))
            group_menu.addAction(act)
        menu.setToolTip(spec.title)
        return menu

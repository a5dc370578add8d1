"""The vague tray: expressions that cannot be placed on the timeline, grouped by why.

"recently" (PAST_REF), "soon" (FUTURE_REF), "currently" (PRESENT_REF), durations ("for 18
months"), recurring sets ("every month"), underspecified dates (XXXX-06) and everything left
unresolved because the article has no DCT. They are shown here rather than dropped; clicking
one shows it in the article.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ...core.model import TimeExpression, TimexType
from ...core.session import Entry, Session
from ..selection import Selection

REASONS = {
    "PAST_REF": "the past, unspecified",
    "PRESENT_REF": "the present, unspecified",
    "FUTURE_REF": "the future, unspecified",
}


def vague_reason(entry: Entry, timex: TimeExpression) -> str | None:
    """Why ``timex`` is not on the timeline, or None when it is placeable."""
    if timex.placeable:
        return None
    if timex.value is None:
        return "unresolved: the article has no DCT" if entry.article.dct is None else "unresolved"
    if timex.value in REASONS:
        return f"vague: {REASONS[timex.value]}"
    if timex.type is TimexType.DURATION:
        return "duration without an anchor"
    if timex.type is TimexType.SET:
        return "recurring"
    return "underspecified date"


class VagueTray(QWidget):
    selectionRequested = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.summary = QLabel()
        self.summary.setContentsMargins(6, 4, 6, 0)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Expression", "Value", "Article"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.refresh()

    def set_session(self, session: Session) -> None:
        self._session = session
        self.refresh()

    def items(self) -> list[tuple[Entry, TimeExpression, str]]:
        out = []
        for entry in self._session.entries:
            for timex in entry.analysis.timexes:
                reason = vague_reason(entry, timex)
                if reason is not None:
                    out.append((entry, timex, reason))
        return out

    def refresh(self) -> None:
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        items = self.items()
        for entry, timex, reason in items:
            group = groups.get(reason)
            if group is None:
                group = QTreeWidgetItem([reason])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                f = group.font(0)
                f.setBold(True)
                group.setFont(0, f)
                groups[reason] = group
            item = QTreeWidgetItem([f"“{timex.text}”", timex.value or "—", entry.article.title or entry.key])
            item.setData(0, Qt.ItemDataRole.UserRole, (entry.key, timex.id))
            tip = f"<b>{escape(timex.text)}</b> ({timex.type})<br>{escape(reason)}"
            if timex.explanation:
                tip += f"<br><i>{escape(timex.explanation)}</i>"
            item.setToolTip(0, tip)
            group.addChild(item)
        for reason, group in sorted(groups.items()):
            group.setText(0, f"{reason} ({group.childCount()})")
            self.tree.addTopLevelItem(group)
            group.setExpanded(group.childCount() <= 200)
        self.tree.resizeColumnToContents(0)
        n = len(items)
        self.summary.setText(f"{n} expression{'s' if n != 1 else ''} not on the timeline" if n
                             else "Every expression is on the timeline.")

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        ref = item.data(0, Qt.ItemDataRole.UserRole)
        if ref:
            key, timex_id = ref
            self.selectionRequested.emit(Selection(key, timex=timex_id))

"""Split a story event or merge two: Edit › Split this story… / Merge story with…, and the links
of the detail pane. Each goes through the undo stack (Ctrl+Z reverts it with
``Session.revert_story_decision``) and is saved in the project with the other decisions.

Splitting asks which sources go apart (they become a story of their own); merging asks which
other story event of the story lane joins this one, nearest in time first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.lanes import STORY_LANE
from ...core.session import Session
from ...core.stories import Decision, Member, Story
from ..selection import SelectionModel
from ..timeline.story_merging import known_stories


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


class StoryDecisionCommand(QUndoCommand):
    """``redo`` = the decision again; ``undo`` = Session.revert_story_decision."""

    def __init__(self, session: Session, decision: Decision, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.decision = decision
        self._skip_redo = True  # the first redo happens on push: already decided

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.session.decide(self.decision)

    def undo(self) -> None:
        self.session.revert_story_decision(self.decision)


class _Picker(QDialog):
    """A list to pick from, with an OK that waits for a sensible choice."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.list = QListWidget()
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.resize(640, 360)

    def _ok(self, enabled: bool) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(enabled)


class SplitStoryDialog(_Picker):
    """Tick the sources that go apart: some, not all."""

    def __init__(self, story: Story, titles: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__("Split this story", f"“{_short(story.label)}”: tick the reports that tell another "
                         "happening; they become a story of their own.", parent)
        self.members = list(story.members)
        for m in self.members:
            item = QListWidgetItem(f"{titles.get(m.article, m.article)} — {_short(m.sentence or m.label)}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(m.sentence or m.label)
            self.list.addItem(item)
        self.list.itemChanged.connect(lambda _item: self._update())
        self._update()

    def chosen(self) -> list[Member]:
        return [m for i, m in enumerate(self.members)
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _update(self) -> None:
        self._ok(0 < len(self.chosen()) < len(self.members))


class MergeStoryDialog(_Picker):
    """Pick the other story event that reports the same happening."""

    def __init__(self, story: Story, others: Sequence[Story], parent: QWidget | None = None) -> None:
        super().__init__("Merge story with", f"“{_short(story.label)}”: pick the story event that reports "
                         "the same happening; the two become one.", parent)
        self.others = list(others)
        for s in self.others:
            self.list.addItem(f"{s.interval.start:%Y-%m-%d} · {s.sources} sources · {_short(s.label)}")
        self.list.currentRowChanged.connect(lambda row: self._ok(row >= 0))
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self._ok(False)

    def chosen(self) -> Story | None:
        row = self.list.currentRow()
        return self.others[row] if 0 <= row < len(self.others) else None


class StoryEditing:
    """The logic behind Split this story… and Merge story with… for the selected story event."""

    def __init__(self, parent: QWidget, session: Callable[[], Session], selection: SelectionModel,
                 undo_stack: QUndoStack) -> None:
        self._parent = parent
        self._session = session
        self._selection = selection
        self._stack = undo_stack

    def story(self) -> Story | None:
        """The selected story event, if a story event of several sources is selected."""
        sel = self._selection.current
        if sel is None or sel.key != STORY_LANE:
            return None
        return next((s for s in known_stories(self._session()) if s.id == sel.event and s.sources > 1), None)

    def can_split(self) -> bool:
        return self.story() is not None

    def can_merge(self) -> bool:
        return self.story() is not None and bool(self.others(self.story()))  # type: ignore[arg-type]

    def others(self, story: Story) -> list[Story]:
        """The other story events of the lane, nearest in time first."""
        middle = story.interval.start + (story.interval.end - story.interval.start) / 2
        shared = [s for s in known_stories(self._session()) if s.sources > 1 and s.id != story.id]
        return sorted(shared, key=lambda s: abs((s.interval.start + (s.interval.end - s.interval.start) / 2)
                                                - middle))

    def split(self) -> bool:
        story = self.story()
        if story is None:
            return False
        titles = {e.key: e.article.title or e.key for e in self._session().entries}
        dialog = SplitStoryDialog(story, titles, self._parent)
        if not dialog.exec() or not dialog.chosen():
            return False
        chosen = dialog.chosen()
        decision = self._session().split_story(story, chosen)
        self._stack.push(StoryDecisionCommand(self._session(), decision,
                                              f"Split {len(chosen)} of {len(story.members)} reports off a story"))
        return True

    def merge(self) -> bool:
        story = self.story()
        if story is None:
            return False
        dialog = MergeStoryDialog(story, self.others(story), self._parent)
        if not dialog.exec() or dialog.chosen() is None:
            return False
        other = dialog.chosen()
        assert other is not None
        decision = self._session().merge_stories(story, other)
        self._stack.push(StoryDecisionCommand(self._session(), decision,
                                              f"Merge “{_short(story.label, 25)}” with “{_short(other.label, 25)}”"))
        return True

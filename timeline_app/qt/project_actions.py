"""File › New Project, Open Project…, Save, Save As…, Recent Projects; autosave and recovery.

:class:`ProjectActions` attaches to the :class:`~timeline_app.qt.main_window.MainWindow` through
the hooks it offers: its File menu's project section (``add_file_actions("project", …)``), its
``open_project(path)`` hook (``.timeline`` files given on the command line, opened with Ctrl+O or
dropped on the window come through it) and ``set_session`` to show the opened project. The work
itself is done by :mod:`timeline_app.core.project.store` and :mod:`timeline_app.core.project.autosave`; this
module adds menus, a timer, dialogs and the view state (visible time range, lanes, selection)
kept in ``Session.view_state`` under the keys of :data:`VIEW_KEYS`.

Every question to the user goes through one small method (``ask_save_changes``,
``ask_open_read_only``, ``ask_recover``, ``choose_open_path``, ``choose_save_path``,
``show_error``) so tests replace them instead of driving modal dialogs.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from .. import __version__
from ..core.lanes import VIEW_KEY as LANES_KEY
from ..core.project.autosave import INTERVAL_S, Autosaver, Recoverable, discard_recovery, find_recoverable
from ..core.project.store import EXTENSION, Project, ProjectError, ProjectInfo, ProjectLockedError
from ..core.session import Session
from .main_window import MainWindow
from .recent import RecentList, fill_menu
from .selection import Selection

Decision = Literal["keep", "saved", "discard", "cancel"]
RecoverChoice = Literal["recover", "discard", "later"]

RECENT_KEY = "projects/recent"
TICK_MS = 2000  # how often the autosaver is asked; it decides when 30 s have passed
FILE_FILTER = f"Timeline projects (*{EXTENSION})"
# Session.view_state keys written by this module (other views may add their own).
VIEW_KEYS = ("timeline.x_range", "timeline.lane_range", "selection")


def is_project_path(arg: str | Path) -> bool:
    """Whether a command-line argument names a project rather than an article."""
    return str(arg).lower().endswith(EXTENSION)


def split_project_args(args: Sequence[str]) -> tuple[Path | None, list[str]]:
    """``timeline-app PROJECT.timeline [FILES…]``: the first project named, and the other args."""
    project = next((Path(a) for a in args if is_project_path(a)), None)
    rest = [a for a in args if not is_project_path(a)]
    return project, rest


class ProjectActions(QObject):
    """Project menu actions, autosave timer, crash-recovery offer and close-time question."""

    project_changed = Signal(object)  # the new Project, after New/Open/recover
    saved = Signal(object)  # the Path just written by Save / Save As / autosave

    def __init__(self, window: MainWindow, *, settings: QSettings | None = None,
                 recovery_dir: Path | None = None, interval: float = INTERVAL_S,
                 clock: Callable[[], float] = time.monotonic, tick_ms: int = TICK_MS) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings if settings is not None else window.settings.q
        self.recent = RecentList(self.settings, RECENT_KEY)
        self._recovery_dir = recovery_dir
        self._interval = interval
        self._clock = clock
        self._closed = False
        # Deferred: the project's own change counter must have moved before the title reads it.
        self._title_timer = QTimer(self)
        self._title_timer.setSingleShot(True)
        self._title_timer.timeout.connect(self.update_title)
        self._unsubscribe: Callable[[], None] = lambda: None
        self.project = Project(window.session)
        self.autosaver = self._autosaver_for(self.project)
        self._follow(window.session)
        self._build_menu()
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        window.installEventFilter(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        # The hand-over: project files the window is given come here; its title shows the project.
        window.attach_projects(self)

    @property
    def session(self) -> Session:
        return self.window.session

    def _follow(self, session: Session) -> None:
        self._unsubscribe()
        self._unsubscribe = session.subscribe(lambda _change: self._title_timer.start(0))

    def _autosaver_for(self, project: Project) -> Autosaver:
        return Autosaver(project, interval=self._interval, clock=self._clock, directory=self._recovery_dir)

    # -- menu -------------------------------------------------------------------------------------
    def _build_menu(self) -> None:
        # Ctrl+O (Open…) already takes .timeline files and Ctrl+Shift+O opens a folder.
        self.new_action = self._action("&New Project", QKeySequence.StandardKey.New, self.new_project)
        self.open_action = self._action("Open &Project…", None, lambda: self.open_project())
        self.recent_menu = QMenu("Recent Pro&jects", self.window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.save_action = self._action("&Save Project", QKeySequence.StandardKey.Save, self.save)
        self.save_as_action = self._action("Save Project &As…", QKeySequence("Ctrl+Shift+S"), self.save_as)
        self.window.add_file_actions("project", [self.new_action, self.open_action, self.recent_menu.menuAction(),
                                                 self.save_action, self.save_as_action])
        self._fill_recent()

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None,
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # -- recent projects ----------------------------------------------------------------------------
    def recent_projects(self) -> list[Path]:
        return self.recent.items()

    def _remember(self, path: Path) -> None:
        self.recent.remember([path])
        self._fill_recent()  # a disabled menu never shows, so never refills itself

    def _forget(self, path: Path) -> None:
        self.recent.forget(path)
        self._fill_recent()

    def _fill_recent(self) -> None:
        fill_menu(self.recent_menu, self.recent, self.open_project,
                  label=lambda n, p: f"&{n % 10} {p.name}" if n <= 10 else p.name, after_clear=self._fill_recent)

    # -- commands -----------------------------------------------------------------------------------
    def new_project(self) -> bool:
        """Close the current project (asking about unsaved changes) and start an empty one."""
        decision = self.settle_changes()
        if decision == "cancel":
            return False
        self._retire(save=decision != "discard")
        self._install(Project(Session()))
        return True

    def open_project(self, path: Path | str | None = None) -> bool:
        """Open a project file into the window (asking for one when ``path`` is None)."""
        if path is None:
            path = self.choose_open_path()
            if path is None:
                return False
        path = Path(path).absolute()
        if self.project.path is not None and path == self.project.path:
            self.status(f"{path.name} is already open")
            return True
        decision = self.settle_changes()
        if decision == "cancel":
            return False
        # A window that is only "dirty" by its view state saves it quietly before leaving.
        self.capture_view_state()
        if decision != "discard" and self.project.writable and self.project.needs_save:
            try:
                self.project.save()
            except ProjectError as exc:
                self.show_error("Cannot save the project", str(exc))
                return False
        # Nothing is let go before the new file has been read: a bad file leaves all as it was.
        try:
            try:
                project = Project.open(path)
            except ProjectLockedError as exc:
                if not self.ask_open_read_only(exc):
                    return False
                project = Project.open(path, read_only=True)
        except ProjectError as exc:
            if not path.exists():
                self._forget(path)
            self.show_error("Cannot open the project", str(exc))
            return False
        self._retire(save=False)
        self._install(project)
        self._remember(path)
        self._report_opened(project.info)
        return True

    def save(self) -> bool:
        """Ctrl+S: into the project file, or Save As for a project without one (or read-only)."""
        if not self.project.writable:
            return self.save_as()
        self.capture_view_state()
        try:
            self.project.save()
        except ProjectError as exc:
            self.show_error("Cannot save the project", str(exc))
            return False
        self._after_save(self.project.path)
        return True

    def save_as(self) -> bool:
        path = self.choose_save_path()
        if path is None:
            return False
        if path.suffix.lower() != EXTENSION:
            path = path.with_name(path.name + EXTENSION)
        self.capture_view_state()
        try:
            self.project.save_as(path)
        except ProjectError as exc:
            self.show_error("Cannot save the project", str(exc))
            return False
        self._after_save(self.project.path)
        return True

    def _after_save(self, path: Path | None) -> None:
        self.autosaver.tick()  # the work is in the project now: drops a recovery file
        self.window.undo_stack.setClean()
        if path is not None:
            self._remember(path)
            self.status(f"Saved {path.name}")
            self.saved.emit(path)
        self.update_title()

    # -- autosave, recovery, closing ----------------------------------------------------------------
    def tick(self) -> None:
        self.capture_view_state()
        if self.autosaver.tick():
            target = self.project.path if self.project.writable else self.autosaver.recovery_path
            self.status(f"Autosaved {'to ' + target.name if self.project.writable and target else 'a recovery copy'}")
            if target is not None:
                self.saved.emit(target)
        elif self.autosaver.last_error:
            self.status(f"Autosave failed: {self.autosaver.last_error}")
        self.update_title()

    def offer_recovery(self) -> bool:
        """At start-up: offer the work of sessions that crashed. Returns whether one was recovered."""
        for item in find_recoverable(self._recovery_dir):
            choice = self.ask_recover(item)
            if choice == "later":
                continue
            if choice == "discard" or item.problem:
                try:
                    discard_recovery(item.path)
                except ProjectError:
                    pass  # another instance took it meanwhile: it is theirs now
                continue
            decision = self.settle_changes()
            if decision == "cancel":
                return False
            try:
                saver = Autosaver.recover(item.path, interval=self._interval, clock=self._clock,
                                          directory=self._recovery_dir)
            except ProjectError as exc:
                self.show_error("Cannot recover the work", str(exc))
                continue
            self._retire(save=decision != "discard")
            self._install(saver.project, saver)
            origin = f" (a read-only copy of {item.origin})" if item.origin else ""
            self.status(f"Recovered unsaved work{origin}: save it to keep it")
            return True
        return False

    def settle_changes(self) -> Decision:
        """Before the work is let go: ask about unsaved changes. ``cancel`` means stop.

        An untitled project with no corrections is not asked about: its articles are still in
        their files, there is nothing that reopening them would not give back.
        """
        if not self.project.modified:
            return "keep"
        if not self.unsaved_work():
            return "discard"
        answer = self.ask_save_changes()
        if answer == "save":
            return "saved" if self.save() else "cancel"
        return answer

    def unsaved_work(self) -> bool:
        """Changes that closing would lose. An untitled project that only holds opened articles
        (the bundled one at launch, files given on the command line) has none: reopening the
        files gives it back, so no "•" and no "save changes?" for it."""
        if not self.project.modified:
            return False
        return bool(self.project.path is not None or self.session.corrections
                    or self.autosaver.recovery_path is not None or self.session.view_state.get(LANES_KEY))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and not self._closed:
            decision = self.settle_changes()
            if decision == "cancel":
                event.ignore()
                return True
            self.shutdown(save=decision != "discard")
        return False

    def shutdown(self, save: bool = True) -> None:
        """Clean end: last autosave into the project, recovery file removed, lock released."""
        if self._closed:
            return
        self._closed = True
        self.timer.stop()
        self._unsubscribe()
        if save:
            self.capture_view_state()
        self.autosaver.close(save=save)
        self.project.close()

    def _retire(self, *, save: bool) -> None:
        if save:
            self.capture_view_state()
        self.autosaver.close(save=save)
        self.project.close()

    def _install(self, project: Project, autosaver: Autosaver | None = None) -> None:
        self.project = project
        self.autosaver = autosaver or self._autosaver_for(project)
        if project.session is not self.window.session:
            self.window.set_session(project.session)  # also starts a fresh undo history
            self._follow(project.session)
        self.restore_view_state()
        self.update_title()
        self.project_changed.emit(project)

    # -- view state ----------------------------------------------------------------------------------
    def capture_view_state(self) -> None:
        """Put the visible range, lanes and selection into ``Session.view_state`` (saved with it)."""
        state = self.session.view_state
        timeline = self.window.timeline
        if timeline.data.lanes:  # an empty view's range is only a placeholder
            state["timeline.x_range"] = list(timeline.x_range())
            state["timeline.lane_range"] = list(timeline.lane_range())
        sel = self.window.selection.current
        if sel is None:
            state.pop("selection", None)
        else:
            state["selection"] = {"key": sel.key, "event": sel.event, "timex": sel.timex}

    def restore_view_state(self) -> None:
        """Show the project as it was saved: selection, then the range (selecting would move it)."""
        state = self.session.view_state
        self.window.adapter.flush()  # views first show the new session (fitted), then ours
        sel = state.get("selection")
        if isinstance(sel, dict) and isinstance(sel.get("key"), str):
            selection = Selection(sel["key"], _str_or_none(sel.get("event")), _str_or_none(sel.get("timex")))
            if selection.resolve(self.session) is not None:
                self.window.selection.set(selection, "project")
        timeline = self.window.timeline
        x_range, lanes = state.get("timeline.x_range"), state.get("timeline.lane_range")
        if _pair(x_range):
            timeline.zoom(1.0)  # marks the view as placed by the user: new data will not refit it
            timeline.set_x_range(float(x_range[0]), float(x_range[1]))  # type: ignore[index]
        if _pair(lanes):
            top, bottom = float(lanes[0]), float(lanes[1])  # type: ignore[index]
            timeline.set_lane_range(top, bottom - top)

    def _report_opened(self, info: ProjectInfo | None) -> None:
        notes = []
        if self.project.read_only:
            notes.append(f"read-only: {self.project.read_only_reason}")
        if info is not None and info.migrated:
            notes.append(f"format {info.file_version} is updated on the next save")
        if info is not None and info.rules_changed:
            orphans = sum(len(e.orphans) for e in self.session.entries)
            notes.append("re-extracted with newer rules" + (
                f"; {orphans} correction{'s' * (orphans != 1)} no longer match the text (orphaned)"
                if orphans else "; every correction still applies"))
        name = self.project.display_name
        self.status(f"Opened {name}" + (f" ({'; '.join(notes)})" if notes else ""))

    # -- window title and status ---------------------------------------------------------------------
    def update_title(self) -> None:
        """Project name, a dot when it has unsaved changes, read-only, article count."""
        if self._closed:
            return
        project = self.project
        n = len(self.session.entries)
        modified = " •" if self.unsaved_work() else ""
        read_only = " (read-only)" if project.read_only else ""
        self.window.setWindowFilePath(str(project.path) if project.path else "")
        self.window.setWindowTitle(f"{project.display_name}{modified}{read_only} — timeline-app {__version__}"
                                   f" — {n} article{'s' if n != 1 else ''}")

    def status(self, message: str) -> None:
        bar = self.window.statusBar()
        if bar is not None:
            bar.showMessage(message, 5000)

    # -- questions (replaced in tests) ---------------------------------------------------------------
    def _parent(self) -> QWidget:
        return self.window

    def ask_save_changes(self) -> Literal["save", "discard", "cancel"]:
        box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved changes",
                          f"Save the changes to {self.project.display_name}?",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self._parent())
        box.setInformativeText("Corrections, added and deleted events are lost if you don't save.")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def ask_open_read_only(self, error: ProjectLockedError) -> bool:
        answer = QMessageBox.question(
            self._parent(), "Project open elsewhere",
            f"{error}\n\nOpen a read-only view? Changes can then only be kept with Save As.",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Open

    def ask_recover(self, item: Recoverable) -> RecoverChoice:
        box = QMessageBox(QMessageBox.Icon.Question, "Recover unsaved work",
                          "timeline-app did not close properly last time. Recover the unsaved work?",
                          QMessageBox.StandardButton.NoButton, self._parent())
        box.setInformativeText(item.describe())
        recover = box.addButton("Recover", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Not Now", QMessageBox.ButtonRole.RejectRole)
        if item.problem:
            recover.setEnabled(False)
        box.setDefaultButton(recover if not item.problem else discard)
        box.exec()
        clicked = box.clickedButton()
        return "recover" if clicked is recover else "discard" if clicked is discard else "later"

    def choose_open_path(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(self._parent(), "Open Project", self._start_dir(), FILE_FILTER)
        if path:
            self.window.settings.set_last_dir(Path(path).parent)
        return Path(path) if path else None

    def choose_save_path(self) -> Path | None:
        start = str(self.project.path) if self.project.path else str(Path(self._start_dir()) / f"Untitled{EXTENSION}")
        path, _ = QFileDialog.getSaveFileName(self._parent(), "Save Project As", start, FILE_FILTER)
        if path:
            self.window.settings.set_last_dir(Path(path).parent)
        return Path(path) if path else None

    def _start_dir(self) -> str:
        """The folder a file dialog last used (articles, projects, exports alike)."""
        return self.window.settings.last_dir()

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self._parent(), title, message)


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


_VIEW_LIMIT = 1e13  # seconds from 1970: beyond 300,000 years a saved range is damage, not a view


def _pair(value: object) -> bool:
    """A saved (low, high) range a view can show: two finite, ordered, plausible numbers."""
    return (isinstance(value, list) and len(value) == 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                    and math.isfinite(v) and abs(v) < _VIEW_LIMIT for v in value)
            and value[0] < value[1])

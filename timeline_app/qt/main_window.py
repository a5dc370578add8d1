"""The main window: timeline over the article text, with details, events, vague tray and problems docks.

Extending the menus (projects, export): the File menu is :attr:`MainWindow.file_menu`, laid out as

    Open…  Open folder…  Open recent ▸
    ── project section ──   ← :meth:`MainWindow.add_file_actions("project", ...)` inserts here
    ── export section ──    ← :meth:`MainWindow.add_file_actions("export", ...)` inserts here
    Close all  ─  Quit

Ctrl+S (Save project) and Ctrl+E (Export image) are reserved for those actions and not used
elsewhere. ``.timeline`` files given on the command line or dropped on the window, and the window
title, go to the projects feature that :meth:`MainWindow.attach_projects` hands them to (a
:class:`ProjectHandler`); :meth:`MainWindow.set_session` swaps the session.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSplitter,
    QToolButton,
    QWidget,
)

from .. import __version__
from ..core.dataset import is_dataset
from ..core.lanes import STORY_LANE
from ..core.model import ArticleResult
from ..core.session import Change, Session
from .app import apply_theme
from .editing.corrections import Corrections
from .editing.stories import StoryEditing
from .file_loading import PROJECT_EXTENSION, SUPPORTED_EXTENSIONS, Loader, expand_paths
from .help import ShortcutsDialog, show_about
from .panes.article import ArticleView
from .panes.details import DetailPane, source_selection
from .panes.event_table import EventTable
from .panes.problems import ProblemsPanel
from .panes.vague_tray import VagueTray
from .recent import fill_menu
from .selection import Selection, SelectionModel
from .session_adapter import SessionAdapter
from .settings import AppSettings
from .timeline.story_merging import preload as preload_story_merging
from .timeline.view import TimelineView
from .view_refresh import ViewRefresh

RESERVED_SHORTCUTS = {"project": "Ctrl+S", "export": "Ctrl+E"}
HEAVY_REFRESH_S = 3.0
LOADING_REDRAW_MS = 500  # while files load, the views are redrawn at most twice a second


class ProjectHandler(Protocol):
    """What the window hands over to the projects feature (:class:`~.project_actions.ProjectActions`)."""

    def open_project(self, path: Path) -> object: ...

    def update_title(self) -> None: ...


class DatasetHandler(Protocol):
    """What the window hands over to the archive feature (:class:`~.dataset_actions.DatasetActions`)."""

    def open_dataset(self, path: Path) -> object: ...


class MainWindow(QMainWindow):
    def __init__(self, session: Session | None = None, settings: AppSettings | None = None) -> None:
        super().__init__()
        self.projects: ProjectHandler | None = None
        self.datasets: DatasetHandler | None = None
        self.session = session if session is not None else Session()
        self.settings = settings if settings is not None else AppSettings()
        self.adapter = SessionAdapter(self.session, self)
        self.selection = SelectionModel(self.session, self)
        self.undo_stack = QUndoStack(self)
        self.loader = Loader(self)
        self._loaded_in_job = 0
        self._last_heavy = 0.0

        self.timeline = TimelineView(self.session)
        self.article = ArticleView(self.session)
        self.details = DetailPane(self.session)
        self.table = EventTable(self.session)
        self.vague = VagueTray(self.session)
        self.problems = ProblemsPanel()
        self.corrections = Corrections(self, lambda: self.session, self.selection, self.article, self.undo_stack)
        self.story_editing = StoryEditing(self, lambda: self.session, self.selection, self.undo_stack)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.timeline)
        self.splitter.addWidget(self.article)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.setCentralWidget(self.splitter)
        self.details_dock = self._dock("Details", "detailsDock", self.details, Qt.DockWidgetArea.RightDockWidgetArea)
        self.vague_dock = self._dock("Not on the timeline", "vagueDock", self.vague,
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.table_dock = self._dock("Events", "eventsDock", self.table, Qt.DockWidgetArea.BottomDockWidgetArea)
        # Problems share the right column with the tray, as tabs: the bottom holds only the table,
        # so the article keeps a readable height on a 1280×720 screen.
        self.problems_dock = self._dock("Problems", "problemsDock", self.problems,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.vague_dock, self.problems_dock)
        self.vague_dock.raise_()
        self.resizeDocks([self.details_dock], [380], Qt.Orientation.Horizontal)

        self.view_refresh = self._build_refresh()
        self.adapter.followers.append(self.view_refresh)  # its flush() and pending() include ours
        self._build_status_bar()
        self._build_menus()
        self._connect()
        self.setAcceptDrops(True)
        self._install_drop_filter(self)
        self.resize(*initial_size(self))
        self._restore_layout()
        self._refresh_views()

    # -- construction --------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_status_bar(self) -> None:
        self.counts = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.setTextVisible(True)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop loading after the current file")
        self.cancel_button.clicked.connect(self.loader.cancel)
        self.progress_label = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.counts, 1)
        bar.addPermanentWidget(self.progress_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self._show_progress(False)

    def _action(self, menu: QMenu, text: str, slot: object, shortcut: str | QKeySequence | list | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.file_menu = mb.addMenu("&File")
        self.open_action = self._action(self.file_menu, "&Open…", self.open_dialog, QKeySequence.StandardKey.Open)
        self._action(self.file_menu, "Open &folder…", self.open_folder_dialog, "Ctrl+Shift+O")
        self.recent_menu = self.file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.project_section = self.file_menu.addSeparator()
        self.export_section = self.file_menu.addSeparator()
        self._action(self.file_menu, "&Close all articles", self.close_all)
        self.file_menu.addSeparator()
        self._action(self.file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        self.edit_menu = mb.addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.edit_menu.addAction(undo)
        self.edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        self.edit_menu.addSeparator()
        self.set_dct_action = self._action(self.edit_menu, "Set &DCT…", self.corrections.set_dct, "Ctrl+D",
                                           "Set the article's document creation time; relative dates re-resolve")
        self.set_mode_action = self._action(self.edit_menu, "Document &mode…", self.corrections.set_mode,
                                            "Ctrl+Shift+M",
                                            "Read the article as news (the DCT is its present) or as a narrative")
        self.edit_value_action = self._action(self.edit_menu, "Edit &value…", self.corrections.edit_value, "F2")
        self.edit_label_action = self._action(self.edit_menu, "Edit &label…", self.corrections.edit_label, "Ctrl+L",
                                              "Say in your own words what happened; undoable, saved in the project")
        self.add_event_action = self._action(self.edit_menu, "&Add event from selected text…",
                                             self.corrections.add_event, "Ctrl+Shift+A")
        self.delete_action = self._action(self.edit_menu, "De&lete event", self.corrections.delete_event,
                                          QKeySequence.StandardKey.Delete)
        self.edit_menu.addSeparator()
        self.split_story_action = self._action(self.edit_menu, "S&plit this story…", self.story_editing.split)
        self.merge_story_action = self._action(self.edit_menu, "&Merge story with…", self.story_editing.merge)
        self.edit_menu.addSeparator()
        self._action(self.edit_menu, "&Find events…", self.table_focus_search, QKeySequence.StandardKey.Find)

        self.view_menu = mb.addMenu("&View")
        self._action(self.view_menu, "Fit &all", self.timeline.fit_all, "Home")
        self._action(self.view_menu, "Fit &selection", self.timeline.fit_selection, "F")
        self._action(self.view_menu, "Zoom &in", lambda: self.timeline.zoom(2.0), ["+", "=", "Ctrl++"])
        self._action(self.view_menu, "Zoom &out", lambda: self.timeline.zoom(0.5), ["-", "Ctrl+-"])
        self.view_menu.addSeparator()
        for dock in (self.details_dock, self.table_dock, self.vague_dock, self.problems_dock):
            self.view_menu.addAction(dock.toggleViewAction())
        overview = QAction("Overview strip", self, checkable=True, checked=True)
        overview.toggled.connect(self.timeline.overview.setVisible)
        self.view_menu.addAction(overview)
        # The story lane: events that several articles report, merged (on in the app).
        self.story_lane_action = QAction("S&tory lane", self, checkable=True, checked=True)
        self.story_lane_action.toggled.connect(self.timeline.set_story_lane)
        self.view_menu.addAction(self.story_lane_action)
        self.timeline.set_story_lane(True)
        self.view_menu.addSeparator()
        theme_menu = self.view_menu.addMenu("&Theme")
        self.theme_actions: dict[str, QAction] = {}
        for name, label in (("system", "Follow the &system"), ("light", "&Light"), ("dark", "&Dark")):
            act = QAction(label, self, checkable=True)
            act.triggered.connect(lambda _checked=False, n=name: self.set_theme(n))
            theme_menu.addAction(act)
            self.theme_actions[name] = act

        self.help_menu = mb.addMenu("&Help")
        self._action(self.help_menu, "&Keyboard shortcuts", self.show_shortcuts, QKeySequence.StandardKey.HelpContents)
        self._action(self.help_menu, "&About timeline-app", lambda: show_about(self))

    def add_file_actions(self, section: str, actions: Iterable[QAction]) -> None:
        """Put actions in the File menu's ``"project"`` or ``"export"`` section (see module docstring)."""
        before = self.export_section if section == "project" else self._after(self.export_section)
        for action in actions:
            self.file_menu.insertAction(before, action)

    def _after(self, marker: QAction) -> QAction:
        actions = self.file_menu.actions()
        return actions[actions.index(marker) + 1]

    def _connect(self) -> None:
        self.adapter.settled.connect(self._session_settled)
        self.adapter.problemsChanged.connect(self._problems_changed)
        self.adapter.changed.connect(self._session_changed)
        self.selection.changed.connect(self._selection_changed)
        self.timeline.eventActivated.connect(lambda s: self.selection.set(s, "timeline"))
        self.timeline.laneActivated.connect(lambda s: self.selection.set(s, "timeline"))
        self.timeline.storiesMerged.connect(self._stories_merged)
        self.details.sourceRequested.connect(lambda s: self.article.set_selection(s, scroll=True))
        self.details.storyActionRequested.connect(
            lambda kind: self.story_editing.split() if kind == "split" else self.story_editing.merge())
        self.article.selectionRequested.connect(lambda s: self.selection.set(s, "article"))
        self.table.selectionRequested.connect(lambda s: self.selection.set(s, "table"))
        self.table.filterChanged.connect(self.timeline.set_filter)  # Find and filters act on the timeline
        self.table.filterModeChanged.connect(lambda mode: self.timeline.set_filter(self.timeline.filter()[0], mode))
        self.vague.selectionRequested.connect(lambda s: self.selection.set(s, "vague"))
        self.problems.cleared.connect(self._clear_problems)
        self.loader.resultReady.connect(self._add_result)
        self.loader.progress.connect(self._progress)
        self.loader.started.connect(self._load_started)
        self.loader.finished.connect(self._load_finished)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    # -- opening -------------------------------------------------------------------------
    def open_paths(self, paths: Iterable[str | Path], *, remember: bool = True) -> None:
        """Open files, folders (recursively) and projects; loading runs in the background."""
        given = [Path(p) for p in paths]
        datasets = [p for p in given if is_dataset(p)]
        for dataset in datasets:
            self.open_dataset(dataset)
        files, projects, problems = expand_paths([p for p in given if p not in datasets])
        if problems:
            self._add_problems(problems)
        for project in projects:
            self.open_project(project)
        if files:
            self.loader.load(files)
        if remember and (files or projects or datasets):
            self.settings.add_recent([p for p in given if p.exists()])

    def attach_projects(self, projects: ProjectHandler) -> None:
        """Hand ``.timeline`` files and the window title over to the projects feature."""
        self.projects = projects
        self._update_title()

    def open_project(self, path: Path) -> None:
        """Open a ``.timeline`` project file, through the projects feature when one is attached."""
        if self.projects is None:
            self._add_problems([f"{path}: opening projects is not available in this version"])
        else:
            self.projects.open_project(path)

    def attach_datasets(self, datasets: DatasetHandler) -> None:
        """Hand Parquet dataset folders over to the archive feature."""
        self.datasets = datasets

    def open_dataset(self, path: Path) -> None:
        """Open a Parquet dataset folder, through the archive feature when one is attached."""
        if self.datasets is None:
            self._add_problems([f"{path}: opening datasets is not available in this version"])
        else:
            self.datasets.open_dataset(path)

    def add_problems(self, problems: list[str]) -> None:
        """Show problems in the Problems pane (for the actions that attach to the window)."""
        self._add_problems(problems)

    def open_dialog(self) -> None:
        patterns = " ".join(f"*{e}" for e in sorted(SUPPORTED_EXTENSIONS | {PROJECT_EXTENSION}))
        files, _ = QFileDialog.getOpenFileNames(self, "Open articles", self.settings.last_dir(),
                                                f"Articles ({patterns});;All files (*)")
        if files:
            self.settings.set_last_dir(Path(files[0]).parent)
            self.open_paths(files)

    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of articles", self.settings.last_dir())
        if folder:
            self.settings.set_last_dir(folder)
            self.open_paths([folder])

    def _fill_recent(self) -> None:
        fill_menu(self.recent_menu, self.settings.recent, lambda p: self.open_paths([p]),
                  label=lambda _n, p: str(p), empty="No recent files")

    def close_all(self) -> None:
        self.loader.cancel()
        self.undo_stack.clear()
        self.session.clear()

    def set_session(self, session: Session) -> None:
        """Show another session (a project); undo history starts afresh."""
        self.loader.cancel()
        self.undo_stack.clear()
        self.session = session
        self.adapter.set_session(session)
        self.selection.set_session(session)
        for view in (self.timeline, self.article, self.details, self.table, self.vague):
            view.set_session(session)
        self._refresh_views()

    # -- loading -------------------------------------------------------------------------
    def _add_result(self, result: ArticleResult) -> None:
        key = self.session.add_result(result)
        if key is not None:
            self._loaded_in_job += 1

    def _progress(self, done: int, total: int, path: str) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} / {total}")
        self.progress_label.setText(Path(path).name if path else "")

    def _load_started(self) -> None:
        self._show_progress(True)
        # Merging stories waits for the end of the job: merging the articles loaded so far again
        # and again took a core from reading the files (the story lane keeps its last merge).
        self.timeline.pause_stories(True)

    def _load_finished(self, cancelled: bool) -> None:
        self._show_progress(False)
        self.adapter.delay_ms = 0
        # The first merge imports its libraries (a second or more): in a worker, not in the GUI
        # thread, and not while the files were read, which wanted the core.
        preload_story_merging()
        self.timeline.pause_stories(False)
        # The last refresh of the job, the table and tray included, one view per turn as well
        # (the pending ``settled`` would refresh them all at once, now that nothing loads).
        self.adapter.discard_pending()
        self.timeline.fresh_stories = True
        self.view_refresh.request(heavy=True)
        n, self._loaded_in_job = self._loaded_in_job, 0
        self.statusBar().showMessage(f"{'Cancelled: ' if cancelled else ''}loaded {n} article{'s' if n != 1 else ''}",
                                     5000)

    def _show_progress(self, on: bool) -> None:
        for w in (self.progress, self.cancel_button, self.progress_label):
            w.setVisible(on)
        if on:
            self.progress.setValue(0)

    def _add_problems(self, problems: list[str]) -> None:
        self.session.problems.extend(problems)
        self._problems_changed()

    def _problems_changed(self) -> None:
        self.problems.set_problems(self.session.problems)
        n = len(self.session.problems)
        self.problems_dock.setWindowTitle(f"Problems ({n})" if n else "Problems")
        if n:
            self.problems_dock.show()
            self.problems_dock.raise_()

    def _clear_problems(self) -> None:
        self.session.problems.clear()
        self._problems_changed()

    # -- keeping views in step -----------------------------------------------------------
    def _session_changed(self, change: Change) -> None:
        if change.kind == "cleared":
            self.selection.set(None, "session")

    def _build_refresh(self) -> ViewRefresh:
        """The views' refresh steps, in the order a full refresh runs them (see :mod:`.view_refresh`)."""
        refresh = ViewRefresh(self, done=self._refresh_took)
        refresh.add("timeline", lambda: self.timeline.refresh())
        refresh.add("article", lambda: self.article.refresh())
        # The table and the vague tray are the costly views at 100,000 events: while files are
        # loading they are refreshed at most every HEAVY_REFRESH_S seconds, and once at the end.
        refresh.add("table", self._refresh_table, heavy=True)
        refresh.add("vague", lambda: self.vague.refresh(), heavy=True)
        refresh.add("status", self._refresh_status)
        return refresh

    def _refresh_views(self) -> None:
        """Bring every view up to date with the session now."""
        self.timeline.fresh_stories = True
        self.view_refresh.request(heavy=True)
        self.view_refresh.flush()

    def _session_settled(self) -> None:
        """After a burst of changes: at once when idle; while files load, one view per turn."""
        if not self.loader.is_busy():
            self._refresh_views()
            return
        # Stories are not merged while files load (see _load_started).
        self.timeline.fresh_stories = False
        self.view_refresh.request(heavy=time.perf_counter() - self._last_heavy >= HEAVY_REFRESH_S)

    def _refresh_table(self) -> None:
        self.table.refresh()
        self._last_heavy = time.perf_counter()

    def _refresh_status(self) -> None:
        self.selection.revalidate()
        self.details.refresh()
        self._update_counts()
        self._update_actions()
        self._update_title()

    def _refresh_took(self, seconds: float) -> None:
        # While files keep arriving, redraw no more than about a sixth of the time: every
        # millisecond the window spends is one the reading process could have had on two cores.
        # Once they are in, a change (an edit, an undo) is drawn at once.
        self.adapter.delay_ms = min(2000, max(LOADING_REDRAW_MS, int(seconds * 5000))) if self.loader.is_busy() else 0

    def _stories_merged(self) -> None:
        """A worker merged the stories anew (the timeline drew them): the story panes follow."""
        self.selection.revalidate()
        self.details.refresh()

    def _selection_changed(self, sel: Selection | None, source: str) -> None:
        self.timeline.set_selection(sel)
        if sel is not None and source not in ("timeline", "session"):
            self.timeline.center_on()
        if sel is not None and sel.key == STORY_LANE:  # a story event: the article pane reads its first source
            story = self.story_editing.story()
            if story is not None:
                self.article.set_selection(source_selection(self.session, story.members[0]), scroll=True)
        else:
            self.article.set_selection(sel, scroll=source not in ("article", "session"))
        if source != "table":
            self.table.set_selection(sel)
        self.details.set_selection(sel)
        self._update_actions()

    def _update_counts(self) -> None:
        n_articles = len(self.session.entries)
        n_events = sum(len(e.analysis.events) for e in self.session.entries)
        n_vague = sum(1 for e in self.session.entries for t in e.analysis.timexes if not t.placeable)
        self.counts.setText(f"{n_articles:,} article{'s' if n_articles != 1 else ''} · {n_events:,} events"
                            f" · {n_vague:,} not on the timeline")

    def _update_actions(self) -> None:
        self.set_dct_action.setEnabled(self.corrections.current_key() is not None)
        self.set_mode_action.setEnabled(self.corrections.current_key() is not None)
        self.edit_value_action.setEnabled(self.corrections.can_edit_value())
        self.edit_label_action.setEnabled(self.corrections.can_delete())  # any selected event
        self.delete_action.setEnabled(self.corrections.can_delete())
        self.add_event_action.setEnabled(self.article.current_key is not None)
        self.split_story_action.setEnabled(self.story_editing.can_split())
        self.merge_story_action.setEnabled(self.story_editing.can_merge())

    def _clean_changed(self, _clean: bool) -> None:
        # The stack also reports while the window is being destroyed: nothing to show then.
        if shiboken6.isValid(self) and shiboken6.isValid(self.undo_stack):
            self._update_title()

    def _update_title(self) -> None:
        if self.projects is not None:  # the project's name and its own unsaved-changes mark
            self.projects.update_title()
            return
        n = len(self.session.entries)
        modified = "" if self.undo_stack.isClean() else " •"
        self.setWindowTitle(f"timeline-app {__version__} — {n} article{'s' if n != 1 else ''}{modified}")

    def table_focus_search(self) -> None:
        self.table_dock.show()
        self.table_dock.raise_()
        self.table.focus_search()

    # -- theme, help ---------------------------------------------------------------------
    def set_theme(self, name: str) -> None:
        apply_theme(name)
        self.settings.set_theme(name)
        for n, act in self.theme_actions.items():
            act.setChecked(n == name)

    def menu_shortcuts(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for menu in (self.file_menu, self.edit_menu, self.view_menu, self.help_menu):
            for action in menu.actions():
                keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
                if keys and action.text():
                    out.append((" / ".join(keys), action.text().replace("&", "")))
        return out

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.menu_shortcuts(), self).exec()

    # -- drag and drop -------------------------------------------------------------------
    def _install_drop_filter(self, root: QWidget) -> None:
        # Children that accept drops (the text view, the search field...) would take a dropped
        # file as text: route file drops to the window. The others pass drags up to it anyway.
        for child in root.findChildren(QWidget):
            if child.acceptDrops():
                child.installEventFilter(self)

    @staticmethod
    def _local_paths(mime: object) -> list[str]:
        urls: list[QUrl] = mime.urls() if mime is not None and mime.hasUrls() else []  # type: ignore[attr-defined]
        return [u.toLocalFile() for u in urls if u.isLocalFile()]

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and self._local_paths(event.mimeData()):
            event.acceptProposedAction()
            return True
        if event.type() == QEvent.Type.Drop and self._local_paths(event.mimeData()):
            self.dropEvent(event)  # type: ignore[arg-type]
            return True
        return super().eventFilter(obj, event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:
        if self._local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    # -- layout persistence --------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.bytes("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.bytes("window/state")
        if state is not None:
            self.restoreState(state)
        else:  # first run: the timeline gets most of the height, the article a readable part
            h = self.height()
            self.resizeDocks([self.table_dock], [int(max(110, min(200, h * 0.17)))], Qt.Orientation.Vertical)
            self.resizeDocks([self.details_dock, self.vague_dock], [int(h * 0.5), int(h * 0.3)],
                             Qt.Orientation.Vertical)
        splitter = self.settings.bytes("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:
            share = 0.64 if self.height() < 800 else 0.66
            self.splitter.setSizes([int(1000 * share), int(1000 * (1 - share))])
        theme = self.settings.theme()
        self.theme_actions[theme].setChecked(True)
        if theme != "system":
            apply_theme(theme)

    def save_layout(self) -> None:
        self.settings.set_bytes("window/geometry", self.saveGeometry())
        self.settings.set_bytes("window/state", self.saveState())
        self.settings.set_bytes("window/splitter", self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.loader.cancel()
        self.loader.wait(10000)
        self.save_layout()
        super().closeEvent(event)


def initial_size(window: QWidget) -> tuple[int, int]:
    """1400×900, or the screen's available area when it is smaller (a 1280×720 laptop)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return 1400, 900
    avail = screen.availableGeometry()
    return min(1400, avail.width()), min(900, avail.height())

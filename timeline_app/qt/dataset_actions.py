"""File › Open dataset… and dataset folders given to the window: the archive pane in a dock.

:class:`DatasetActions` attaches to :class:`~timeline_app.qt.main_window.MainWindow` as the
project and export actions do: it puts its action in the File menu before *Open recent*, is what
the window hands dataset folders to (:meth:`MainWindow.attach_datasets`: ``timeline-app
DATASET/``, a dropped dataset folder, Open recent), and shows the :class:`~timeline_app.qt.panes.dataset.DatasetPane` in a dock above
the timeline. Articles the pane pulls in are added to the session like opened files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QFileDialog

from ..core.model import ArticleResult

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .panes.dataset import DatasetPane


class DatasetActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.pane: DatasetPane | None = None
        self.dock: QDockWidget | None = None
        self.open_action = QAction("Open &dataset…", window)
        self.open_action.setStatusTip("Open a Parquet dataset written by extract --engine dask or --format parquet")
        self.open_action.triggered.connect(self.open_dialog)
        window.file_menu.insertAction(window.recent_menu.menuAction(), self.open_action)
        window.attach_datasets(self)

    def open_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Open a dataset folder", self.window.settings.last_dir())
        if folder:
            self.window.settings.set_last_dir(Path(folder).parent)
            self.window.open_paths([folder])

    def open_dataset(self, path: Path) -> None:
        """Show the dataset at ``path`` in the archive pane (a problem line when it cannot be read)."""
        try:
            from ..core.dataset.parquet import DatasetError
            from ..core.dataset.query import open_dataset
            from .panes.dataset import DatasetPane
        except ImportError as exc:
            missing = f"{path}: opening a dataset needs the scale extra ({exc.name} is missing)"
            self.window.add_problems([f"{missing}: pip install 'timeline-app[scale]'"])
            return
        try:
            view = open_dataset(path)
        except DatasetError as exc:
            self.window.add_problems([str(exc)])
            return
        if self.pane is None:
            self.pane = DatasetPane()
            self.pane.articlesPulled.connect(self.add_results)
            self.dock = QDockWidget("Archive", self.window)
            self.dock.setObjectName("datasetDock")
            self.dock.setWidget(self.pane)
            self.window.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, self.dock)
            self.window.resizeDocks([self.dock], [230], Qt.Orientation.Vertical)
            self.window.view_menu.addAction(self.dock.toggleViewAction())
        self.pane.set_theme(self.window.timeline.theme)
        self.pane.set_dataset(view)
        assert self.dock is not None
        self.dock.setWindowTitle(f"Archive — {Path(path).name}")
        self.dock.show()
        self.dock.raise_()

    def add_results(self, results: list[ArticleResult]) -> None:
        """Articles from a search join the lanes (one already shown is not added twice)."""
        shown = {e.article.source for e in self.window.session.entries}
        for result in results:
            if result.source not in shown:
                self.window.session.add_result(result)
        self.window.adapter.flush()
        self.window.timeline.fit_all()

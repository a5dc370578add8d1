"""File › Export image…: what to draw, how big, light or dark, title and legend, with a live preview.

The preview is the page itself (:class:`~timeline_app.qt.export.image.TimelinePage`) laid out at the
chosen size and drawn at one pixel per logical pixel, so it shows what will be written, only
smaller. Saving asks for a file name; the format follows its extension (PNG, SVG or PDF).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.session import Session
from ..timeline.view import TimelineView
from .image import (
    DEFAULT_PAGE,
    DEFAULT_WIDTH,
    FORMATS,
    PAGES,
    ImageOptions,
    TimelinePage,
    auto_title,
    base_dpi,
    format_of,
    page_pixels,
)

IMAGE_FILTERS = {"png": "PNG image (*.png)", "svg": "SVG drawing (*.svg)", "pdf": "PDF document (*.pdf)"}
PREVIEW_DELAY_MS = 200  # typing a width redraws once, not at every digit
PREVIEW_MAX_PX = 1600.0  # wider pages are previewed smaller: same layout, fewer pixels


class ExportImageDialog(QDialog):
    """Options of an image export and a preview of the page they give."""

    def __init__(self, session: Session, view: TimelineView | None = None, parent: QWidget | None = None, *,
                 options: ImageOptions | None = None, start_dir: str | Path = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Export image")
        self.session = session
        self.view = view
        self.start_dir = str(start_dir)
        self.written: Path | None = None
        self._base_dpi = base_dpi()
        o = options or ImageOptions(theme=view.theme.name if view is not None else "light")

        self.current = QRadioButton("Current view")
        self.whole = QRadioButton("Whole timeline")
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.current)
        self.scope.addButton(self.whole)
        self.current.setEnabled(view is not None)
        (self.current if view is not None and o.x_range is not None else self.whole).setChecked(True)

        page = o.page or (DEFAULT_PAGE if o.width is None and o.height is None else None)
        dpi0 = o.dpi or self._base_dpi
        pw, ph = page_pixels(page, dpi0) if page else (None, None)
        self.width = _spin(16, 30000, o.width or pw or round(DEFAULT_WIDTH * dpi0 / self._base_dpi))
        self.height = _spin(16, 30000, o.height or ph or 900)
        self.fit_height = QCheckBox("Fit to the lanes")
        self.fit_height.setToolTip("As tall as the lanes need for their labels")
        self.fit_height.setChecked(o.height is None and page is None)
        self.page = QComboBox()
        self.page.addItem("Custom size", None)
        for key, (label, _w, _h) in PAGES.items():
            self.page.addItem(label, key)
        self.page.setCurrentIndex(max(0, self.page.findData(page)) if page else 0)
        self.page.setToolTip("A paper or slide size at the resolution below")
        self.dpi = _spin(24, 2400, round(o.dpi or self._base_dpi))
        self.dpi.setSuffix(" dpi")
        self.dpi.setToolTip("Text keeps its size in inches: more dpi, more pixels for the same drawing")
        self.text_scale = _spin(50, 400, round(o.text_scale * 100))
        self.text_scale.setSuffix(" %")
        self.text_scale.setSingleStep(10)
        self.text_scale.setToolTip("Text, marks and lines bigger or smaller on the same page size: "
                                   "larger labels stay readable when the image is printed small")
        self.size_note = QLabel()
        self.size_note.setObjectName("sizeNote")
        self.theme = QComboBox()
        self.theme.addItem("Light", "light")
        self.theme.addItem("Dark", "dark")
        self.theme.setCurrentIndex(1 if o.theme == "dark" else 0)
        self.show_title = QCheckBox("Title")
        self.show_title.setChecked(o.title != "")
        self.title = QLineEdit(o.title or "")
        self.title.setPlaceholderText(auto_title(session))
        self.legend = QCheckBox("Legend of lanes and symbols")
        self.legend.setChecked(o.legend)

        scope_row = QHBoxLayout()
        scope_row.addWidget(self.current)
        scope_row.addWidget(self.whole)
        scope_row.addStretch(1)
        size_row = QHBoxLayout()
        size_row.addWidget(self.width)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.height)
        size_row.addWidget(QLabel("px"))
        size_row.addWidget(self.fit_height)
        size_row.addStretch(1)
        title_row = QHBoxLayout()
        title_row.addWidget(self.show_title)
        title_row.addWidget(self.title, 1)
        form = QFormLayout()
        form.addRow("Show", scope_row)
        form.addRow("Page", _row(self.page))
        form.addRow("Size", size_row)
        form.addRow("Resolution", _row(self.dpi))
        form.addRow("", self.size_note)
        form.addRow("Text size", _row(self.text_scale))
        form.addRow("Colours", _row(self.theme))
        form.addRow("", title_row)
        form.addRow("", self.legend)

        self.preview = QLabel()
        self.preview.setObjectName("exportPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(560, 300)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview_image: QImage | None = None

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Save…")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)
        for signal in (self.current.toggled, self.fit_height.toggled, self.show_title.toggled, self.legend.toggled):
            signal.connect(self._changed)
        for spin in (self.width, self.height, self.dpi, self.text_scale):
            spin.valueChanged.connect(self._changed)
        self.page.currentIndexChanged.connect(self._page_chosen)
        self.dpi.valueChanged.connect(self._page_chosen)  # the same paper at another resolution
        for spin in (self.width, self.height):
            spin.valueChanged.connect(self._size_edited)
        self.fit_height.toggled.connect(self._size_edited)
        self.theme.currentIndexChanged.connect(self._changed)
        self.title.textChanged.connect(self._changed)
        self._sync_enabled()
        self.resize(860, 680)
        self.update_preview()

    # -- options --------------------------------------------------------------------------------
    def options(self) -> ImageOptions:
        """The options as chosen: what File › Export image will write."""
        title: str | None = self.title.text().strip() or None
        if not self.show_title.isChecked():
            title = ""
        opts = ImageOptions(width=self.width.value(), height=None if self.fit_height.isChecked() else self.height.value(),
                            dpi=float(self.dpi.value()), text_scale=self.text_scale.value() / 100.0,
                            theme=str(self.theme.currentData()), title=title,
                            legend=self.legend.isChecked())
        if self.current.isChecked() and self.view is not None:
            opts = opts.with_view(self.view)
        elif self.view is not None:
            opts = opts.with_filter_of(self.view)  # the timeline's filter, dimmed or hidden alike
        return opts

    def _preview_options(self) -> ImageOptions:
        """The same page, drawn at one pixel per logical pixel (fewer for a page wider than
        PREVIEW_MAX_PX): the layout is the one that will be written, only quicker to draw."""
        o = self.options()
        logical_w = (o.width or DEFAULT_WIDTH) * self._base_dpi / (o.dpi or self._base_dpi)
        logical_h = o.height * self._base_dpi / (o.dpi or self._base_dpi) if o.height else None
        shrink = min(1.0, PREVIEW_MAX_PX / logical_w)
        return replace(o, dpi=self._base_dpi * shrink, width=max(16, round(logical_w * shrink)),
                       height=max(16, round(logical_h * shrink)) if logical_h else None)

    def _changed(self, *args: object) -> None:
        self._sync_enabled()
        self._timer.start()

    def _page_chosen(self, *_args: object) -> None:
        key = self.page.currentData()
        if not key:
            return
        w, h = page_pixels(key, self.dpi.value())
        self._setting_page = True
        try:
            self.width.setValue(w)
            self.height.setValue(h)
            self.fit_height.setChecked(False)
        finally:
            self._setting_page = False
        self._changed()

    def _size_edited(self, *_args: object) -> None:
        """A size typed by hand is a custom size, no longer the paper chosen."""
        if not getattr(self, "_setting_page", False) and self.page.currentData():
            self.page.blockSignals(True)
            self.page.setCurrentIndex(0)
            self.page.blockSignals(False)

    def _sync_enabled(self) -> None:
        self.height.setEnabled(not self.fit_height.isChecked())
        self.title.setEnabled(self.show_title.isChecked())

    # -- preview --------------------------------------------------------------------------------
    def update_preview(self) -> None:
        self._timer.stop()
        opts = self.options()
        with TimelinePage(self.session, self._preview_options()) as page:
            image = page.image()
            logical = page.layout
        self.preview_image = image
        dpi = opts.dpi or self._base_dpi
        width = opts.width or round(DEFAULT_WIDTH * dpi / self._base_dpi)
        height = opts.height or round(logical.height * dpi / self._base_dpi * opts.text_scale)
        inches = (width / dpi, height / dpi)
        self.size_note.setText(f"{width:,} × {height:,} px · {inches[0]:.1f} × {inches[1]:.1f} in "
                               f"({inches[0] * 2.54:.1f} × {inches[1] * 2.54:.1f} cm)")
        self._show_preview()

    def _show_preview(self) -> None:
        if self.preview_image is None:
            return
        area = self.preview.contentsRect().size()
        pixmap = QPixmap.fromImage(self.preview_image)
        if pixmap.width() > area.width() or pixmap.height() > area.height():
            pixmap = pixmap.scaled(area, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(pixmap)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._show_preview()

    # -- saving ---------------------------------------------------------------------------------
    def choose_path(self) -> Path | None:
        """Ask where to save (tests replace this). The extension decides the format."""
        filters = ";;".join(IMAGE_FILTERS.values())
        start = str(Path(self.start_dir) / "timeline.png") if self.start_dir else "timeline.png"
        name, chosen = QFileDialog.getSaveFileName(self, "Export image", start, filters)
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower().lstrip(".") not in FORMATS:
            fmt = next((f for f, flt in IMAGE_FILTERS.items() if flt == chosen), "png")
            path = path.with_name(path.name + f".{fmt}")
        return path

    def save(self) -> None:
        path = self.choose_path()
        if path is None:
            return
        try:
            self.write(path)
        except Exception as exc:  # noqa: BLE001 - every failure is said: a dialog and a Problems entry
            why = str(exc) if isinstance(exc, (OSError, ValueError)) else f"{type(exc).__name__}: {exc}"
            window = self.parent()
            if hasattr(window, "add_problems"):
                window.add_problems([f"export to {path} failed: {why}"])
            QMessageBox.warning(self, "Export image", f"Could not write the image:\n{why}")
            return
        self.accept()

    def write(self, path: str | Path) -> Path:
        """Write the page as chosen to ``path`` (.png, .svg or .pdf)."""
        path = Path(path)
        fmt = format_of(path)
        with TimelinePage(self.session, self.options()) as page:
            self.written = page.write(path, fmt)
        return self.written


def _row(widget: QWidget) -> QHBoxLayout:
    """A field at its natural width, not stretched across the dialog."""
    row = QHBoxLayout()
    row.addWidget(widget)
    row.addStretch(1)
    return row


def _spin(lo: int, hi: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(lo, hi)
    spin.setValue(int(value))
    spin.setAccelerated(True)
    spin.setKeyboardTracking(False)  # a value is taken when typing stops, not at every digit
    return spin

"""Render the app icon SVG to the PNG sizes desktops and installers ask for.

    QT_QPA_PLATFORM=offscreen python packaging/render_icons.py [--check]

Writes ``resources/icons/timeline-app-<N>.png`` for every size in :data:`SIZES` (the hicolor
theme sizes from 16 to 512 px) next to ``timeline-app.svg``, and ``timeline-app.png`` (256 px,
for toolkits that want one raster file). The PNGs are committed, so neither the wheel build nor
CI needs to run this; rerun it after editing the SVG. ``--check`` renders in memory and exits 1
when a committed PNG is missing or differs from what the SVG gives (a stale icon set).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# Rendering needs no display; set before Qt is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "timeline-app.svg"
DEFAULT_RASTER = 256  # timeline-app.png: the size used where only one raster is wanted


def png_name(size: int) -> str:
    return f"timeline-app-{size}.png"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The SVG drawn into a transparent, antialiased ``size``×``size`` ARGB image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG (is the PNG image plugin missing?)")
    return bytes(data.data())


def same_pixels(committed: QImage, rendered: QImage, tolerance: int = 3) -> bool:
    """Whether two images match to within ``tolerance`` per channel.

    Pixels, not file bytes (zlib settings differ between Qt builds), with a little slack: Qt's
    raster engine may blend a shade differently on another CPU's SIMD path.
    """
    if committed.isNull() or committed.size() != rendered.size():
        return False
    a, b = (np.frombuffer(_argb_bytes(im), dtype=np.uint8).astype(np.int16) for im in (committed, rendered))
    return bool(np.abs(a - b).max(initial=0) <= tolerance)


def _argb_bytes(image: QImage) -> bytes:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    row = image.width() * 4  # scan lines may be padded: keep only the pixels
    data = bytes(image.constBits())
    return b"".join(data[y * image.bytesPerLine(): y * image.bytesPerLine() + row] for y in range(image.height()))


def targets() -> dict[Path, int]:
    out = {ICONS / png_name(size): size for size in SIZES}
    out[ICONS / "timeline-app.png"] = DEFAULT_RASTER
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the committed PNGs instead of writing them")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # QPainter on QImage needs it
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"{SVG}: not a valid SVG for Qt", file=sys.stderr)
        return 1
    stale = []
    for path, size in targets().items():
        image = render(renderer, size)
        if args.check:
            if not same_pixels(QImage(str(path)), image):
                stale.append(path.name)
            continue
        path.write_bytes(png_bytes(image))
        print(f"{path.relative_to(ICONS.parent.parent)}  {size}×{size}")
    if stale:
        print("stale or missing icons (run packaging/render_icons.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Colours for light and dark rendering.

Lane colours are mid-tone hues (Tableau 10, slightly adjusted) that keep enough contrast on a
white and on a near-black background, so the same lane keeps its colour when the system theme
changes. Everything else comes from the application palette when following the system, or
from a fixed light/dark set for rendering without a window (export).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from ..core.model import TimexType

LANE_COLORS: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1",
    "#76b7b2", "#c9a227", "#ff7f9f", "#9c755f", "#8c8c8c",
)


def lane_color(index: int, override: str | None = None) -> QColor:
    """The colour of lane ``index``; a colour chosen by the user (Entry.color) wins."""
    if override:
        color = QColor(override)
        if color.isValid():
            return color
    return QColor(LANE_COLORS[index % len(LANE_COLORS)])


def lane_colors(overrides: list[str | None]) -> list[QColor]:
    """The colours of lanes 0, 1, … (``overrides`` the user's colour of each, or None); a
    lane shares its QColor with the other lanes of its colour (a thousand lanes have a handful
    of colours, and refreshing made a thousand QColors per item). Read them, do not change them."""
    made: dict[tuple[int, str | None], QColor] = {}
    out: list[QColor] = []
    for i, override in enumerate(overrides):
        key = (-1 if override else i % len(LANE_COLORS), override)
        color = made.get(key)
        if color is None:
            color = made[key] = lane_color(i, override)
        out.append(color)
    return out


@dataclass(frozen=True)
class Theme:
    name: str  # "light" | "dark"
    background: QColor
    foreground: QColor
    muted: QColor  # secondary text: counts, hints
    grid: QColor
    stripe: QColor  # every other lane
    selection: QColor
    label_halo: QColor  # behind label text so it stays readable over bars
    # Article highlights by expression type, plus unresolved expressions and the dateline.
    highlight: dict[str, QColor]

    @property
    def dark(self) -> bool:
        return self.name == "dark"


def _highlights(dark: bool) -> dict[str, QColor]:
    if dark:
        return {TimexType.DATE: QColor("#1f4e79"), TimexType.TIME: QColor("#1d5c57"),
                TimexType.DURATION: QColor("#6b4a12"), TimexType.SET: QColor("#553a6b"),
                "unresolved": QColor("#6e2a2a"), "dateline": QColor("#5c5c1f"),
                "sentence": QColor("#3a3a46")}
    return {TimexType.DATE: QColor("#cfe3f7"), TimexType.TIME: QColor("#c9efe9"),
            TimexType.DURATION: QColor("#fbe0b8"), TimexType.SET: QColor("#e6d5f2"),
            "unresolved": QColor("#f6c6c6"), "dateline": QColor("#f3ee9c"),
            "sentence": QColor("#ececf4")}


LIGHT = Theme(
    name="light", background=QColor("#ffffff"), foreground=QColor("#1d1d1f"),
    muted=QColor("#6b6b70"), grid=QColor(0, 0, 0, 28), stripe=QColor(0, 0, 0, 10),
    selection=QColor("#0a84ff"), label_halo=QColor(255, 255, 255, 200), highlight=_highlights(False),
)
DARK = Theme(
    name="dark", background=QColor("#1e1f22"), foreground=QColor("#e6e6e6"),
    muted=QColor("#a0a0a8"), grid=QColor(255, 255, 255, 34), stripe=QColor(255, 255, 255, 12),
    selection=QColor("#4da3ff"), label_halo=QColor(30, 31, 34, 200), highlight=_highlights(True),
)


def palette_is_dark(palette: QPalette | None = None) -> bool:
    if palette is None:
        palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def theme_named(name: str) -> Theme:
    """``light``, ``dark`` or ``system`` (the application palette decides)."""
    if name == "dark":
        return DARK
    if name == "light":
        return LIGHT
    return system_theme()


def system_theme() -> Theme:
    """The light or dark set matching the application palette, with its own base colours."""
    palette = QGuiApplication.palette()
    base = DARK if palette_is_dark(palette) else LIGHT
    return Theme(
        name=base.name, background=palette.color(QPalette.ColorRole.Base),
        foreground=palette.color(QPalette.ColorRole.Text),
        muted=palette.color(QPalette.ColorRole.PlaceholderText), grid=base.grid, stripe=base.stripe,
        selection=palette.color(QPalette.ColorRole.Highlight), label_halo=_halo(palette.color(QPalette.ColorRole.Base)),
        highlight=base.highlight,
    )


def _halo(base: QColor) -> QColor:
    halo = QColor(base)
    halo.setAlpha(200)
    return halo


def dark_palette() -> QPalette:
    """A dark Fusion palette, for View › Theme › Dark on desktops without one."""
    p = QPalette()
    roles = QPalette.ColorRole
    window, base, text = QColor("#2b2d30"), QColor("#1e1f22"), QColor("#e6e6e6")
    for role, color in (
        (roles.Window, window), (roles.WindowText, text), (roles.Base, base),
        (roles.AlternateBase, QColor("#26282b")), (roles.ToolTipBase, QColor("#3c3f41")),
        (roles.ToolTipText, text), (roles.Text, text), (roles.Button, window),
        (roles.ButtonText, text), (roles.BrightText, QColor("#ff6b6b")),
        (roles.Highlight, QColor("#2f65ca")), (roles.HighlightedText, QColor("#ffffff")),
        (roles.Link, QColor("#6cb4ff")), (roles.PlaceholderText, QColor("#8c8c93")),
        (roles.Mid, QColor("#3a3c40")), (roles.Dark, QColor("#151618")), (roles.Light, QColor("#4a4c50")),
    ):
        p.setColor(role, color)
    p.setColor(QPalette.ColorGroup.Disabled, roles.Text, QColor("#7a7a7a"))
    p.setColor(QPalette.ColorGroup.Disabled, roles.WindowText, QColor("#7a7a7a"))
    p.setColor(QPalette.ColorGroup.Disabled, roles.ButtonText, QColor("#7a7a7a"))
    return p

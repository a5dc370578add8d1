"""Recent files and recent projects: one list kept in the settings, one way to show it as a menu.

The File menu's "Open recent" (articles and folders) and "Recent Projects" are both a
:class:`RecentList` under their own settings key, filled by :func:`fill_menu`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

MAX_RECENT = 10


class RecentList:
    """Paths most recent first, at most ``limit``, stored under ``key`` in ``settings``."""

    def __init__(self, settings: QSettings, key: str, limit: int = MAX_RECENT) -> None:
        self.settings, self.key, self.limit = settings, key, limit

    def items(self) -> list[Path]:
        value = self.settings.value(self.key, [])
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            value = [value]
        return [Path(str(v)) for v in value or [] if v]

    def remember(self, paths: Iterable[str | Path]) -> list[Path]:
        """Put ``paths`` first (the last given ends up on top), without duplicates."""
        items = self.items()
        for p in paths:
            path = Path(p)
            items = [q for q in items if q != path]
            items.insert(0, path)
        items = items[:self.limit]
        self._store(items)
        return items

    def forget(self, path: Path) -> None:
        self._store([p for p in self.items() if p != path])

    def clear(self) -> None:
        self._store([])

    def _store(self, items: list[Path]) -> None:
        self.settings.setValue(self.key, [str(p) for p in items])


def fill_menu(menu: QMenu, recent: RecentList, open_path: Callable[[Path], object], *,
              label: Callable[[int, Path], str], empty: str | None = None,
              after_clear: Callable[[], object] | None = None) -> None:
    """Refill ``menu`` with ``recent``'s items; a missing file is shown greyed out.

    With ``empty`` an empty list shows that text disabled; without it the menu itself is
    disabled (a disabled menu never opens, so the caller refills it whenever the list changes).
    """
    menu.clear()
    items = recent.items()
    for n, path in enumerate(items, start=1):
        action = menu.addAction(label(n, path))
        action.setToolTip(str(path))
        action.setStatusTip(str(path))
        action.setEnabled(path.exists())
        action.triggered.connect(lambda _checked=False, p=path: open_path(p))
    if items:
        menu.addSeparator()

        def clear() -> None:
            recent.clear()
            if after_clear is not None:
                after_clear()

        menu.addAction("Clear List", clear)
    elif empty is not None:
        menu.addAction(empty).setEnabled(False)
    if empty is None:
        menu.setEnabled(bool(items))

"""What the app remembers between runs (QSettings): window layout, recent files, theme.

Tests pass their own ``QSettings`` (an INI file in a temporary folder) so they never touch
the user's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from .recent import MAX_RECENT, RecentList

ORGANIZATION = "timeline-app"
APPLICATION = "timeline-app"


class AppSettings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings if qsettings is not None else QSettings(ORGANIZATION, APPLICATION)

    # -- recent files ------------------------------------------------------------------
    @property
    def recent(self) -> RecentList:
        """Articles and folders opened, most recent first (File › Open recent)."""
        return RecentList(self.q, "recent/files", MAX_RECENT)

    def recent_files(self) -> list[str]:
        return [str(p) for p in self.recent.items()]

    def add_recent(self, paths: list[str | Path]) -> list[str]:
        return [str(p) for p in self.recent.remember(Path(p).resolve() for p in paths)]

    def clear_recent(self) -> None:
        self.recent.clear()

    # -- layout ------------------------------------------------------------------------
    def bytes(self, key: str) -> QByteArray | None:
        value = self.q.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self.q.setValue(key, value)

    # -- preferences -------------------------------------------------------------------
    def theme(self) -> str:
        value = str(self.q.value("view/theme", "system"))
        return value if value in ("system", "light", "dark") else "system"

    def set_theme(self, name: str) -> None:
        self.q.setValue("view/theme", name)

    def last_dir(self) -> str:
        return str(self.q.value("files/last_dir", str(Path.home())))

    def set_last_dir(self, path: str | Path) -> None:
        self.q.setValue("files/last_dir", str(path))

    def sync(self) -> None:
        self.q.sync()

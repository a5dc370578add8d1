"""Lanes of the timeline: which articles share a row, in what order, under what name and colour.

One lane per article by default, or one per *source* (the news agency or site: "Reuters",
"Jordan Times"), as the user chooses. The user's lane choices live in the session's view state
under :data:`VIEW_KEY` (saved with the project) — names, hidden lanes, source-lane colours and
the grouping — except what the project already stores per article (order, colour).

Views (and the story lane of issue 22) read :func:`lanes` and never recompute the grouping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import urlparse

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .model import Article
    from .session import Entry, Session
    from .stories import Story

VIEW_KEY = "lanes"
GROUPINGS = ("article", "source", "story")
#: The key of the story lane: the story events of several sources, drawn above the other lanes.
STORY_LANE = "stories:"
SORT_KEYS = ("dct", "title", "count")

_AGENCY = re.compile(r"\((Reuters|AP|AFP|UPI|dpa|Xinhua|ANSA|EFE|Bloomberg|TASS|Kyodo|Yonhap)\)"
                     r"|\bBy (Reuters|AP|AFP|Bloomberg)\b|\b(Reuters|Associated Press|Agence France-Presse)\b")
_SITE_IN_TITLE = re.compile(r"\s[|–—-]\s([^|–—-]{2,40})$")


@dataclass(frozen=True, slots=True)
class LaneSpec:
    """One row of the timeline: its id, the articles on it and how it is shown."""

    key: str  # the entry key for an article lane, "source:NAME" for a source lane
    title: str
    members: tuple[str, ...]  # entry keys, in session order
    color: str | None = None
    renamed: bool = False
    # A lane of chosen events rather than whole articles (grouping by story): (entry key, event id).
    events: tuple[tuple[str, str], ...] | None = None
    note: str = ""  # shown under the title: the article's mode, "news" or "narrative" (story time)


@dataclass(slots=True)
class LaneSettings:
    """The user's lane choices, as kept in ``Session.view_state[VIEW_KEY]``."""

    grouping: str = "article"
    names: dict[str, str] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)
    colors: dict[str, str] = field(default_factory=dict)  # source lanes (article lanes: Entry.color)

    @classmethod
    def of(cls, session: Session) -> LaneSettings:
        raw = session.view_state.get(VIEW_KEY)
        if not isinstance(raw, dict):
            return cls()
        grouping = raw.get("grouping") if raw.get("grouping") in GROUPINGS else "article"
        names = {str(k): str(v) for k, v in (raw.get("names") or {}).items() if v}
        hidden = {str(k) for k in (raw.get("hidden") or [])}
        colors = {str(k): str(v) for k, v in (raw.get("colors") or {}).items() if v}
        return cls(grouping, names, hidden, colors)

    def to_json(self) -> dict[str, object]:
        return {"grouping": self.grouping, "names": dict(self.names), "hidden": sorted(self.hidden),
                "colors": dict(self.colors)}


def source_of(article: Article) -> str:
    """The agency or site an article comes from: "(Reuters)" in its dateline, the site in its
    page title ("… | Jordan Times"), the host of a URL, else the folder it was read from."""
    head = article.text[:600]
    m = _AGENCY.search(head)
    if m:
        name = next(g for g in m.groups() if g)
        return {"Associated Press": "AP", "Agence France-Presse": "AFP"}.get(name, name)
    m = _SITE_IN_TITLE.search(article.title or "")
    if m:
        return m.group(1).strip()
    if "://" in article.source:
        host = urlparse(article.source).hostname or ""
        return host.removeprefix("www.") or article.source
    parent = PurePath(article.source).parent.name
    return parent or "unknown source"


def story_lanes(session: Session, stories: Sequence[Story] | None = None) -> list[LaneSpec]:
    """Grouping by story: a lane per story event of several sources with its reports, then one
    lane with every other event."""
    found = [s for s in (session.stories() if stories is None else stories) if s.sources > 1]
    settings = LaneSettings.of(session)
    out: list[LaneSpec] = []
    shared: set[tuple[str, str]] = set()
    for s in found:
        refs = tuple((m.article, m.event) for m in s.members)
        shared.update(refs)
        key = f"story:{s.id}"
        title = settings.names.get(key, f"{s.label} ({s.sources})")
        out.append(LaneSpec(key, title, tuple(dict.fromkeys(m.article for m in s.members)),
                            settings.colors.get(key), key in settings.names, refs))
    rest = tuple((e.key, ev.id) for e in session.entries for ev in e.analysis.events if (e.key, ev.id) not in shared)
    out.append(LaneSpec("story:", settings.names.get("story:", "Not shared"), tuple(session.keys()),
                        settings.colors.get("story:"), "story:" in settings.names, rest))
    return out


def lanes(session: Session, stories: Sequence[Story] | None = None) -> list[LaneSpec]:
    """Every lane, hidden ones included, in display order. ``stories`` are the session's (the
    view may pass the ones it has, to spare a merge while files are still loading)."""
    settings = LaneSettings.of(session)
    if settings.grouping == "story":
        return story_lanes(session, stories)
    if settings.grouping == "source":
        groups: dict[str, list[Entry]] = {}
        for entry in session.entries:
            groups.setdefault(source_of(entry.article), []).append(entry)
        out = []
        for name, members in groups.items():
            key = f"source:{name}"
            title = settings.names.get(key, name)
            out.append(LaneSpec(key, title, tuple(e.key for e in members),
                                settings.colors.get(key, members[0].color), key in settings.names))
        return out
    return [LaneSpec(e.key, settings.names.get(e.key, e.article.title or e.key), (e.key,), e.color,
                     e.key in settings.names, note=_mode_note(e))
            for e in session.entries]


def _mode_note(entry: Entry) -> str:
    """How the article's time is read: "news" (the DCT is its present) or "narrative"."""
    mode = entry.analysis.mode
    return str(mode.value) if mode is not None else ""


def visible_lanes(session: Session, stories: Sequence[Story] | None = None) -> list[LaneSpec]:
    hidden = LaneSettings.of(session).hidden
    return [lane for lane in lanes(session, stories) if lane.key not in hidden]


def sort_key(session: Session, by: str) -> dict[str, object]:
    """Per entry key, what "sort lanes by ``by``" orders on: DCT, title or event count."""
    out: dict[str, object] = {}
    for e in session.entries:
        if by == "dct":
            out[e.key] = (e.article.dct is None, e.article.dct.value if e.article.dct else "")
        elif by == "title":
            out[e.key] = LaneSettings.of(session).names.get(e.key, e.article.title or e.key).casefold()
        elif by == "count":
            out[e.key] = -len(e.analysis.events)
        else:
            raise ValueError(f"cannot sort lanes by {by!r} (one of {', '.join(SORT_KEYS)})")
    return out

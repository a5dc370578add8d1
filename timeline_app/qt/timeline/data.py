"""The session's events as flat numpy arrays, ready for batched drawing.

No dates are computed here: each event's interval comes from the session; it is only turned
into seconds since 1970-01-01 of the naive calendar datetime read as UTC (never local time),
the unit of ``pyqtgraph.DateAxisItem(utcOffset=0)``.

Per-article arrays are cached by the identity of the entry's analysis, which the session
replaces whenever it re-derives an article, so loading the 1,000th article does not redo the
999 before it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from ...core.lanes import STORY_LANE, LaneSettings, LaneSpec, visible_lanes
from ...core.model import Analysis, Article, Event, TimeExpression
from ...core.session import Entry, Session
from ...core.stories import Story
from ...core.values import parse_value

_EPOCH = datetime(1970, 1, 1)
DAY = 86400.0
#: Values whose interval is at most this long are drawn as points, longer ones as bars.
POINT_MAX_SECONDS = DAY + 6 * 3600.0  # a day, or a night running into the next morning
FUZZY_MODS = frozenset({"APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN"})
MAX_BAR_TRACKS = 4
#: Where a lane's marks sit, as a share of a full lane's height from its top; what is below
#: them (bar tracks) keeps that size in every lane, what is above holds the label rows.
MARKER_FRAC = 0.72
FULL_ROWS = 3  # label rows a full-height lane (height 1.0) holds at the fitted size


def lane_height(events: int) -> float:
    """A lane's height in full-lane units: room for a label row per event, up to :data:`FULL_ROWS`
    (a lane with one event is ~60 % of a busy one: lanes adapt to what they hold)."""
    rows = max(1, min(FULL_ROWS, events))
    line_h, marks = 17.0, 12.5  # the default label row and the room around a mark, in pixels
    return (rows * line_h + marks) / (FULL_ROWS * line_h + marks) * MARKER_FRAC + (1 - MARKER_FRAC)
STORY_COLOR = "#5b5b5b"  # the story lane is neither article's colour
_NO_ARTICLE = Article(source="", title="Stories", text="")


def epoch_seconds(dt: datetime) -> float:
    """Seconds since 1970-01-01 of a naive calendar datetime, read as UTC."""
    return (dt - _EPOCH).total_seconds()


def from_epoch_seconds(seconds: float) -> datetime:
    from datetime import timedelta

    return _EPOCH + timedelta(seconds=float(seconds))


@dataclass(slots=True)
class Lane:
    key: str  # an entry key, or "source:NAME" for a lane of several articles
    title: str
    color: str | None  # the user's colour for the lane
    dct: float  # DCT moment in epoch seconds, NaN when the article has none (latest of a source lane)
    dct_value: str | None
    members: tuple[str, ...] = ()  # the entry keys drawn on this lane
    note: str = ""  # the article's document mode ("news", "narrative"), shown beside its DCT


@dataclass(slots=True)
class _EntryArrays:
    """One article's events, sorted by start, with their drawing attributes."""

    analysis: Analysis
    article: Article
    x0: np.ndarray
    x1: np.ndarray
    xc: np.ndarray
    kind: np.ndarray
    fuzzy: np.ndarray
    track: np.ndarray
    ids: list[str]
    labels: list[str]
    expressions: list[str]
    corrected: np.ndarray = field(default_factory=lambda: np.empty(0, bool))
    keys: list[str] = field(default_factory=list)  # the entry of each event (source lanes mix them)


@dataclass
class TimelineData:
    """Every placeable event of a session, sorted by lane then start.

    ``kind`` is 0 for a point (drawn at ``xc``), 1 for a bar over [x0, x1); ``track`` stacks
    overlapping bars of a lane; ``refs[i]`` is ``(entry key, event id)``.
    """

    lanes: list[Lane] = field(default_factory=list)
    x0: np.ndarray = field(default_factory=lambda: np.empty(0))
    x1: np.ndarray = field(default_factory=lambda: np.empty(0))
    xc: np.ndarray = field(default_factory=lambda: np.empty(0))
    lane: np.ndarray = field(default_factory=lambda: np.empty(0, np.int32))
    kind: np.ndarray = field(default_factory=lambda: np.empty(0, np.int8))
    fuzzy: np.ndarray = field(default_factory=lambda: np.empty(0, bool))
    track: np.ndarray = field(default_factory=lambda: np.empty(0, np.int8))
    refs: list[tuple[str, str]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    expressions: list[str] = field(default_factory=list)
    lane_start: np.ndarray = field(default_factory=lambda: np.zeros(1, np.int64))  # index of lane i's first event
    corrected: np.ndarray = field(default_factory=lambda: np.empty(0, bool))  # the user changed it
    # Lane i spans view y [lane_top[i], lane_top[i + 1]): lanes have heights of their own.
    lane_top: np.ndarray = field(default_factory=lambda: np.zeros(1))

    @property
    def y_total(self) -> float:
        return float(self.lane_top[-1])

    def lane_h(self, lane: int) -> float:
        return float(self.lane_top[lane + 1] - self.lane_top[lane])

    def marker_y(self, lanes: np.ndarray | int) -> np.ndarray | float:
        """View y of the marks of ``lanes``: a fixed distance above each lane's bottom."""
        return self.lane_top[np.asarray(lanes) + 1] - (1 - MARKER_FRAC)

    def lane_at(self, y: float) -> int | None:
        """The lane at view y, or None outside every lane."""
        i = int(np.searchsorted(self.lane_top, y, side="right")) - 1
        return i if 0 <= i < len(self.lanes) else None

    def lanes_in(self, y0: float, y1: float) -> range:
        """Lanes that overlap view y [y0, y1]."""
        n = len(self.lanes)
        lo = max(0, int(np.searchsorted(self.lane_top, y0, side="right")) - 1)
        hi = min(n, int(np.searchsorted(self.lane_top, y1, side="left")))
        return range(lo, max(lo, hi))
    index: dict[tuple[str, str], int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.refs)

    @property
    def bounds(self) -> tuple[float, float] | None:
        """Earliest start and latest end over events and DCTs, or None when empty."""
        lows = [float(self.x0.min())] if len(self) else []
        highs = [float(self.x1.max())] if len(self) else []
        dcts = [ln.dct for ln in self.lanes if not np.isnan(ln.dct)]
        if not lows and not dcts:
            return None
        return min(lows + dcts), max(highs + [d + DAY for d in dcts])

    def lane_slice(self, lane: int) -> slice:
        return slice(int(self.lane_start[lane]), int(self.lane_start[lane + 1]))

    def time_order(self) -> np.ndarray:
        """Indices sorted by time (then lane), for moving between events with the arrow keys."""
        return np.lexsort((self.lane, self.xc))


class TimelineDataBuilder:
    """Turns a session into :class:`TimelineData`, reusing arrays of unchanged articles."""

    def __init__(self) -> None:
        self._cache: dict[str, _EntryArrays] = {}
        self._stories: list[Story] = []
        self.show_stories = False  # the story lane on top, when articles share events (the app turns it on)
        # Where the stories come from: the session merging at once, or (the view) the stories
        # a worker thread merged last (story_merging.StoryMerging.stories).
        self.stories_of: Callable[[Session], list[Story]] = Session.stories

    def build(self, session: Session, keep: set[tuple[str, str]] | None = None,
              fresh_stories: bool = True) -> TimelineData:
        """Lanes as :func:`core.lanes.visible_lanes` gives them; only events in ``keep`` if given.

        With several articles the story lane comes first. ``fresh_stories=False`` reuses the
        stories of the last build (while files are loading, so each batch does not re-merge).
        """
        lanes: list[Lane] = []
        parts: list[_EntryArrays] = []
        live = set(session.keys())
        by_key = {e.key: e for e in session.entries}
        wanted = self.show_stories or LaneSettings.of(session).grouping == "story"
        if len(session.entries) < 2 or not wanted:
            self._stories = []
        elif fresh_stories or not self._stories:
            self._stories = self.stories_of(session)
        shared = [s for s in self._stories if s.sources > 1]
        if self.show_stories and shared and STORY_LANE not in LaneSettings.of(session).hidden:
            parts.append(_story_arrays(shared))
            lanes.append(Lane(STORY_LANE, "Stories", STORY_COLOR, np.nan, None, ()))
        for spec in visible_lanes(session, self._stories if len(session.entries) > 1 else []):
            entries = [by_key[k] for k in spec.members if k in by_key]
            if not entries:
                continue
            members = [self._arrays(e) for e in entries]
            arrays = members[0] if len(members) == 1 else _merged(members)
            if spec.events is not None:
                arrays = _kept(arrays, set(spec.events))
            if keep is not None:
                arrays = _kept(arrays, keep)
            parts.append(arrays)
            lanes.append(_lane(spec, entries))
        for key in set(self._cache) - live:
            del self._cache[key]
        return _assemble(lanes, parts)

    def _arrays(self, entry: Entry) -> _EntryArrays:
        cached = self._cache.get(entry.key)
        if cached is not None and cached.analysis is entry.analysis and cached.article is entry.article:
            return cached
        arrays = _entry_arrays(entry)
        self._cache[entry.key] = arrays
        return arrays


def _story_arrays(stories: list[Story]) -> _EntryArrays:
    """The story lane: one mark per story event of several sources, labelled with the count of
    sources and marked ⚠ (and drawn dashed) where the sources disagree on the date."""
    stories = sorted(stories, key=lambda s: (s.interval.start, s.interval.end))
    x0 = np.array([epoch_seconds(s.interval.start) for s in stories], float)
    x1 = np.array([epoch_seconds(s.interval.end) for s in stories], float)
    kind = ((x1 - x0) > POINT_MAX_SECONDS).astype(np.int8)
    return _EntryArrays(
        analysis=Analysis(), article=_NO_ARTICLE, x0=x0, x1=x1, xc=np.where(kind == 0, (x0 + x1) / 2, x0),
        kind=kind, fuzzy=np.array([s.disagreement for s in stories], bool),
        track=_tracks(x0.tolist(), x1.tolist(), kind.tolist()), ids=[s.id for s in stories],
        labels=[story_label(s) for s in stories], expressions=[s.reason for s in stories],
        corrected=np.array([s.user for s in stories], bool), keys=[STORY_LANE] * len(stories))


def story_label(story: Story) -> str:
    """"⚠ 12 sources · Quake hits Amatrice": the disagreement, the count (first, so a cut label
    keeps it), the label."""
    mark = "⚠ " if story.disagreement else ""
    return f"{mark}{story.sources} sources · {' '.join(story.label.split())}"


def _lane(spec: LaneSpec, entries: list[Entry]) -> Lane:
    best: tuple[float, str | None] = (np.nan, None)
    for entry in entries:  # a source lane marks its latest DCT
        dct = entry.article.dct
        parsed = parse_value(dct.value) if dct is not None else None
        if dct is not None and parsed is not None:
            x = epoch_seconds(parsed[0].start)
            if np.isnan(best[0]) or x > best[0]:
                best = (x, dct.value)
    return Lane(spec.key, spec.title, spec.color, best[0], best[1], spec.members, spec.note)


def _merged(parts: list[_EntryArrays]) -> _EntryArrays:
    """Several articles' events on one lane, sorted by start, bars re-stacked."""
    x0 = np.concatenate([p.x0 for p in parts])
    x1 = np.concatenate([p.x1 for p in parts])
    order = np.lexsort((x1, x0))
    return _select(parts, x0, x1, order)


def _select(parts: list[_EntryArrays], x0: np.ndarray, x1: np.ndarray, order: np.ndarray) -> _EntryArrays:
    cat = {name: np.concatenate([getattr(p, name) for p in parts]) for name in ("xc", "kind", "fuzzy", "corrected")}
    lists = {name: [v for p in parts for v in getattr(p, name)] for name in ("ids", "labels", "expressions", "keys")}
    x0, x1, kind = x0[order], x1[order], cat["kind"][order]
    return _EntryArrays(
        analysis=parts[0].analysis, article=parts[0].article, x0=x0, x1=x1, xc=cat["xc"][order], kind=kind,
        fuzzy=cat["fuzzy"][order], track=_tracks(x0.tolist(), x1.tolist(), kind.tolist()),
        ids=[lists["ids"][i] for i in order], labels=[lists["labels"][i] for i in order],
        expressions=[lists["expressions"][i] for i in order], corrected=cat["corrected"][order],
        keys=[lists["keys"][i] for i in order])


def _kept(arrays: _EntryArrays, keep: set[tuple[str, str]]) -> _EntryArrays:
    """Only the events that pass the filter (the "hide" filter mode)."""
    order = np.array([i for i, ref in enumerate(zip(arrays.keys, arrays.ids)) if ref in keep], np.int64)
    return _select([arrays], arrays.x0, arrays.x1, order)


def _entry_arrays(entry: Entry) -> _EntryArrays:
    by_id = entry.timex_by_id
    rows: list[tuple[float, float, bool, str, str, str, bool]] = []
    for event in entry.analysis.events:
        if event.interval is None:
            continue
        timex = by_id.get(event.timex) if event.timex else None
        rows.append((epoch_seconds(event.interval.start), epoch_seconds(event.interval.end),
                     bool(timex is not None and timex.mod in FUZZY_MODS), event.id,
                     event_label(event, timex),
                     timex.text if timex is not None else entry.article.text[event.start:event.end][:40],
                     event.corrected or event.user_added or bool(timex is not None and timex.corrected)))
    rows.sort(key=lambda r: (r[0], r[1]))
    x0 = np.array([r[0] for r in rows], float)
    x1 = np.array([r[1] for r in rows], float)
    kind = ((x1 - x0) > POINT_MAX_SECONDS).astype(np.int8)
    return _EntryArrays(
        analysis=entry.analysis, article=entry.article, x0=x0, x1=x1,
        xc=np.where(kind == 0, (x0 + x1) / 2, x0), kind=kind,
        fuzzy=np.array([r[2] for r in rows], bool), track=_tracks(x0.tolist(), x1.tolist(), kind.tolist()),
        ids=[r[3] for r in rows], labels=[r[4] for r in rows], expressions=[r[5] for r in rows],
        corrected=np.array([r[6] for r in rows], bool), keys=[entry.key] * len(rows))


def event_label(event: Event, timex: TimeExpression | None) -> str:
    """The text drawn beside an event: its label, on one line."""
    label = " ".join(event.label.split())
    return label or (timex.text if timex else event.id)


def _cat(arrays: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(arrays).astype(dtype, copy=False) if arrays else np.empty(0, dtype)


def _assemble(lanes: list[Lane], parts: list[_EntryArrays]) -> TimelineData:
    counts = np.array([len(p.ids) for p in parts], np.int64)
    lane_start = np.zeros(len(parts) + 1, np.int64)
    np.cumsum(counts, out=lane_start[1:])
    refs: list[tuple[str, str]] = []
    labels: list[str] = []
    expressions: list[str] = []
    for p in parts:
        refs.extend(zip(p.keys, p.ids))
        labels.extend(p.labels)
        expressions.extend(p.expressions)
    data = TimelineData(
        lanes=lanes, x0=_cat([p.x0 for p in parts], float), x1=_cat([p.x1 for p in parts], float),
        xc=_cat([p.xc for p in parts], float), lane=np.repeat(np.arange(len(parts), dtype=np.int32), counts),
        kind=_cat([p.kind for p in parts], np.int8), fuzzy=_cat([p.fuzzy for p in parts], bool),
        track=_cat([p.track for p in parts], np.int8), refs=refs, labels=labels, expressions=expressions,
        lane_start=lane_start, corrected=_cat([p.corrected for p in parts], bool),
        lane_top=np.concatenate([[0.0], np.cumsum([lane_height(int(c)) for c in counts])]))
    data.index = {ref: i for i, ref in enumerate(refs)}
    return data


def _tracks(x0: list[float], x1: list[float], kind: list[int]) -> np.ndarray:
    """Stack overlapping bars on tracks (greedy interval partitioning over start-sorted bars, capped)."""
    track = np.zeros(len(x0), np.int8)
    ends: list[float] = []  # end of the last bar on each track
    for i, (a, b, k) in enumerate(zip(x0, x1, kind)):
        if k == 0:
            continue
        for t, end in enumerate(ends):
            if a >= end:
                ends[t] = b
                track[i] = t
                break
        else:
            if len(ends) < MAX_BAR_TRACKS:
                ends.append(b)
                track[i] = len(ends) - 1
            else:  # too many overlapping bars: share the track that frees up first
                t = min(range(len(ends)), key=ends.__getitem__)
                ends[t] = max(ends[t], b)
                track[i] = t
    return track

"""The session: loaded articles, their analyses, the user's corrections and view state.

The session is the only mutable object in the core. What the views show is always derived as
``analyze(article with corrected DCT, forced values) + added events − deleted events``, so a
correction can be undone by removing it, and corrections survive re-extraction with newer rules
because they are attached to text spans, not to expression ids.

Observers subscribe with :meth:`Session.subscribe`; the Qt layer adapts them to signals.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .events import make_label
from .lanes import VIEW_KEY as LANES_KEY
from .lanes import LaneSettings
from .model import Analysis, Article, ArticleResult, Event, Mode, Span, TimeExpression, TimexType
from .pipeline import analyze, user_dct
from .stories import Decision, Member, Story, StoryIndex, StoryJob
from .values import is_valid, parse_value


class CorrectionKind(StrEnum):
    DCT = "dct"
    VALUE = "value"
    ADD_EVENT = "add-event"
    DELETE_EVENT = "delete-event"
    LABEL = "label"  # the user's label for the event of a sentence
    MODE = "mode"  # how the article's time is read: news or narrative (story_time)


def value_problem(value: str, type_: TimexType | None = None, *, placeable: bool = False) -> str | None:
    """Why ``value`` cannot be a user's correction, or None when it can.

    The one check of a typed value: the corrections dialogs call it as the user types, and the
    session calls it again before any correction is applied.
    """
    if not value:
        return "type a value"
    types = [type_] if type_ is not None else list(TimexType)
    if not any(is_valid(value, t) for t in types):
        return f"not a valid TIMEX3 {'/'.join(str(t) for t in types)} value"
    if placeable and parse_value(value) is None:
        return "an event needs a calendar date or time (e.g. 2016-06-28, 2014-12)"
    return None


@dataclass(frozen=True, slots=True)
class Correction:
    """One user decision, attached to an article and (except for DCT) to a text span.

    ``text`` is the span's text when the correction was made: if the article text changes the
    correction can still be re-attached, or shown as orphaned when it cannot.
    """

    kind: CorrectionKind
    article: str
    value: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None
    label: str | None = None

    @property
    def span(self) -> Span | None:
        return Span(self.start, self.end) if self.start is not None and self.end is not None else None


@dataclass(frozen=True, slots=True)
class Change:
    """What changed: ``kind`` is added, removed, changed, reordered or cleared."""

    kind: str
    keys: tuple[str, ...] = ()


@dataclass(slots=True)
class Entry:
    """One loaded article and everything derived from it."""

    key: str
    article: Article
    analysis: Analysis
    errors: tuple[str, ...] = ()
    orphans: tuple[Correction, ...] = ()
    color: str | None = None

    @property
    def timex_by_id(self) -> dict[str, TimeExpression]:
        return {t.id: t for t in self.analysis.timexes}


Observer = Callable[[Change], None]


@dataclass
class Session:
    """Articles, their events and the corrections made to them."""

    entries: list[Entry] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    view_state: dict[str, object] = field(default_factory=dict)
    _observers: list[Observer] = field(default_factory=list, repr=False)
    _originals: dict[str, Article] = field(default_factory=dict, repr=False)
    # The user's splits and merges of story events, in order; re-applied on every re-merge.
    story_decisions: list[Decision] = field(default_factory=list)
    _stories: StoryIndex = field(default_factory=StoryIndex, repr=False)

    # -- observation ---------------------------------------------------------------------
    def subscribe(self, observer: Observer) -> Callable[[], None]:
        self._observers.append(observer)
        return lambda: self._observers.remove(observer)

    def _emit(self, kind: str, *keys: str) -> None:
        change = Change(kind, tuple(keys))
        for observer in list(self._observers):
            observer(change)

    # -- loading -------------------------------------------------------------------------
    def entry(self, key: str) -> Entry:
        for entry in self.entries:
            if entry.key == key:
                return entry
        raise KeyError(key)

    def keys(self) -> list[str]:
        return [e.key for e in self.entries]

    def results(self, only: Collection[tuple[str, str]] | None = None) -> list[ArticleResult]:
        """The articles as they are now (with corrections), for the data writers of :mod:`.formats`.

        ``only`` keeps just those events ((entry key, event id) pairs, as a filter of the events
        table gives them); the articles and their time expressions are all kept.
        """
        out = []
        for e in self.entries:
            analysis = e.analysis
            if only is not None:
                analysis = dataclasses.replace(
                    analysis, events=tuple(ev for ev in analysis.events if (e.key, ev.id) in only))
            out.append(ArticleResult(source=e.article.source or e.key, article=e.article, analysis=analysis,
                                     errors=e.errors))
        return out

    def _unique_key(self, source: str) -> str:
        taken = set(self.keys())
        key, n = source, 2
        while key in taken:
            key, n = f"{source} ({n})", n + 1
        return key

    def add_result(self, result: ArticleResult) -> str | None:
        """Add one processed file; a failed file goes to :attr:`problems`. Returns its key."""
        if result.article is None:
            self.problems.extend(result.errors)
            self._emit("problems")
            return None
        key = self._unique_key(result.source)
        self._originals[key] = result.article
        entry = Entry(key=key, article=result.article, analysis=result.analysis, errors=result.errors)
        self.entries.append(entry)
        if result.errors:
            self.problems.extend(result.errors)
        if any(c.article == key for c in self.corrections):
            self._rebuild(entry)
        self._emit("added", key)
        return key

    def add_article(self, article: Article) -> str:
        result = ArticleResult(source=article.source, article=article, analysis=analyze(article))
        key = self.add_result(result)
        assert key is not None
        return key

    def remove(self, key: str) -> None:
        self.entries = [e for e in self.entries if e.key != key]
        self.corrections = [c for c in self.corrections if c.article != key]
        self._originals.pop(key, None)
        # A split or merge keeps its hold on the other articles' events; one left with none goes.
        kept = [Decision(d.kind, tuple(k for k in d.members if k[0] != key)) for d in self.story_decisions]
        self.story_decisions = [d for d in kept if d.members]
        self._emit("removed", key)

    def clear(self) -> None:
        self.entries.clear()
        self.corrections.clear()
        self.problems.clear()
        self._originals.clear()
        self.story_decisions.clear()
        self._emit("cleared")

    def move(self, key: str, index: int) -> None:
        """Reorder lanes: put ``key`` at ``index``."""
        entry = self.entry(key)
        self.entries.remove(entry)
        self.entries.insert(max(0, min(index, len(self.entries))), entry)
        self._emit("reordered", key)

    def set_color(self, key: str, color: str | None) -> None:
        self.entry(key).color = color
        self._emit("changed", key)

    def reorder(self, keys: list[str]) -> None:
        """Put the articles in the order of ``keys`` (others keep their place after them)."""
        rank = {k: i for i, k in enumerate(keys)}
        self.entries.sort(key=lambda e: rank.get(e.key, len(rank)))
        self._emit("reordered", *keys)

    # -- lanes (names, hidden lanes, grouping: see core/lanes.py) -------------------------
    def lane_settings(self) -> LaneSettings:
        return LaneSettings.of(self)

    def set_lane_settings(self, settings: LaneSettings) -> None:
        """Store the user's lane choices in the view state (saved with the project)."""
        self.view_state[LANES_KEY] = settings.to_json()
        self._emit("lanes")

    # -- corrections ---------------------------------------------------------------------
    def apply(self, correction: Correction) -> None:
        """Record a correction and re-derive its article; raises ValueError when invalid."""
        self._validate(correction)
        self.corrections.append(correction)
        self._rebuild(self.entry(correction.article))
        self._emit("changed", correction.article)

    def revert(self, correction: Correction) -> None:
        """Remove a correction (the last equal one): what undo does."""
        _remove_last(self.corrections, correction, "correction")
        self._rebuild(self.entry(correction.article))
        self._emit("changed", correction.article)

    def set_dct(self, key: str, value: str) -> Correction:
        c = Correction(CorrectionKind.DCT, key, value=value)
        self.apply(c)
        return c

    def set_mode(self, key: str, mode: Mode) -> Correction:
        """Read the article as news or as a narrative; its expressions re-resolve."""
        c = Correction(CorrectionKind.MODE, key, value=str(mode))
        self.apply(c)
        return c

    def set_value(self, key: str, timex: TimeExpression, value: str) -> Correction:
        c = Correction(CorrectionKind.VALUE, key, value=value, start=timex.start, end=timex.end,
                       text=timex.text)
        self.apply(c)
        return c

    def add_event(self, key: str, start: int, end: int, value: str, label: str | None = None) -> Correction:
        text = self.entry(key).article.text[start:end]
        c = Correction(CorrectionKind.ADD_EVENT, key, value=value, start=start, end=end, text=text,
                       label=label)
        self.apply(c)
        return c

    def set_label(self, key: str, event: Event, label: str) -> Correction:
        """The user's label for ``event`` (attached to its sentence, like the other corrections)."""
        text = self.entry(key).article.text[event.start:event.end]
        c = Correction(CorrectionKind.LABEL, key, start=event.start, end=event.end, text=text,
                       label=" ".join(label.split()))
        self.apply(c)
        return c

    def delete_event(self, key: str, event: Event) -> Correction:
        text = self.entry(key).article.text[event.start:event.end]
        c = Correction(CorrectionKind.DELETE_EVENT, key, start=event.start, end=event.end, text=text)
        self.apply(c)
        return c

    def _validate(self, c: Correction) -> None:
        self.entry(c.article)  # KeyError for an unknown article
        if c.kind is CorrectionKind.DCT:
            user_dct(c.value or "")  # raises ValueError for anything but a calendar date
        elif c.kind is CorrectionKind.MODE:
            Mode(c.value or "")  # raises ValueError for anything but news or narrative
        elif c.kind in (CorrectionKind.VALUE, CorrectionKind.ADD_EVENT):
            if c.span is None:
                raise ValueError("a value correction needs a span and a value")
            problem = value_problem(c.value or "", placeable=c.kind is CorrectionKind.ADD_EVENT)
            if problem is not None:
                raise ValueError(f"{problem}: {c.value!r}")
        elif c.kind is CorrectionKind.LABEL:
            if c.span is None or not (c.label or "").strip():
                raise ValueError("a label correction needs a span and a label")
        elif c.span is None:
            raise ValueError("a deletion needs a span")

    def _locate(self, article: Article, c: Correction) -> Span | None:
        """Where the correction's text is now: the same span, or the nearest equal text."""
        span = c.span
        if span is None:
            return None
        if c.text is None or article.text[span.start:span.end] == c.text:
            return span if span.end <= len(article.text) else None
        best: int | None = None
        pos = article.text.find(c.text)
        while pos != -1:
            if best is None or abs(pos - span.start) < abs(best - span.start):
                best = pos
            pos = article.text.find(c.text, pos + 1)
        return Span(best, best + len(c.text)) if best is not None else None

    def _rebuild(self, entry: Entry) -> None:
        original = self._originals.get(entry.key, entry.article)
        mine = [c for c in self.corrections if c.article == entry.key]
        article = original
        for c in mine:
            if c.kind is CorrectionKind.DCT and c.value:
                article = dataclasses.replace(article, dct=user_dct(c.value))
            elif c.kind is CorrectionKind.MODE and c.value:
                article = dataclasses.replace(article, mode=Mode(c.value))
        forced: dict[Span, str] = {}
        located: list[tuple[Correction, Span]] = []
        orphans: list[Correction] = []
        for c in mine:
            if c.kind in (CorrectionKind.DCT, CorrectionKind.MODE):
                continue
            span = self._locate(article, c)
            if span is None:
                orphans.append(c)
                continue
            located.append((c, span))
            if c.kind is CorrectionKind.VALUE:
                forced[span] = c.value or ""
        analysis = analyze(article, forced)
        timex_spans = {t.span for t in analysis.timexes}
        event_spans = {Span(e.start, e.end) for e in analysis.events}
        deleted = {span for c, span in located if c.kind is CorrectionKind.DELETE_EVENT}
        # A correction whose span the new extraction no longer has is kept, shown as orphaned.
        orphans.extend(c for c, span in located
                       if (c.kind is CorrectionKind.VALUE and span not in timex_spans)
                       or (c.kind is CorrectionKind.DELETE_EVENT and span not in event_spans))
        events = [e for e in analysis.events if Span(e.start, e.end) not in deleted]
        labels = {span: c.label for c, span in located if c.kind is CorrectionKind.LABEL and c.label}
        added = [(c, span) for c, span in located if c.kind is CorrectionKind.ADD_EVENT]
        for n, (c, span) in enumerate(added, start=1):
            parsed = parse_value(c.value or "")
            label = c.label or make_label(article.text[span.start:span.end], language=article.language)
            events.append(Event(id=f"u{n}", label=label, start=span.start, end=span.end, timex=None,
                                interval=parsed[0] if parsed else None, user_added=True))
        if labels:  # the last label given for a sentence wins
            events = [dataclasses.replace(e, label=labels[span], corrected=True)
                      if (span := Span(e.start, e.end)) in labels else e for e in events]
        orphans.extend(c for c, span in located
                       if c.kind is CorrectionKind.LABEL and span not in {Span(e.start, e.end) for e in events})
        entry.article = article
        entry.analysis = Analysis(timexes=analysis.timexes, events=tuple(events), mode=analysis.mode)
        entry.orphans = tuple(orphans)

    # -- stories ---------------------------------------------------------------------------
    def stories(self) -> list[Story]:
        """Every story of the loaded articles, single reports too (see :mod:`.stories`), with the
        user's splits and merges; merged afresh only after articles, dates or decisions change."""
        return self._stories.stories(self.entries, self.story_decisions)

    def story_job(self) -> StoryJob | None:
        """The merge that would bring :meth:`stories` up to date (None when they are), to run
        elsewhere, in a worker thread for instance; hand its result to :meth:`finish_stories`."""
        return self._stories.job(self.entries, self.story_decisions)

    def finish_stories(self, job: StoryJob, stories: list[Story]) -> None:
        self._stories.finish(job, stories)

    def latest_stories(self) -> list[Story]:
        """The stories merged last, without merging: possibly of the articles as they were."""
        return self._stories.latest()

    def merge_stories(self, *stories: Story) -> Decision:
        """Make one story of ``stories`` (undo with :meth:`revert_story_decision`)."""
        if len(stories) < 2:
            raise ValueError("merging takes two stories or more")
        decision = Decision("merge", tuple(m.key for s in stories for m in s.members))
        self.decide(decision)
        return decision

    def split_story(self, story: Story, members: Sequence[Member]) -> Decision:
        """Take ``members`` out of ``story`` into a story of their own."""
        keys = {m.key for m in members}
        if not keys or not keys < {m.key for m in story.members}:
            raise ValueError("a split takes some of a story's events: not none, not all")
        decision = Decision("split", tuple(sorted(keys)))
        self.decide(decision)
        return decision

    def decide(self, decision: Decision) -> None:
        self.story_decisions.append(decision)
        self._emit("stories")

    def revert_story_decision(self, decision: Decision) -> None:
        """Remove a split or merge (the last equal one): what undo does."""
        _remove_last(self.story_decisions, decision, "story decision")
        self._emit("stories")

    # -- queries -------------------------------------------------------------------------
    def iter_events(self) -> Iterator[tuple[Entry, Event, TimeExpression | None]]:
        for entry in self.entries:
            by_id = entry.timex_by_id
            for event in entry.analysis.events:
                yield entry, event, by_id.get(event.timex) if event.timex else None


def _remove_last(items: list, item: object, what: str) -> None:
    """Remove the last element of ``items`` equal to ``item`` (what undo takes back)."""
    for i in range(len(items) - 1, -1, -1):
        if items[i] == item:
            del items[i]
            return
    raise ValueError(f"{what} not in session")

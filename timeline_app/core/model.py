"""Value objects shared by every stage of the pipeline.

Everything here is a frozen dataclass: a stage takes values and returns new ones, and the
only mutable object in the core is :class:`timeline_app.core.session.Session`.
Offsets (``start``/``end``) always index :attr:`Article.text`, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class TimexType(StrEnum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Granularity(StrEnum):
    """The size of the calendar unit a value names, coarsest last."""

    SECOND = "second"
    MINUTE = "minute"
    HOUR = "hour"
    PART_OF_DAY = "part-of-day"
    DAY = "day"
    WEEKEND = "weekend"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    MILLENNIUM = "millennium"


class DctOrigin(StrEnum):
    DATELINE = "dateline"
    HTML_META = "html-meta"
    JSON_LD = "json-ld"
    TIME_ELEMENT = "time-element"
    FILENAME = "filename"
    TIMEML = "timeml"
    USER = "user"
    CRAWL = "crawl-date"  # when a web archive fetched the page: an upper bound, used when the page has no date
    ARCHIVE = "archive"  # the date a JSON-lines archive's record gives for its article
    URL = "url"  # a date in the page's canonical URL (web pages)
    HTMLDATE = "htmldate"  # htmldate's own search of a page's markup and text


@dataclass(frozen=True, slots=True)
class DctCandidate:
    """One piece of evidence for a web page's publication date, and what the decision made of it.

    ``value`` is the local date (and clock time) as the page writes it; ``utc_offset`` is the
    offset written with it ("+03:00"; "+00:00" for "Z"), None when none is written. ``kind`` is
    what the evidence says it is: ``published``, ``created``, ``modified``, ``unknown`` or
    ``shown-today`` (a clock in the site's header: the day the page was shown). ``verdict``
    is ``chosen``, ``agrees`` or why it lost.
    """

    value: str
    origin: DctOrigin
    kind: str
    source: str  # where exactly: "meta article:published_time", 'shown "Posted June 3, 2020"'
    strength: float
    utc_offset: str | None = None
    zone: str | None = None  # the zone a shown date names beside its clock ("PDT")
    start: int | None = None
    end: int | None = None
    verdict: str = ""

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"value": self.value, "origin": str(self.origin), "kind": self.kind,
                                  "source": self.source, "strength": round(self.strength, 2)}
        if self.utc_offset:
            out["utc_offset"] = self.utc_offset
        if self.verdict:
            out["verdict"] = self.verdict
        return out


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


@dataclass(frozen=True, slots=True)
class Interval:
    """A half-open interval [start, end) of naive calendar datetimes (no time zone)."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"empty interval {self.start}..{self.end}")

    def to_json(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass(frozen=True, slots=True)
class DCT:
    """The document creation time and where it came from.

    ``value`` is a TIMEX3 value (``2016-06-30`` or ``2016-06-30T07:42``); ``start``/``end``
    give the dateline's span in the article text when the DCT was read from the text.
    """

    value: str
    origin: DctOrigin
    confidence: float = 1.0
    start: int | None = None
    end: int | None = None
    updated: str | None = None  # a "last updated" value seen beside the publication date
    # The page's UTC offset ("-07:00") when known: ``value`` is then the local time in it.
    utc_offset: str | None = None
    zone: str | None = None  # the zone as the page names it ("PDT", "GMT+10"), when it does
    reason: str = ""  # why this value won, when several pieces of evidence were weighed
    candidates: tuple[DctCandidate, ...] = ()  # the evidence weighed, the chosen one included

    @property
    def day(self) -> datetime:
        """Midnight of the DCT's day: the anchor for day-level arithmetic."""
        return datetime.fromisoformat(self.value[:10])

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"value": self.value, "origin": str(self.origin),
                                  "confidence": round(self.confidence, 2)}
        if self.start is not None:
            out["start"], out["end"] = self.start, self.end
        if self.updated:
            out["updated"] = self.updated
        if self.utc_offset:
            out["utc_offset"] = self.utc_offset
        if self.zone:
            out["zone"] = self.zone
        if self.reason:
            out["reason"] = self.reason
        if self.candidates:
            out["candidates"] = [c.to_json() for c in self.candidates]
        return out


class Mode(StrEnum):
    """How a document's time is read (core/timex/story_time.py): ``news`` has a present, the
    DCT; a ``narrative`` has none and keeps the time of its story."""

    NEWS = "news"
    NARRATIVE = "narrative"


@dataclass(frozen=True, slots=True)
class DocumentMode:
    """The mode a document was read in and why (JSON ``mode``, the lane title, the detail pane)."""

    value: Mode
    reason: str
    by_user: bool = False

    def to_json(self) -> dict[str, object]:
        return {"value": str(self.value), "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Article:
    """One ingested document: the text all offsets index, its DCT and its boilerplate."""

    source: str
    title: str
    text: str
    dct: DCT | None = None
    boilerplate: tuple[Span, ...] = ()
    format: str = "text"  # text | markdown | html | timeml
    mode: Mode | None = None  # the mode the user chose for it; None: chosen from the text
    # The language it is read in: its rules are resources/rules/<language>/, its Python core/lang/<language>/.
    language: str = "en"
    # For TimeML input, the gold annotation found in the file (used by `eval`, not by the tagger).
    gold_timexes: tuple[TimeExpression, ...] = ()
    # The page's own address (its canonical URL) when it gives one; exports fall back to the file.
    url: str | None = None

    def in_boilerplate(self, start: int, end: int) -> bool:
        span = Span(start, end)
        return any(region.overlaps(span) for region in self.boilerplate)


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A TIMEX3: where it is, what it means, and why we think so."""

    id: str
    start: int
    end: int
    text: str
    type: TimexType
    value: str | None  # None when it cannot be resolved (deictic expression, no DCT)
    mod: str | None = None
    anchor: str | None = None  # "dct", the id of an earlier expression, or None
    interval: Interval | None = None
    granularity: Granularity | None = None
    rule: str = ""
    explanation: str = ""
    quant: str | None = None  # SET only: "EACH", "EVERY"...
    freq: str | None = None  # SET only: how often in each period, "2X" for "twice a week"
    corrected: bool = False  # True when the value comes from the user

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def placeable(self) -> bool:
        """Whether the expression can be drawn on a timeline."""
        return self.interval is not None and self.type in (TimexType.DATE, TimexType.TIME)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "start": self.start, "end": self.end, "text": self.text,
            "type": str(self.type), "value": self.value, "mod": self.mod,
            "anchor": self.anchor,
            "interval": self.interval.to_json() if self.interval else None,
            "granularity": str(self.granularity) if self.granularity else None,
            "rule": self.rule, "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """What happened when: a sentence (or clause) anchored by a time expression."""

    id: str
    label: str
    start: int
    end: int
    timex: str | None
    interval: Interval | None
    user_added: bool = False
    corrected: bool = False  # the user changed it (its label); drawn apart from found events

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "label": self.label, "start": self.start, "end": self.end,
            "timex": self.timex,
            "interval": self.interval.to_json() if self.interval else None,
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of running the tagger and event finder on one article."""

    timexes: tuple[TimeExpression, ...] = ()
    events: tuple[Event, ...] = ()
    mode: DocumentMode | None = None  # how the text's time was read


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """One file's outcome: an analysed article, or the problems that stopped it."""

    source: str
    article: Article | None
    analysis: Analysis = field(default_factory=Analysis)
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.article is not None and not self.errors

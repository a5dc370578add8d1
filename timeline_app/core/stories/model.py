"""Story values: the members that report one happening, the readings of its date, the story.

A *member* is one event of one article as the merger sees it; a *story* is the members judged to
report the same happening, dated by the best-supported reading. Everything here is frozen.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Granularity, Interval


@dataclass(frozen=True, slots=True)
class Member:
    """One article's event, with what the merger needs to compare it with the others.

    ``article`` is the session key (or source path) and ``position`` the article's place in the
    input, 1-based, which gives the ``aN:eM`` reference of GUIDE §5. ``anchor`` says how the
    date was reached: ``None`` for a date written out in full, ``"dct"`` for one counted from
    the document date, the id of an earlier expression for an anaphoric one.
    """

    article: str
    position: int
    event: str
    start: int
    end: int
    text: str  # the sentence without its time expressions: what the content is compared on
    label: str
    interval: Interval
    granularity: Granularity | None = None
    value: str | None = None
    anchor: str | None = None
    mod: str | None = None
    reading: str = ""  # how the article words its date ("on Tuesday"), for the detail pane
    sentence: str = ""  # the whole source sentence, for the detail pane

    @property
    def ref(self) -> str:
        return f"a{self.position}:{self.event}"

    @property
    def key(self) -> tuple[str, int, int]:
        """A handle that survives re-extraction: article key and the event's span."""
        return (self.article, self.start, self.end)


@dataclass(frozen=True, slots=True)
class Reading:
    """One date the sources give for the story, and who gives it."""

    interval: Interval
    granularity: Granularity | None
    value: str | None
    members: tuple[str, ...]  # refs of the members stating exactly this date
    supporters: int  # articles whose date is this one or contains it
    articles: int  # articles stating exactly this date

    def to_json(self) -> dict[str, object]:
        return {"value": self.value, "interval": self.interval.to_json(),
                "granularity": str(self.granularity) if self.granularity else None,
                "events": list(self.members), "supporters": self.supporters}


@dataclass(frozen=True, slots=True)
class Story:
    """Events of one or more articles that report the same happening."""

    id: str
    label: str
    interval: Interval
    granularity: Granularity | None
    members: tuple[Member, ...]
    readings: tuple[Reading, ...]  # the chosen reading first
    agreement: str  # "single", "agree" or "disagree"
    reason: str  # why the story is dated as it is, in words
    user: bool = False  # shaped by a user's split or merge

    @property
    def sources(self) -> int:
        """How many articles report it."""
        return len({m.article for m in self.members})

    @property
    def disagreement(self) -> bool:
        return self.agreement == "disagree"

    @property
    def refs(self) -> tuple[str, ...]:
        return tuple(m.ref for m in self.members)

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "label": self.label, "interval": self.interval.to_json(),
                "granularity": str(self.granularity) if self.granularity else None,
                "events": list(self.refs), "sources": self.sources,
                "agreement": self.agreement, "reason": self.reason,
                "readings": [r.to_json() for r in self.readings]}

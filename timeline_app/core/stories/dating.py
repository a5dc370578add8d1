"""When a story happened: how far each source's date can be trusted, and which reading wins.

Two reports can only be of the same happening when their dates can be the same time. A date
written out in full ("May 2, 2013") is taken as it is; one counted from the document date
("on Thursday", "yesterday") may be a day off, because the page's date may be the day after the
report was filed or in another time zone, so it is widened by half a day on each side; an
approximate one ("about 18 months ago") by its own length. Dates of different granularity are
compared as intervals, so a day inside a month overlaps it, which is the comparison at the
coarser granularity.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from ..lang.en.dates import human
from ..model import Granularity, Interval
from ..values import format_day
from .model import Member, Reading

# A date counted from the page's date may be a day off (the page dated the day after the report
# was filed, or in another time zone): each such date takes half a day on either side, so two
# of them a day apart ("Tuesday" in one report, "Wednesday" in another) can still meet.
_HALF_DAY = timedelta(hours=12)
_DAY = timedelta(days=1)
FINE = {Granularity.SECOND, Granularity.MINUTE, Granularity.HOUR, Granularity.PART_OF_DAY,
         Granularity.DAY}
_RANK = {g: i for i, g in enumerate(Granularity)}  # finer first


def slack(member: Member) -> timedelta:
    """How far the member's date may be off, on either side."""
    width = member.interval.end - member.interval.start
    if member.mod == "APPROX":
        return width
    if member.anchor is not None and (member.granularity is None or member.granularity in FINE):
        return _HALF_DAY
    return timedelta(0)


def widened(member: Member) -> tuple[float, float]:
    """The member's interval with its slack, in days since 0001-01-01 (for array comparisons)."""
    s = slack(member)
    lo = member.interval.start - s
    hi = member.interval.end + s
    return (lo.toordinal() + lo.hour / 24 + lo.minute / 1440,
            hi.toordinal() + hi.hour / 24 + hi.minute / 1440)


def overlaps(a: Interval, b: Interval) -> bool:
    return a.start < b.end and b.start < a.end


def reading_of(member: Member) -> tuple[Interval, Granularity | None, str | None]:
    """The date a member gives, as a reading: a time of day counts as its day ("Tuesday night"
    and "Tuesday" say the same day), coarser dates stay as they are."""
    if member.granularity in FINE:
        day = member.interval.start.replace(hour=0, minute=0, second=0, microsecond=0)
        return Interval(day, day + _DAY), Granularity.DAY, format_day(day)
    return member.interval, member.granularity, member.value


def _contains(outer: Interval, inner: Interval) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def readings(members: Sequence[Member]) -> list[Reading]:
    """The distinct dates the members give, best supported first.

    A reading is supported by every article whose own date is it or contains it: a report that
    only says "in 2013" supports "Thursday 2 May 2013" without contradicting it. Ties go to the
    finer reading, then to one written out in full over one counted from a document date.
    """
    own = [(m, reading_of(m)) for m in members]
    by_interval: dict[Interval, list[Member]] = {}
    shape: dict[Interval, tuple[Granularity | None, str | None]] = {}
    for m, (interval, gran, value) in own:
        by_interval.setdefault(interval, []).append(m)
        shape.setdefault(interval, (gran, value))
    out: list[tuple[tuple[object, ...], Reading]] = []
    for interval, group in by_interval.items():
        gran, value = shape[interval]
        supporters = {m.article for m, (mine, _, _) in own if _contains(mine, interval)}
        absolute = sum(1 for m in group if m.anchor is None)
        reading = Reading(interval=interval, granularity=gran, value=value,
                          members=tuple(m.ref for m in group), supporters=len(supporters),
                          articles=len({m.article for m in group}))
        rank = _RANK.get(gran, 99) if gran else 99
        out.append(((-reading.supporters, rank, -absolute, -reading.articles, interval.start), reading))
    out.sort(key=lambda pair: pair[0])
    return [r for _, r in out]


def _when(r: Reading) -> str:
    return human(r.value) if r.value else f"{r.interval.start:%Y-%m-%d}"


def _sources(n: int) -> str:
    return f"{n} source" if n == 1 else f"{n} sources"


def date_story(members: Sequence[Member]) -> tuple[list[Reading], str, str]:
    """Readings (chosen first), agreement ("single", "agree" or "disagree") and the reason."""
    found = readings(members)
    best = found[0]
    articles = len({m.article for m in members})
    against = [r for r in found[1:] if not overlaps(r.interval, best.interval)]
    if articles == 1:
        return found, "single", f"one source: {_when(best)}"
    if not against:
        return found, "agree", f"{_sources(articles)} agree: {_when(best)}"
    others = "; ".join(f"{_sources(r.articles)} {'says' if r.articles == 1 else 'say'} {_when(r)}"
                       for r in against)
    return found, "disagree", (f"sources disagree: {best.supporters} of {articles} support "
                               f"{_when(best)}; {others}")

"""The publication date of a saved web page: one decision over all the evidence.

:mod:`.date_evidence` collects every date the page gives for itself; :func:`decide` weighs
them and returns the DCT with the candidates that lost and why. The decision, in order:

1. **Refusals.** A date the site shows in its header bar (``shown-today``) is the day the
   page was shown, so it never votes, and any candidate later than that day (by more than
   the one day time zones allow) is refused: *after the page was saved*. A publication
   candidate more than a day later than every candidate of at least two other origins is
   refused: *in the future of every other signal*.
2. **Publication beats modification.** A ``modified`` candidate votes only when no other
   kind is left; it then becomes ``updated`` beside the chosen value.
3. **Agreement between independent signals.** Every origin (meta, JSON-LD, time element,
   URL, the shown dateline, htmldate) gives each local day the strength of its strongest
   candidate for that day; the day with the largest sum wins. One origin counts once, so a
   CMS that writes the same date in ten meta tags is one signal; htmldate's date, when a meta
   tag or JSON-LD writes it, is that tag read again and adds nothing (and htmldate is not run
   at all when two independent origins already agree on a day); a page that shows three
   or more different days in its date elements is showing a list (other articles,
   comments), so its shown dates count half. A clock time in UTC or with
   no offset is a moment whose local day is not written: it speaks fully for the
   neighbouring day that an offset from -8 to +10 hours would give (the Americas' west coast
   to Australia's east), and at 0.8 for one that -10 to +14 hours would give.
4. **Ties** go to the day the page itself shows (a shown dateline, microdata text), then a
   machine date written with its own offset, then the URL, then the stronger candidate,
   then the earlier day.
5. **The page's clock.** The chosen day gets the clock time the page shows for the
   publication ("November 8, 2023 at 6:09 p.m.", "Published 18:58"), else the one of a
   machine date on that day. The UTC offset is the zone shown beside the clock; else the
   offset the page's metadata writes; else the one that makes a UTC timestamp in the
   metadata read as the shown clock ("…T01:09:55Z" with "6:09 p.m." → -07:00). A machine
   "published" time that equals the shown "Updated" clock is the update, not the
   publication. Clock times in the text then resolve in that zone, because the DCT value
   is the page's local time.

Confidence: one minus the product of (1 - strength) over the agreeing origins, scaled by
the winning day's share of the votes against the best rival more than a day away; a date
that only htmldate gives on 1 January (its guess from a copyright year) is halved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from ..model import DCT, DctCandidate, DctOrigin
from .shown_dates import ShownClock, format_offset

LIKELY_HOURS = (-8, 10)
POSSIBLE_HOURS = (-10, 14)
POSSIBLE_SUPPORT = 0.8
SHOWN_LIST_DAYS = 3
SHOWN_LIST_FACTOR = 0.5
_MACHINE = (DctOrigin.HTML_META, DctOrigin.JSON_LD, DctOrigin.TIME_ELEMENT)
_TIE_RANK = {DctOrigin.DATELINE: 4, DctOrigin.URL: 2}


def _day(c: DctCandidate) -> date:
    return date.fromisoformat(c.value[:10])


def _unzoned_moment(c: DctCandidate) -> bool:
    """A machine clock time in UTC or without an offset: its local day is not written."""
    return "T" in c.value and c.utc_offset in (None, "+00:00") and c.origin in _MACHINE


def supports(c: DctCandidate, region: tuple[int, int] | None = None) -> dict[date, float]:
    """The local days a candidate speaks for, with how fully (1 for its own day).

    With ``region`` (the lowest and highest UTC offset, in minutes, of the region the page
    declares), a UTC timestamp whose local day is the same at both ends speaks for that day
    first, and for its UTC day a little less.
    """
    own = _day(c)
    out = {own: 1.0}
    if _unzoned_moment(c) and c.utc_offset == "+00:00" and region is not None:
        moment = datetime.fromisoformat(c.value)
        lo, hi = ((moment + timedelta(minutes=m)).date() for m in region)
        if lo == hi and lo != own:
            return {lo: 1.0, own: POSSIBLE_SUPPORT}
    if _unzoned_moment(c):
        moment = datetime.fromisoformat(c.value)
        for hours, weight in ((POSSIBLE_HOURS, POSSIBLE_SUPPORT), (LIKELY_HOURS, 1.0)):
            for h in hours:
                other = (moment + timedelta(hours=h)).date()
                if other != own:
                    out[other] = max(out.get(other, 0.0), weight)
    return out


def _tie_rank(c: DctCandidate) -> int:
    if c.origin is DctOrigin.TIME_ELEMENT and c.source.endswith("(shown)"):
        return 4  # microdata whose text is the shown date
    if c.origin in _MACHINE and c.utc_offset not in (None, "+00:00"):
        return 3
    return _TIE_RANK.get(c.origin, 1)


def _refusals(cands: Sequence[DctCandidate]) -> dict[int, str]:
    refused: dict[int, str] = {}
    today = min((_day(c) for c in cands if c.kind == "shown-today"), default=None)
    for i, c in enumerate(cands):
        if c.kind == "shown-today":
            refused[i] = "the site's header shows today's date: the day the page was shown, not its publication"
        elif today is not None and _day(c) > today + timedelta(days=1):
            refused[i] = f"after the page was saved (its header shows {today.isoformat()})"
    days_by_origin: dict[DctOrigin, list[date]] = {}
    for i, c in enumerate(cands):
        if i not in refused:
            days_by_origin.setdefault(c.origin, []).append(_day(c))
    for i, c in enumerate(cands):
        if i in refused or c.kind == "modified":
            continue
        others = [d for origin, days in days_by_origin.items() if origin is not c.origin for d in days]
        other_origins = sum(1 for origin in days_by_origin if origin is not c.origin)
        if other_origins >= 2 and _day(c) > max(others) + timedelta(days=1):
            refused[i] = f"in the future of every other signal (the latest is {max(others).isoformat()})"
    return refused


def decide(cands: Sequence[DctCandidate], clocks: Sequence[ShownClock] = (),
           region: tuple[int, int] | None = None) -> DCT | None:
    """The DCT the evidence supports, with every candidate and its verdict; None without any.

    ``region`` is the UTC offset range of the region the page declares, if it declares one.
    """
    if not cands:
        return None
    refused = _refusals(cands)
    # htmldate reads the same meta tags and JSON-LD first: its date, when one of them writes
    # it, is that tag read again and agrees without a vote of its own.
    written = {c.value[:10] for c in cands if c.origin in _MACHINE}
    echoes = {i for i, c in enumerate(cands) if c.origin is DctOrigin.HTMLDATE and c.value[:10] in written}
    live = [i for i in range(len(cands)) if i not in refused and i not in echoes]
    voters = [i for i in live if cands[i].kind != "modified"] or live
    if not voters:
        return None
    # A page that shows three or more different days in its date elements is showing a list
    # (other articles, comments): its shown dates count half.
    shown_days = {_day(c) for c in cands if c.origin is DctOrigin.DATELINE and c.kind != "shown-today"}
    listing = SHOWN_LIST_FACTOR if len(shown_days) >= SHOWN_LIST_DAYS else 1.0
    votes: dict[date, dict[DctOrigin, float]] = {}
    for i in voters:
        c = cands[i]
        for day, weight in supports(c, region).items():
            by_origin = votes.setdefault(day, {})
            strength = c.strength * (listing if c.origin is DctOrigin.DATELINE else 1.0)
            by_origin[c.origin] = max(by_origin.get(c.origin, 0.0), strength * weight)
    total = {day: sum(v.values()) for day, v in votes.items()}
    top = max(total.values())

    def tie_key(day: date) -> tuple[int, float, int]:
        own = [cands[i] for i in voters if _day(cands[i]) == day]
        return (max((_tie_rank(c) for c in own), default=0), max((c.strength for c in own), default=0.0),
                -day.toordinal())

    best = max((d for d in total if total[d] >= top - 1e-9), key=tie_key)
    agreeing = [i for i in voters if best in supports(cands[i], region)]
    own = [i for i in agreeing if _day(cands[i]) == best] or agreeing
    chosen = max(own, key=lambda i: (cands[i].strength, "T" in cands[i].value))
    value, offset, zone, clock_note = _clock(best, [cands[i] for i in agreeing], cands, refused, clocks)
    rivals = [t for d, t in total.items() if abs((d - best).days) > 1]
    confidence = 1.0
    for strength in votes[best].values():
        confidence *= 1.0 - min(strength, 0.99)
    confidence = (1.0 - confidence) * total[best] / (total[best] + max(rivals, default=0.0))
    origins = sorted(str(o) for o in votes[best])
    reason = f"{best.isoformat()}: {len(origins)} independent signal{'s' if len(origins) > 1 else ''} " \
             f"({', '.join(origins)}), {total[best]:.2f} against {max(rivals, default=0.0):.2f}"
    if set(votes[best]) == {DctOrigin.HTMLDATE} and best.month == 1 and best.day == 1:
        confidence /= 2
        reason += "; only htmldate's guess from a year"
    if clock_note:
        reason += f"; {clock_note}"
    judged = tuple(dataclasses.replace(c, verdict=_verdict(i, c, chosen, best, agreeing, refused, total, echoes))
                   for i, c in enumerate(cands))
    modified = [c for i, c in enumerate(cands) if c.kind == "modified" and i not in refused]
    updated = _in_offset(max(modified, key=lambda c: c.value), offset) if modified else None
    return DCT(value=value, origin=cands[chosen].origin, confidence=round(min(confidence, 0.99), 2),
               updated=updated if updated and updated != value else None,
               utc_offset=offset, zone=zone, reason=reason, candidates=judged)


def _verdict(i: int, c: DctCandidate, chosen: int, best: date, agreeing: list[int],
             refused: dict[int, str], total: dict[date, float], echoes: set[int]) -> str:
    if i == chosen:
        return "chosen"
    if i in refused:
        return "refused: " + refused[i]
    if i in echoes:
        return ("agrees (no vote: a meta tag or JSON-LD writes this date, which htmldate reads)"
                if _day(c) == best else "outvoted (no vote: it reads a meta tag or JSON-LD again)")
    if c.kind == "modified":
        return "a modification date: publication beats modification"
    if i in agreeing:
        return "agrees"
    return f"outvoted: {best.isoformat()} has {total[best]:.2f} against {total.get(_day(c), 0.0):.2f}"


def _in_offset(c: DctCandidate, offset: str | None) -> str:
    """A candidate's value in the page's offset, when both are known (the update told in UTC
    on a page at -07:00 reads as the page's own clock)."""
    if offset is None or c.utc_offset is None or c.utc_offset == offset or "T" not in c.value:
        return c.value
    moment = datetime.fromisoformat(c.value) + timedelta(minutes=_minutes(offset) - _minutes(c.utc_offset))
    return moment.isoformat()[:16]


def _minutes(offset: str) -> int:
    sign = -1 if offset.startswith("-") else 1
    return sign * (int(offset[1:3]) * 60 + int(offset[4:6]))


def _clock(day: date, agreeing: list[DctCandidate], cands: Sequence[DctCandidate], refused: dict[int, str],
           clocks: Sequence[ShownClock]) -> tuple[str, str | None, str | None, str]:
    """(value, UTC offset, zone, note) for the chosen day: the page's own clock first."""
    live = [c for i, c in enumerate(cands) if i not in refused and c.kind != "shown-today"]
    zoned = {c.utc_offset for c in live if c.origin in _MACHINE and c.utc_offset not in (None, "+00:00")}
    page_offset = zoned.pop() if len(zoned) == 1 else None
    stamps = [c for c in live if c.origin in _MACHINE and "T" in c.value and c.utc_offset is not None]
    updated_clocks = {(k.hour, k.minute) for k in clocks if k.kind == "updated"}
    shown = [c for c in agreeing if c.origin is DctOrigin.DATELINE and "T" in c.value and _day(c) == day]
    shown.sort(key=lambda c: c.kind != "published")
    if shown:
        hour, minute = int(shown[0].value[11:13]), int(shown[0].value[14:16])
        written = shown[0].utc_offset
        zone = shown[0].zone
    else:
        published = [k for k in clocks if k.kind == "published"]
        if not published:
            return _machine_clock(day, agreeing, page_offset)
        hour, minute = published[0].hour, published[0].minute
        written = format_offset(published[0].offset) if published[0].offset is not None else None
        zone = published[0].zone
    local = datetime(day.year, day.month, day.day, hour, minute)
    if written:
        return local.isoformat()[:16], written, zone, f"the page shows {local:%H:%M} {zone or written}"
    if page_offset:
        return local.isoformat()[:16], page_offset, zone, f"the page shows {local:%H:%M}; its metadata's offset is {page_offset}"
    # a UTC (or zoned) timestamp that reads as the shown clock, or as the shown "Updated" clock
    # the shown publication clock is matched with the publication timestamps only; a shown
    # "Updated" clock with any (a CMS often writes the update into datePublished)
    targets = [(local, "published")] + [(datetime(day.year, day.month, day.day, h, m), "updated")
                                        for h, m in sorted(updated_clocks)]
    for target, what in targets:
        for stamp in stamps:
            if what == "published" and stamp.kind == "modified":
                continue
            moment = datetime.fromisoformat(stamp.value) - timedelta(minutes=_minutes(stamp.utc_offset or "+00:00"))
            for shift in (0, -1, 1):
                delta = target + timedelta(days=shift) - moment
                minutes = int(delta.total_seconds() // 60)
                if minutes % 15 == 0 and -12 * 60 <= minutes <= 14 * 60:
                    offset = format_offset(minutes)
                    note = (f"the page shows {local:%H:%M}; the {what} timestamp {stamp.value}{stamp.utc_offset}"
                            f" reads as the page's clock at {offset}")
                    return local.isoformat()[:16], offset, zone, note
    return local.isoformat()[:16], None, zone, f"the page shows {local:%H:%M} (zone not known)"


def _machine_clock(day: date, agreeing: list[DctCandidate],
                   page_offset: str | None) -> tuple[str, str | None, str | None, str]:
    """No clock shown: a machine time on that day, in its own offset, or just the day."""
    timed = [c for c in agreeing if c.origin in _MACHINE and "T" in c.value]
    own = [c for c in timed if c.kind != "modified"] or timed
    for c in own:
        if _day(c) == day and c.utc_offset not in (None, "+00:00"):
            return c.value, c.utc_offset, None, ""
    for c in own:
        if _day(c) == day and c.utc_offset == "+00:00":
            return c.value, "+00:00", None, "the metadata's time is in UTC"
    for c in own:
        if _day(c) == day:
            return c.value, page_offset, None, ""
    return day.isoformat(), None, None, ""

"""The document creation time (DCT) read from a dateline, a machine date or a file name.

:func:`detect` looks for the dateline in the head of an article's text (the first
``HEAD_CHARS`` characters and ``HEAD_LINES`` non-blank lines, where datelines sit, so a long
body is never scanned) and returns a :class:`DCT` whose ``start``/``end`` is the span of the
dateline in the text:

- a dateline on its own line ("By Reuters - Jun 30,2016 - Last updated at Jun 30,2016",
  "Thu 30 Jun 2016 07.42 BST") spans the whole line, without surrounding white space; when a
  publication line and an "updated" line follow each other, the span covers both;
- an agency dateline opening the first paragraph ("WASHINGTON, March 22, 2013 (AP) —") spans
  from the start of the line to the dash, so the sentence after it is not part of it.

Values are TIMEX3 values: ``2016-06-30``, or ``2016-06-30T07:42`` when a clock time is given.
Times are kept **in the local time as written** ("07.42 BST" → ``T07:42``; "10:15:00Z" →
``T10:15``): a news reader's day is the writer's day, and converting a BST dateline to UTC would
move late-evening articles to the next day. Seconds and time-zone names are dropped.

When both a publication date and a "last updated" date are seen, the value is the publication
date and ``updated`` holds the other; a dateline with only an "updated" date still gives a DCT,
with a lower confidence.

Only real date shapes are accepted: a month name or number, a day and a four-digit year
(1800–2099) that form a valid calendar date. dateutil's free-form parser is not used on text
(it reads a date into almost anything); its strict ISO 8601 parser is used for machine dates.
Every pattern uses bounded repetitions and runs on single short lines, so no input can make
matching slow.

Confidence scale (a float in [0, 1]; ingest sets the non-text origins):

====  =========================================================================================
1.0   TimeML ``<DCT>`` (the corpus's own annotation); a date typed by the user
0.95  a dateline with a full date and a publication cue: "Published", "Posted", a byline
      ("By Reuters - ..."), or an agency dateline ("WASHINGTON, March 22, 2013 (AP) —")
0.9   HTML meta ``article:published_time`` and the like, JSON-LD ``datePublished``; a line
      that is only a date with a weekday or a clock time ("Thu 30 Jun 2016 07.42 BST")
0.85  a ``<time datetime>`` inside the article; a line that is only a bare date ("2016-06-30")
0.7   only an "updated" date was found ("Updated 4:15 PM ET, Thu June 30, 2016")
0.6   a date htmldate found elsewhere in a page's markup; an all-numeric date whose day and
      month could be swapped ("06/07/2016", read month first)
0.4   a date in the file name (``report-2016-06-30.txt``)
====  =========================================================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from dateutil.parser import isoparse

from .. import lang
from ..model import DCT, DctOrigin

HEAD_CHARS = 1500  # datelines sit in the head of an article; the body is never scanned
HEAD_LINES = 15  # non-blank lines looked at, at most
_MAX_LINE = 400  # characters of one line looked at (the AP form needs only its start)
_SHORT_LINE = 200  # longer lines are body paragraphs: only the agency form is read there
_MAX_OTHER_WORDS = 3  # words besides the date a cue-less dateline line may hold ("Jordan Times")

CONF_CUED = 0.95
CONF_META = 0.9
CONF_DATE_LINE_DETAILED = 0.9
CONF_TIME_ELEMENT = 0.85
CONF_DATE_LINE_BARE = 0.85
CONF_UPDATED_ONLY = 0.7
CONF_AMBIGUOUS = 0.6
CONF_HTMLDATE = 0.6
CONF_FILENAME = 0.4

# The dateline is read before the article's language is known (it is read to make the Article):
# the words are the default language's.
_WORDS = lang.language(lang.DEFAULT).dateline
_MONTH = _WORDS.month
_WEEKDAY = _WORDS.weekday
_DAY = _WORDS.day
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"

# One pattern per shape (Python forbids a group name twice in one pattern).
_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # June 30, 2016 · Jun 30,2016 · Thu June 30 2016
    ("mdy", re.compile(rf"\b(?P<weekday>{_WEEKDAY}\s{{1,3}})?{_MONTH}\s{{1,3}}{_DAY}"
                       rf"(?:\s{{0,3}},\s{{0,3}}|\s{{1,3}}){_YEAR}(?!\d)", re.IGNORECASE)),
    # 30 June 2016 · Thu 30 Jun 2016 · 30-Jun-2016 · Thursday, 30 June, 2016
    ("dmy", re.compile(rf"\b(?P<weekday>{_WEEKDAY}\s{{1,3}})?{_DAY}(?:\s{{1,3}}|-){_MONTH},?"
                       rf"(?:\s{{1,3}}|-){_YEAR}(?!\d)", re.IGNORECASE)),
    # 2016-06-30 · 2016-06-30T10:15:00Z · 2016/06/30 10:15
    ("iso", re.compile(r"(?<!\d)(?P<year>(?:1[89]|20)\d\d)(?P<sep>[-/])(?P<month>0[1-9]|1[0-2])(?P=sep)"
                       r"(?P<day>3[01]|[12]\d|0[1-9])"
                       r"(?:[T ](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d(?:\.\d{1,9})?)?"
                       r"(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?(?![\d:])")),
    # 06/30/2016 (US order) · 30/06/2016 · 30.06.2016 (day first)
    ("numeric", re.compile(r"(?<![\d./])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)"
                           r"(?P<year>(?:1[89]|20)\d\d)(?![\d./])")),
)

_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class _Found:
    """One date in a line: where, its value, and what the line says it is."""

    start: int  # offsets in the article text, time included
    end: int
    value: str
    kind: str  # "published", "updated" or "plain"
    ambiguous: bool
    detailed: bool  # carries a weekday or a clock time


def detect(text: str) -> DCT | None:
    """The DCT of the dateline in the head of ``text``, or None when there is none."""
    found_lines: list[tuple[int, int, list[_Found]]] = []
    for start, end, long_line in _head_lines(text):
        line = text[start:end]
        agency = _agency_dateline(line, start)
        if agency is not None:
            found_lines.append(agency)
            break
        if long_line:
            if found_lines:
                break
            continue
        found = _dates_in(line, start)
        if found and _is_dateline(line, start, found):
            found_lines.append((start, end, found))
            if len(found_lines) == 2 or any(f.kind == "updated" for f in found) and \
                    any(f.kind != "updated" for f in found):
                break  # publication and update both seen: the dateline is complete
        elif found_lines:
            break  # the dateline is over
    if not found_lines:
        return None
    return _choose(found_lines)


def _head_lines(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_long) of the first non-blank lines, without surrounding white space."""
    lines: list[tuple[int, int, bool]] = []
    pos = 0
    limit = min(len(text), HEAD_CHARS)
    while pos < limit and len(lines) < HEAD_LINES:
        nl = text.find("\n", pos, pos + _MAX_LINE)
        cut = nl == -1 and pos + _MAX_LINE < len(text)
        end = nl if nl != -1 else min(len(text), pos + _MAX_LINE)
        raw = text[pos:end]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            s = pos + lead
            e = s + len(stripped)
            lines.append((s, e, cut or len(stripped) > _SHORT_LINE))
        if cut:
            nl = text.find("\n", end)
            if nl == -1:
                break
        pos = (nl if nl != -1 else end) + 1
    return lines


def _dates_in(line: str, offset: int) -> list[_Found]:
    """Every date in one line (non-overlapping, earliest first, longest on ties), classified."""
    raw: list[tuple[int, int, str, bool, bool]] = []
    for shape, pattern in _SHAPES:
        for m in pattern.finditer(line):
            parsed = _date_of(shape, m)
            if parsed is None:
                continue
            day, ambiguous = parsed
            start, end = m.start(), m.end()
            hour = minute = None
            if shape == "iso" and m.group("hour"):
                hour, minute = int(m.group("hour")), int(m.group("minute"))
            else:
                after = _WORDS.time_after.match(line, end)
                if after and (after.group("ampm") or after.group("tz") or ":" in after.group(0)):
                    clock = _clock(after)
                    if clock is not None:
                        (hour, minute), end = clock, after.end()
                if hour is None:
                    before = _WORDS.time_before.search(line[max(0, start - 30):start])
                    clock = _clock(before) if before else None
                    if clock is not None:
                        hour, minute = clock
            value = day.isoformat()
            if hour is not None:
                value += f"T{hour:02d}:{minute:02d}"
            detailed = hour is not None or bool(m.groupdict().get("weekday"))
            raw.append((start, end, value, ambiguous, detailed))
    raw.sort(key=lambda r: (r[0], -r[1]))
    found: list[_Found] = []
    last_end = 0
    for start, end, value, ambiguous, detailed in raw:
        if start < last_end:
            continue
        before = line[last_end:start]
        cue = _WORDS.cue.search(before)
        if cue is not None:
            kind = "updated" if cue.group("updated") else "published"
        elif not found and _WORDS.byline.match(line):
            kind = "published"
        else:
            kind = "plain"
        found.append(_Found(offset + start, offset + end, value, kind, ambiguous, detailed))
        last_end = end
    return found


def _date_of(shape: str, m: re.Match[str]) -> tuple[date, bool] | None:
    """The calendar date a match names and whether day and month could be swapped."""
    try:
        year = int(m.group("year"))
        if shape in ("mdy", "dmy"):
            return date(year, _WORDS.month_numbers[m.group("month").lower()], int(m.group("day"))), False
        if shape == "iso":
            return date(year, int(m.group("month")), int(m.group("day"))), False
        a, b = int(m.group("a")), int(m.group("b"))
        if m.group("sep") == ".":  # 30.06.2016: dotted dates are day first
            return date(year, b, a), False
        if a > 12:  # 30/06/2016 can only be day first
            return date(year, b, a), False
        return date(year, a, b), b <= 12 and a != b  # 06/30/2016; 06/07/2016 is ambiguous
    except ValueError:  # 31 June, 29 February 2015: not a date
        return None


def _clock(m: re.Match[str]) -> tuple[int, int] | None:
    hour, minute = int(m.group("hour")), int(m.group("minute"))
    ampm = (m.group("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    return hour, minute


def _is_dateline(line: str, offset: int, found: list[_Found]) -> bool:
    """A short line is a dateline when it has a cue or is (almost) nothing but a date."""
    if any(f.kind != "plain" for f in found):
        return True
    rest = line
    for f in reversed(found):
        rest = rest[: f.start - offset] + " " + rest[f.end - offset:]
    words = [w for w in _WORD.findall(rest) if w.lower() not in _WORDS.cue_words]
    return len(words) <= _MAX_OTHER_WORDS


def _agency_dateline(line: str, offset: int) -> tuple[int, int, list[_Found]] | None:
    """"WASHINGTON, March 22, 2013 (AP) —" or "KABUL (Reuters) - Sunday 4 October 2015 -" opening
    a paragraph: (start, end, [date])."""
    head = line[:120]
    for f in _dates_in(head, offset):
        start = f.start - offset
        prefix = _WORDS.agency_prefix.match(head[:start])
        if prefix is None:
            first = _WORDS.agency_first.match(head[:start])
            after = _WORDS.dash_after.match(head, f.end - offset)
            if first is not None and after is not None:
                date_only = _Found(f.start, f.end, f.value, "published", f.ambiguous, f.detailed)
                return offset, offset + after.end(), [date_only]
            continue
        suffix = _WORDS.agency_suffix.match(head, f.end - offset)
        if suffix is None:
            continue
        first_word = prefix.group("place").split()[0].strip(",.")
        if not (suffix.group("agency") or (len(first_word) >= 2 and first_word.isupper())):
            continue
        date_only = _Found(f.start, f.end, f.value, "published", f.ambiguous, f.detailed)
        return offset, offset + suffix.end(), [date_only]
    return None


def _choose(found_lines: list[tuple[int, int, list[_Found]]]) -> DCT:
    """Publication over update; the span covers the lines that gave the values."""
    every = [f for _, _, found in found_lines for f in found]
    published = next((f for f in every if f.kind == "published"), None)
    plain = next((f for f in every if f.kind == "plain"), None)
    updated = next((f for f in every if f.kind == "updated"), None)
    chosen = published or plain or updated
    assert chosen is not None  # every line in found_lines holds at least one date
    if chosen is published:
        confidence = CONF_CUED
    elif chosen is plain:
        confidence = CONF_DATE_LINE_DETAILED if chosen.detailed else CONF_DATE_LINE_BARE
    else:
        confidence = CONF_UPDATED_ONLY
    if chosen.ambiguous:
        confidence = min(confidence, CONF_AMBIGUOUS)
    used = [(s, e) for s, e, found in found_lines
            if any(f is chosen or f is updated for f in found)]
    return DCT(value=chosen.value, origin=DctOrigin.DATELINE, confidence=confidence,
               start=used[0][0], end=used[-1][1], updated=updated.value if updated else None)


def parse_machine_date(raw: str) -> str | None:
    """The TIMEX3 value of a date written for machines (meta tags, JSON-LD, ``<time datetime>``).

    ISO 8601 goes through dateutil's strict parser; other forms ("Thu, 30 Jun 2016 10:15:00
    GMT") through the dateline shapes. The clock time is kept as written, without the offset;
    a time of exactly midnight is dropped, as it usually means the writer gave only a day.
    """
    raw = raw.strip()[:100]
    if not raw:
        return None
    moment: datetime | None = None
    has_time = False
    if re.match(r"^\d{4}-?\d\d-?\d\d", raw):
        try:
            moment = isoparse(raw)
            has_time = len(raw) > 10
        except (ValueError, OverflowError):
            moment = None
    if moment is None:
        found = _dates_in(raw, 0)
        if len(found) != 1 or found[0].ambiguous:
            return None
        value = found[0].value
    else:
        if not 1800 <= moment.year <= 2099:
            return None
        value = moment.date().isoformat()
        if has_time:
            value += f"T{moment.hour:02d}:{moment.minute:02d}"
    return value[:10] if value.endswith("T00:00") else value


_LOOSE_STAMP = re.compile(r"^(?P<date>\d{4}-\d\d-\d\d)[T ](?P<time>\d\d:\d\d)(?::\d{1,2}(?:\.\d{1,9})?)?\s?"
                          r"(?P<zone>Z|[+-]\d\d:?\d\d)?$")


def machine_date(raw: str) -> tuple[str, str | None] | None:
    """(value, UTC offset) of a date written for machines, or None.

    ``value`` is the date and clock time *as written* (the writer's local time), as in
    :func:`parse_machine_date`; the offset is the one written with it (``"+03:00"``,
    ``"+00:00"`` for ``Z``), None when none is. RFC 2822 dates ("Thu, 30 Jun 2016 10:15:00
    GMT") keep their zone too. A time of exactly midnight is dropped with its offset: it
    usually means the writer gave only a day. Years before 1990 are refused: no web page
    was published then.
    """
    raw = raw.strip()[:100]
    moment: datetime | None = None
    if re.match(r"^\d{4}-?\d\d-?\d\d", raw):
        try:
            moment = isoparse(raw)
        except (ValueError, OverflowError):
            moment = None
        has_time = len(raw) > 10 and moment is not None
    elif re.match(r"^(?:[A-Za-z]{3},\s{0,3})?\d{1,2}\s[A-Za-z]{3}\s\d{4}\s\d\d:\d\d", raw):
        try:
            moment = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            moment = None
        has_time = moment is not None
    if moment is None and (loose := _LOOSE_STAMP.match(raw)) is not None:
        # "2020-12-05T23:15:0Z": a malformed ISO stamp whose date, time and zone still read
        try:
            moment = isoparse(f"{loose['date']}T{loose['time']}{loose['zone'] or ''}")
            has_time = True
        except (ValueError, OverflowError):
            moment = None
    if moment is None:
        value = parse_machine_date(raw) if raw else None
        return (value, None) if value and value[:4] >= "1990" else None
    if not 1990 <= moment.year <= 2099:
        return None
    if not has_time or (moment.hour, moment.minute) == (0, 0):
        return moment.date().isoformat(), None
    offset = moment.utcoffset()
    written = None
    if offset is not None:
        minutes = int(offset.total_seconds() // 60)
        written = f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{moment.date().isoformat()}T{moment.hour:02d}:{moment.minute:02d}", written


# A date in a file name: 2016-06-30, 2016_06_30, 2016.06.30 or 20160630, not inside a longer number.
_FILENAME_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<sep>[-_.]?)(?P<month>0[1-9]|1[0-2])(?P=sep)"
                            r"(?P<day>0[1-9]|[12]\d|3[01])(?!\d)")


def from_filename(name: str) -> DCT | None:
    """A low-confidence DCT from a date in a file name (``reuters_2016_06_30.txt``)."""
    for m in _FILENAME_DATE.finditer(name[-255:]):
        try:
            day = date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
        except ValueError:
            continue
        return DCT(value=day.isoformat(), origin=DctOrigin.FILENAME, confidence=CONF_FILENAME)
    return None

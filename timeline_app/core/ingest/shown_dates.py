"""Dates, clock times and zones as web pages show them, in any language.

``shown_dates("Publié le 24 août 2020 à 18 h 23")`` → one :class:`Shown` with the value
``2020-08-24T18:23``; ``shown_clocks("Published 18:58 · Updated 20:14")`` → the two clock
times with their cue. The English-only shapes of :mod:`.dateline` serve plain-text
articles; pages come in every language, so this module reads:

- a day, a month *name* and a year in either order ("24 août 2020", "November 8, 2023",
  "12. Juli 2020", "2020. szeptember 20.", "12 de abril de 2020"), with the month names and
  abbreviations of every language dateparser knows (:func:`month_names`);
- ``2020年7月12日`` and ``2020년 9월 20일``; ISO ``2020-06-29``; numeric dates with dots
  (day first, "09.08.2020") or slashes ("06/10/2020": both readings, marked ambiguous);
- a clock time after the date ("at 6:09 p.m.", "u 10:52", "à 18 h 23", "às 10h30") or just
  before it ("11:25 PM - 10 Jul 2020"), and a zone after the clock ("GMT+10", "+0300", "PDT");
- digits of any script (Arabic-Indic, Persian, Bengali, Devanagari, full-width).

Everything is bounded: a text is read up to ``MAX_TEXT`` characters, every repetition is
bounded, and the patterns run on short texts (a byline, a date element), never on a body.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

MAX_TEXT = 400  # characters of one shown text read: datelines are short

_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
_ENGLISH = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _fold(word: str) -> str:
    """A word as the month table keys it: decomposed (so a letter written precomposed or as a
    base and a mark is one key), casefolded, without a final period."""
    return unicodedata.normalize("NFD", word).casefold().rstrip(".")


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Month names and abbreviations of every language dateparser knows → month number.

    A word that names different months in different languages keeps only its English
    meaning ("mar", "may") or is dropped; words under three letters are dropped ("ag").
    Built once (about 0.1 s) from dateparser's locale data, a dependency of htmldate.
    """
    from dateparser.languages.loader import default_loader  # imported here: only pages need it

    table: dict[str, int] = {}
    clash: set[str] = set()
    for locale in default_loader.get_locales():
        for month, key in enumerate(_MONTH_KEYS, 1):
            for word in locale.info.get(key, []):
                folded = _fold(word)
                if len(folded) < 3 or any(ch.isspace() or ch.isdigit() or ch in ".,/()-:" for ch in folded):
                    continue
                if table.setdefault(folded, month) != month:
                    clash.add(folded)
    for word in clash:
        del table[word]
    for month, word in enumerate(_ENGLISH, 1):
        table[word] = month
    table["sept"] = 9
    return table


_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WORDS = re.compile(r"[^\s\d.,/()\-:;|·•]{2,20}")


@lru_cache(maxsize=1)
def weekday_names() -> frozenset[str]:
    """Weekday names and abbreviations (three letters or more) of every language dateparser knows."""
    from dateparser.languages.loader import default_loader  # imported here: only pages need it

    return frozenset(_fold(word) for locale in default_loader.get_locales() for key in _WEEKDAY_KEYS
                     for word in locale.info.get(key, []) if len(_fold(word)) >= 3)


def names_weekday(text: str) -> bool:
    """Whether a short text names a day of the week ("Domenica", "Tue,", "duminică")."""
    names = weekday_names()
    return any(_fold(word) in names for word in _WORDS.findall(text[:MAX_TEXT]))


# Every decimal digit of the scripts pages are written in, to its ASCII digit (one character
# for one, so offsets into the text stay valid).
_DIGITS = {c: str(unicodedata.digit(chr(c))) for c in (*range(0x660, 0x1100), *range(0xFF10, 0xFF1A))
           if unicodedata.category(chr(c)) == "Nd"}


def ascii_digits(text: str) -> str:
    """``text`` with the digits of any script as 0-9, character for character."""
    return text.translate(_DIGITS)


_WORD = r"(?P<word>[^\s\d.,/()\-:;|·•]{3,20}\.?)"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|er|º)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day-month", re.compile(rf"(?<!\d){_DAY}\.?\s{{0,3}}(?:de\s{{1,3}}|-)?{_WORD},?\s{{0,3}}"
                             rf"(?:de\s{{1,3}}|-)?{_YEAR}(?!\d)", re.IGNORECASE)),
    ("month-day", re.compile(rf"{_WORD}\s{{1,3}}{_DAY},?\s{{1,3}}{_YEAR}(?!\d)", re.IGNORECASE)),
    ("year-month", re.compile(rf"(?<!\d){_YEAR}\.?\s{{1,3}}{_WORD}\s{{1,3}}{_DAY}(?!\d)", re.IGNORECASE)),
    ("cjk", re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)\s?[年년]\s?(?P<month>1[0-2]|0?[1-9])\s?[月월]\s?"
                       r"(?P<day>3[01]|[12]\d|0?[1-9])\s?[日일]?")),
    ("iso", re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)(?P<sep>[-/.])(?P<month>1[0-2]|0?[1-9])(?P=sep)"
                       r"(?P<day>3[01]|[12]\d|0?[1-9])(?![\d/.]|-\d)")),
    ("numeric", re.compile(r"(?<![\d/.-])(?P<a>3[01]|[12]\d|0?[1-9])(?P<sep>[-/.])(?P<b>3[01]|[12]\d|0?[1-9])"
                           r"(?P=sep)(?P<year>(?:19|20)\d\d)(?![\d/.-])")),
)
_AMPM = r"(?P<ampm>(?i:[ap]\.?\s?m\.?))(?![^\W\d_])"
_ZONE = r"(?P<zone>(?:GMT|UTC)\s?[+\-−]\s?\d{1,2}(?::?\d\d)?|[+\-−]\d\d:?\d\d|[A-Z]{2,5})(?![^\W\d_])"
# A clock after a date: ", 10:15 am", " u 10:52", " à 18 h 23", " / 12:25 PM", " 22:11 GMT+10".
_CLOCK_AFTER = re.compile(
    r"[\s,|/·•–—-]{0,6}(?:(?i:at|um|à|a\s+las|às|alle|в|o|u|saat|kl\.?)\s{1,3})?"
    r"(?P<hour>[01]?\d|2[0-3])\s?(?:[:.]|\s?[hH]\s?)(?P<minute>[0-5]\d)(?::[0-5]\d)?(?!\d)"
    rf"(?:\s{{0,2}}{_AMPM})?(?:\s{{0,2}}{_ZONE})?")
# A clock just before a date: "11:25 PM - 10 Jul 2020", "6:09 p.m. ET, Wed November 8, 2023".
_CLOCK_BEFORE = re.compile(
    r"(?<![\d:.])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d)?"
    rf"(?:\s{{0,2}}{_AMPM})?(?:\s{{0,2}}{_ZONE})?"
    r"\s{0,3}[,|·•–—-]?\s{0,3}(?:(?i:on)\s{1,3})?(?:[^\W\d_]{2,12}\.?,?\s{1,3})?$")

# Zone abbreviations news pages print, in minutes east of UTC. "ET", "CT", "PT" name a zone
# whose offset depends on the season: they are shown but give no offset by themselves.
ZONES: dict[str, int | None] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60, "IST": 330, "CET": 60, "CEST": 120,
    "MEZ": 60, "MESZ": 120, "EET": 120, "EEST": 180, "MSK": 180, "TRT": 180, "GST": 240, "PKT": 300,
    "WIB": 420, "ICT": 420, "SGT": 480, "HKT": 480, "PHT": 480, "AWST": 480, "JST": 540, "KST": 540,
    "ACST": 570, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780, "EST": -300, "EDT": -240,
    "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420, "AKST": -540,
    "AKDT": -480, "HST": -600, "AST": -240, "ADT": -180, "BRT": -180, "ART": -180,
    "ET": None, "CT": None, "MT": None, "PT": None,
}


def zone_offset(zone: str | None) -> int | None:
    """Minutes east of UTC of a zone as pages write it ("GMT+10", "+0300", "PDT"), or None."""
    if not zone:
        return None
    z = zone.upper().replace(" ", "").replace("−", "-")
    m = re.fullmatch(r"(?:GMT|UTC)?([+-])(\d{1,2}):?(\d\d)?", z)
    if m:
        minutes = int(m[2]) * 60 + int(m[3] or 0)
        return minutes if m[1] == "+" else -minutes
    return ZONES.get(z)


def format_offset(minutes: int) -> str:
    """``-420`` → ``-07:00``."""
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


# "published" and "updated" in the languages htmldate reads, and a few more of the dev pages'
PUBLISHED_WORDS = (r"published|posted|issued|first\s+published|publication\s+date|date\s+published"
                   r"|veröffentlicht|publiziert|erschienen|publié|mis\s+en\s+ligne|publicad[oa]"
                   r"|pubblicato|gepubliceerd|opublikowano|publikováno|publicat|yayı[mn]lan\w*"
                   r"|опубликовано|опубліковано|diterbitkan|dipublikasikan|objavljeno")
UPDATED_WORDS = (r"updated|last\s+updated|modified|revised|edited|aktualisiert|geändert|mis\s+à\s+jour"
                 r"|modifié|actualizad[oa]|atualizad[oa]|aggiornato|bijgewerkt|zaktualizowano"
                 r"|aktualizováno|actualizat|güncelle\w*|обновлено|оновлено|diperbarui|ažurirano")
CUE = re.compile(rf"(?P<published>{PUBLISHED_WORDS})|(?P<updated>{UPDATED_WORDS})", re.IGNORECASE)
_CUED_CLOCK = re.compile(rf"(?:{CUE.pattern})\s{{0,3}}(?i:at|um|à|a\s+las|às|on)?\s{{0,3}}[:\-–]?\s{{0,3}}"
                         r"(?P<hour>[01]?\d|2[0-3])[:.hH](?P<minute>[0-5]\d)(?!\d)"
                         rf"(?:\s{{0,2}}{_AMPM})?(?:\s{{0,2}}{_ZONE})?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Shown:
    """One date as a page shows it."""

    start: int  # offsets in the text read, clock time included
    end: int
    value: str  # YYYY-MM-DD, or YYYY-MM-DDTHH:MM when a clock time is shown
    kind: str  # "published", "updated" (a cue word before it) or "plain"
    ambiguous: bool = False  # day and month could be swapped ("06/10/2020")
    zone: str | None = None  # as written ("GMT+10", "PDT")
    offset: int | None = None  # minutes east of UTC, when the zone tells


def shown_dates(text: str) -> list[Shown]:
    """Every date in a short shown text, earliest first; an ambiguous one in both readings."""
    text = ascii_digits(text[:MAX_TEXT])
    months = month_names()
    raw: list[tuple[int, int, date, bool]] = []
    for shape, pattern in _SHAPES:
        for m in pattern.finditer(text):
            for day, ambiguous in _readings(shape, m, months):
                raw.append((m.start(), m.end(), day, ambiguous))
    raw.sort(key=lambda r: (r[0], -r[1]))
    out: list[Shown] = []
    last_start, last_end = -1, -1
    for start, end, day, ambiguous in raw:
        if start < last_end and start != last_start:
            continue  # inside a longer date already read
        value, zone, stop = day.isoformat(), None, end
        clock = _CLOCK_AFTER.match(text, end)
        if clock is None:
            clock = _CLOCK_BEFORE.search(text, max(0, start - 40), start)
        else:
            stop = clock.end()
        if clock is not None:
            value += "T{:02d}:{:02d}".format(*_hour_minute(clock))
            zone = _known_zone(clock["zone"])
        cues = list(CUE.finditer(text, max(0, last_end), start + 1))
        kind = ("updated" if cues[-1]["updated"] else "published") if cues else "plain"
        out.append(Shown(start, stop, value, kind, ambiguous, zone, zone_offset(zone)))
        last_start, last_end = start, max(last_end, end)
    return out


def _readings(shape: str, m: re.Match[str], months: dict[str, int]) -> list[tuple[date, bool]]:
    """The calendar dates a match can name (two for "06/10/2020"), none if it names none."""
    try:
        year = int(m["year"])
        if shape in ("day-month", "month-day", "year-month"):
            month = months.get(_fold(m["word"]))
            return [] if month is None else [(date(year, month, int(m["day"])), False)]
        if shape in ("cjk", "iso"):
            return [(date(year, int(m["month"]), int(m["day"])), False)]
        a, b = int(m["a"]), int(m["b"])
        if m["sep"] in ".-" or a > 12:  # dotted and dashed dates are day first
            return [(date(year, b, a), False)]
        if b > 12 or a == b:
            return [(date(year, a, b), False)]
        return [(date(year, a, b), True), (date(year, b, a), True)]
    except ValueError:  # 31 June: not a date
        return []


def _known_zone(zone: str | None) -> str | None:
    """The zone as written when it is one (a capitalised word after a clock may be a name)."""
    if not zone:
        return None
    return zone if zone.upper() in ZONES or zone_offset(zone) is not None else None


def _hour_minute(m: re.Match[str]) -> tuple[int, int]:
    hour, minute = int(m["hour"]), int(m["minute"])
    ampm = (m["ampm"] or "").lower()
    if ampm and 1 <= hour <= 12:
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    return hour, minute


@dataclass(frozen=True, slots=True)
class ShownClock:
    """A clock time shown with a cue and no date: "Published 18:58", "Updated 20:14"."""

    kind: str  # "published" or "updated"
    hour: int
    minute: int
    zone: str | None = None
    offset: int | None = None


def shown_clocks(text: str) -> list[ShownClock]:
    """The cued clock times of a short shown text, in order."""
    out: list[ShownClock] = []
    for m in _CUED_CLOCK.finditer(ascii_digits(text[:MAX_TEXT])):
        hour, minute = _hour_minute(m)
        zone = _known_zone(m["zone"])
        out.append(ShownClock("updated" if m["updated"] else "published", hour, minute, zone,
                              zone_offset(zone)))
    return out

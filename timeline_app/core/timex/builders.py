"""Builders: turn a rule's named groups into a typed meaning (see :mod:`.semantics`).

A rule names its builder with ``build:``; each builder reads the named groups it knows
(``year``, ``month``, ``day``, ``weekday``, ``number``, ``unit``, ``rel``, ``mod``, ``qmod``, ``pod``,
``hour``, ``minute``, ``ampm``, ``word``, ``dir``, ``season``, ``ordinal``, ``ord``, ``decade``, ``times``) and the
rule's parameters (``unit``, ``n``, ``value``, ``pod``, ``anchor``, ``direction``, ``mod``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass

from ...rules.loader import RuleSet, table_key
from .. import lang
from ..lang.language import BuilderWords
from .meanings import Around, Clock, Fixed, Holiday, InYear, Literal, Meaning, Named, SamePeriod, Shift, Turn
from .tagger import Candidate


class NoMeaning(ValueError):
    """The match cannot be read as a time after all (e.g. month 13); the candidate is dropped."""


@dataclass(frozen=True, slots=True)
class Built:
    meaning: Meaning
    type: str
    mod: str | None
    freq: str | None = None  # TIMEX3 freq of a SET: "twice a week" → 2X


def _num(rs: RuleSet, surface: str) -> float | str:
    """A count: digits, number words, or "X" for vague counts ("several")."""
    s = surface.replace(",", "").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s) if "." in s else int(s)
    found = rs.lookup("number", s)
    if found is None:
        raise NoMeaning(f"not a number: {surface!r}")
    return found if found == "X" else (float(found) if "." in found else int(found))


def _unit(rs: RuleSet, surface: str) -> str:
    unit = rs.lookup("unit", surface)
    if unit is None:
        raise NoMeaning(f"not a unit: {surface!r}")
    return unit


# The unit table speaks ISO durations, where H is an hour and S a second; a shift's H is a
# half-year, so its hours and seconds are HOUR and SEC.
_SHIFT_UNIT = {"H": "HOUR", "S": "SEC"}


def _shift_unit(rs: RuleSet, c: Candidate) -> str:
    """The unit a shift counts in: the rule's ``unit`` parameter, else the matched unit word."""
    if "unit" in c.rule.params:
        return c.rule.params["unit"]
    unit = _unit(rs, c.groups["unit"])
    return _SHIFT_UNIT.get(unit, unit)


def _month(rs: RuleSet, surface: str) -> int:
    if surface.isdigit():
        month = int(surface)
    else:
        found = rs.lookup("month", surface)
        month = int(found) if found else 0
    if not 1 <= month <= 12:
        raise NoMeaning(f"not a month: {surface!r}")
    return month


def _words(rs: RuleSet) -> BuilderWords:
    """The words of the rules' language that the builders read beyond the rule tables."""
    return lang.language(rs.language).builders


def _year(rs: RuleSet, g: dict[str, str]) -> int | None:
    if "year" in g:
        return int(g["year"])
    if "spelled" in g:
        return _words(rs).spelled_year(g["spelled"])
    if "yy" in g:  # two-digit years: '98 → 1998, '05 → 2005
        yy = int(g["yy"].lstrip("'\u2019"))
        return 2000 + yy if yy < 50 else 1900 + yy
    return None


def _mod(rs: RuleSet, c: Candidate) -> str | None:
    if "mod" in c.rule.params:
        return c.rule.params["mod"] or None
    for key in ("mod", "qmod"):
        if key in c.groups:
            return rs.lookup("mod", c.groups[key]) or None
    return None


def _rel(rs: RuleSet, c: Candidate) -> int | None:
    if "n" in c.rule.params:
        return int(c.rule.params["n"])
    if "rel" in c.groups:
        found = rs.lookup("relword", c.groups["rel"])
        return int(found) if found is not None else None
    return None


def _pod(rs: RuleSet, c: Candidate) -> str | None:
    if "pod" in c.rule.params:
        return c.rule.params["pod"]
    return rs.lookup("part_of_day", c.groups["pod"]) if "pod" in c.groups else None


def _anchor(c: Candidate) -> str:
    return c.rule.params.get("anchor", "dct")


def _day(surface: str) -> int:
    day = int(re.match(r"\d+", surface).group())  # type: ignore[union-attr]
    if not 1 <= day <= 31:
        raise NoMeaning("day out of range")
    return day


def build_date(rs: RuleSet, c: Candidate) -> Meaning:
    g = c.groups
    year = _year(rs, g)
    month = _month(rs, g["month"]) if "month" in g else None
    day = _day(g["day"]) if "day" in g else None
    if year is not None and month is not None and day is not None:
        pod = _pod(rs, c)
        return Fixed(f"{year:04d}-{month:02d}-{day:02d}" + (f"T{pod}" if pod else ""))
    if year is not None and month is not None:
        return Fixed(f"{year:04d}-{month:02d}")
    if year is not None:
        return Fixed(f"{year:04d}")
    if month is not None and day is not None:
        return Named("monthday", month, day=day, rel=_rel(rs, c), anchor=_anchor(c), pod=_pod(rs, c))
    raise NoMeaning("a date needs at least a year, or a month and a day")


def build_month(rs: RuleSet, c: Candidate) -> Meaning:
    month = _month(rs, c.groups["month"])
    year = _year(rs, c.groups)
    if year is not None:
        return Fixed(f"{year:04d}-{month:02d}")
    return Named("month", month, rel=_rel(rs, c), anchor=_anchor(c))


def build_weekday(rs: RuleSet, c: Candidate) -> Meaning:
    found = rs.lookup("weekday", c.groups["weekday"])
    if found is None:
        raise NoMeaning("not a weekday")
    return Named("weekday", int(found), rel=_rel(rs, c), anchor=_anchor(c), pod=_pod(rs, c))


def build_relative(rs: RuleSet, c: Candidate) -> Meaning:
    g = c.groups
    unit = _shift_unit(rs, c)
    n = _rel(rs, c)
    if n is None:
        raise NoMeaning("no direction")
    if "season" in g:
        return Named("season", 0, season=rs.lookup("season", g["season"]), rel=n, anchor=_anchor(c))
    return Shift(unit=unit, n=n, anchor=_anchor(c), pod=_pod(rs, c))


_YEARS_IN = {"DE": 10, "CE": 100, "ML": 1000}


def build_offset(rs: RuleSet, c: Candidate) -> Meaning:
    g = c.groups
    unit = _shift_unit(rs, c)
    n = _num(rs, g["number"]) if "number" in g else 1
    if "half" in g and n != "X":  # "a minute and a half later": one and a half minutes
        n = float(n) + 0.5
    direction = c.rule.params.get("direction") or g.get("dir", "")
    sign = 1 if table_key(direction) in _words(rs).forward else -1
    if n == "X":  # "several years ago": some time in the past
        return Literal("PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit in _YEARS_IN:
        # "a decade ago" is the year ten years back (2006 from 2016), not the 2000s.
        return Shift(unit="Y", n=sign * float(n) * _YEARS_IN[unit], anchor=_anchor(c))
    return Shift(unit=unit, n=sign * float(n), anchor=_anchor(c))


def build_deictic(rs: RuleSet, c: Candidate) -> Meaning:
    word = c.groups.get("word", c.rule.params.get("value", ""))
    found = rs.lookup("deictic", word)
    if found is None:
        raise NoMeaning(f"unknown deictic word {word!r}")
    offset, _, pod = found.partition(" ")
    return Shift(unit="D", n=int(offset), anchor="dct", pod=pod or _pod(rs, c))


def build_ref(rs: RuleSet, c: Candidate) -> Meaning:
    if "value" in c.rule.params:
        return Literal(c.rule.params["value"])
    found = rs.lookup("ref", c.groups.get("word", ""))
    if found is None:
        raise NoMeaning("unknown reference word")
    return Literal(found)


# Each unit's next smaller unit and how many of it make one: a fraction is written as whole
# numbers of both ("2 1/2 years" → P2Y6M, "5 1/2 hours" → PT5H30M, as ISO 8601 durations are).
_SMALLER = {"Y": ("M", 12), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}
_TIME_LETTERS = ("H", "MIN", "S")


def _duration_value(n: float | str, unit: str) -> str:
    # TimeML writes decades and centuries in years, weekends as days, fortnights as weeks
    # (quarters stay quarters: P2Q).
    factor = {"DE": ("Y", 10), "CE": ("Y", 100), "ML": ("Y", 1000), "FN": ("W", 2), "WE": ("D", 2)}
    letter, mult = factor.get(unit, (unit, 1))
    parts: list[tuple[str, str]] = []
    if n == "X":
        parts.append(("X", letter))
    else:
        total = float(n) * mult
        if letter == "W" and total != int(total):  # weeks and days do not mix: 1.5 weeks is P10.5D
            letter, total = "D", total * 7
        whole = int(total)
        if whole:
            parts.append((str(whole), letter))
        if total != whole:
            smaller, per = _SMALLER.get(letter, (letter, 1))
            rest = (total - whole) * per
            parts.append((str(round(rest)) if abs(rest - round(rest)) < 1e-9 else f"{rest:g}", smaller))
    if not parts:  # "0 months": P0M, not the empty P
        parts.append(("0", letter))
    date_part = "".join(a + u for a, u in parts if u not in _TIME_LETTERS)
    time_part = "".join(a + ("M" if u == "MIN" else u) for a, u in parts if u in _TIME_LETTERS)
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def build_duration(rs: RuleSet, c: Candidate) -> Meaning:
    if "value" in c.rule.params:
        return Literal(c.rule.params["value"])
    g = c.groups
    unit = c.rule.params.get("unit") or _unit(rs, g["unit"])
    n: float | str = 1
    if "number" in g:
        n = _num(rs, g["number"])
        if ("half" in g or "half2" in g) and n != "X":  # "2 1/2 years", "a minute and a half"
            n = float(n) + 0.5
    elif "n" in c.rule.params:
        n = c.rule.params["n"] if c.rule.params["n"] == "X" else float(c.rule.params["n"])
    return Literal(_duration_value(n, unit))


def build_set(rs: RuleSet, c: Candidate) -> Meaning:
    g = c.groups
    if "weekday" in g:
        found = rs.lookup("weekday", g["weekday"])
        pod = rs.lookup("part_of_day", g["pod"].rstrip("s")) if "pod" in g else None
        return Literal(f"XXXX-WXX-{found}" + (f"T{pod}" if pod else ""))
    if "month" in g:
        return Literal(f"XXXX-{_month(rs, g['month']):02d}")
    if "season" in g:  # "every summer"
        return Literal(f"XXXX-{rs.lookup('season', g['season']) or 'SU'}")
    if "word" in g and rs.lookup("set", g["word"]):
        return Literal(rs.lookup("set", g["word"]) or "")
    if "value" in c.rule.params:
        return Literal(c.rule.params["value"])
    unit = _unit(rs, g["unit"])
    n = _num(rs, g["number"]) if "number" in g else 1
    return Literal(_duration_value(n, unit))


def build_time(rs: RuleSet, c: Candidate) -> Meaning:
    g = c.groups
    if "value" in c.rule.params:  # noon "12:00", midnight "24" (TimeML writes T24)
        hour_s, _, minute_s = c.rule.params["value"].partition(":")
        hour, minute = int(hour_s), (int(minute_s) if minute_s else None)
    else:
        hour = int(g["hour"])
        minute_s = g.get("minute") or g.get("dotted")  # "11:30", or "11.30pm" (only before am/pm)
        minute = int(minute_s) if minute_s else None
        ampm = table_key(g.get("ampm", "")).replace(" ", "")
        if "daypart" in g:  # "4 in the morning", "9 at night" (but "2 at night" is a.m.)
            ampm = "am" if g["daypart"].endswith(_words(rs).morning) or hour < 5 else "pm"
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        if minute is None and not ampm:
            raise NoMeaning("a bare number is not a clock time")
    if not (0 <= hour <= 24 and (minute is None or 0 <= minute < 60)):
        raise NoMeaning("clock out of range")
    day: Meaning | None = None
    if "weekday" in g:
        day = build_weekday(rs, c)
    elif "word" in g:
        day = build_deictic(rs, c)
    elif "month" in g and "day" in g:
        day = build_date(rs, c)
    if isinstance(day, Literal):
        day = None
    return Clock(hour=hour, minute=minute, day=day)  # type: ignore[arg-type]


def build_part_of_day(rs: RuleSet, c: Candidate) -> Meaning:
    pod = _pod(rs, c)
    if "weekday" in c.groups:
        found = rs.lookup("weekday", c.groups["weekday"])
        return Named("weekday", int(found or 1), rel=_rel(rs, c), anchor=_anchor(c), pod=pod)
    return Shift(unit="D", n=_rel(rs, c) or 0, anchor=_anchor(c), pod=pod)


def build_anaphor(rs: RuleSet, c: Candidate) -> Meaning:
    unit = _shift_unit(rs, c)
    n = _rel(rs, c)
    if "number" in c.groups:
        count = _num(rs, c.groups["number"])
        if count == "X":
            return Literal("PAST_REF")
        n = int(float(count)) * (n if n is not None else 1)
    return Shift(unit=unit, n=n or 0, anchor=c.rule.params.get("anchor", "previous"), pod=_pod(rs, c))


def build_season(rs: RuleSet, c: Candidate) -> Meaning:
    code = rs.lookup("season", c.groups["season"]) or "SU"
    year = _year(rs, c.groups)
    if year is not None:
        return Fixed(f"{year:04d}-{code}")
    return Named("season", 0, season=code, rel=_rel(rs, c), anchor=_anchor(c))


def _period_index(rs: RuleSet, ordinal: str, kind: str) -> int:
    """Which quarter, half or week of a month an ordinal names: "third" or "3rd" → 3, "last"
    → the final one."""
    limit = {"quarter": 4, "half": 2, "week": 4}[kind]
    found = rs.lookup("ordinal", ordinal)
    index = int(found) if found else int(ordinal[0]) if ordinal[0].isdigit() else 0
    if index == -1:  # "the last half of 1989", "the last quarter of the year"
        index = limit
    if not 1 <= index <= limit:
        raise NoMeaning(f"no such {kind}")
    return index


def build_quarter(rs: RuleSet, c: Candidate) -> Meaning:
    g = c.groups
    kind = c.rule.params.get("unit", "quarter")
    letter = "Q" if kind == "quarter" else "H"
    if "first" in g and "last" in g:  # "the April-June quarter"
        first, last = _month(rs, g["first"]), _month(rs, g["last"])
        if first % 3 != 1 or last != first + 2:
            raise NoMeaning("the months do not make a calendar quarter")
        index = first // 3 + 1
    elif "ordinal" in g:
        index = _period_index(rs, g["ordinal"], kind)
    else:
        index = 0
    year = _year(rs, g)
    if year is not None and index:
        return Fixed(f"{year:04d}-{letter}{index}")
    if not index:  # "the quarter", "the latest quarter": the one just reported
        return Shift(unit=letter, n=_rel(rs, c) if _rel(rs, c) is not None else -1, anchor=_anchor(c))
    return Named(kind, index, rel=_rel(rs, c), anchor=_anchor(c))


def build_decade(rs: RuleSet, c: Candidate) -> Meaning:
    g = c.groups
    if "decade" in g:
        digits = g["decade"].strip("'\u2019")
        if len(digits) == 4:
            if digits.endswith("00") and digits < "2000":
                # "the late 1800s", "the early 1900s": a hundred years, as people use them (the
                # century 18 is 1800-1899), not the decade 1800-1809. "the 2000s" stays a decade.
                return Fixed(digits[:2])
            return Fixed(digits[:3])
        if len(digits) == 3:  # "the 470s BC": a decade of the first millennium
            return Fixed("0" + digits[:2])
        if len(digits) == 2:  # '90s → 199, '00s → 200
            return Fixed(("19" if int(digits) >= 10 else "20") + digits[0])
    word = rs.lookup("decade", g.get("word", ""))
    if word is not None:
        return Fixed(f"19{word}")
    raise NoMeaning("not a decade")


def build_century(rs: RuleSet, c: Candidate) -> Meaning:
    ordinal = c.groups["ordinal"]
    digits = re.match(r"\d+", ordinal)
    n = int(digits.group()) if digits else int(rs.lookup("ordinal", ordinal) or 0)
    if not 1 <= n <= 30:
        raise NoMeaning("no such century")
    return Fixed(f"{n - 1:02d}")


def build_spelled_year(rs: RuleSet, c: Candidate) -> Meaning:
    year = _words(rs).spelled_year(c.groups["spelled"])
    if year is None:
        raise NoMeaning("not a spelled-out year")
    return Fixed(f"{year:04d}")


def build_holiday(rs: RuleSet, c: Candidate) -> Meaning:
    spec = rs.lookup("holiday", c.groups["holiday"])
    if spec is None:
        raise NoMeaning(f"unknown holiday {c.groups['holiday']!r}")
    return Holiday(spec=spec, year=_year(rs, c.groups), rel=_rel(rs, c), anchor=_anchor(c))


def build_same_period(rs: RuleSet, c: Candidate) -> Meaning:
    year = _year(rs, c.groups)
    if year is not None:
        return SamePeriod(year)
    years = _rel(rs, c)
    if years is None:
        raise NoMeaning("no year")
    return SamePeriod(None, years)


def build_in_year(rs: RuleSet, c: Candidate) -> Meaning:
    """A month, day, quarter, half or season of a year named relative to now: "June last year",
    "this year's third quarter"."""
    g = c.groups
    years = _rel(rs, c)
    if years is None:
        raise NoMeaning("no year")
    if "month" in g:
        month = _month(rs, g["month"])
        if "day" in g:
            return InYear(years, "monthday", month, day=_day(g["day"]), anchor=_anchor(c))
        return InYear(years, "month", month, anchor=_anchor(c))
    if "season" in g:
        return InYear(years, "season", season=rs.lookup("season", g["season"]) or "SU", anchor=_anchor(c))
    kind = c.rule.params.get("unit", "quarter")
    return InYear(years, kind, _period_index(rs, g["ordinal"], kind))


def build_months_of_year(rs: RuleSet, c: Candidate) -> Meaning:
    """"the first three months of 2016" is its first quarter, "the last six months of last
    year" its second half: months counted from an end of a year that make a quarter or a half."""
    g = c.groups
    kind = {3: "quarter", 6: "half"}.get(_num(rs, g["number"]))  # type: ignore[call-overload]
    if kind is None:
        raise NoMeaning("the months make neither a quarter nor a half")
    index = 1 if g["edge"].lower() == _words(rs).first else {"quarter": 4, "half": 2}[kind]
    year = _year(rs, g)
    if year is not None:
        return Fixed(f"{year:04d}-{'Q' if kind == 'quarter' else 'H'}{index}")
    years = _rel(rs, c)
    if years is None:
        raise NoMeaning("no year")
    return InYear(years, kind, index)


def build_year_span(rs: RuleSet, c: Candidate) -> Meaning:
    """The second year of a span, written in full or by its last digits: "1915–16" → 1916,
    "1999-2000", "2006-07" → 2007 (the first year is a year of its own)."""
    first, second = c.groups["first"], c.groups["second"]
    if len(second) >= len(first):
        year = int(second)
    else:
        scale = 10 ** len(second)
        year = int(first) // scale * scale + int(second)
        if year <= int(first):  # "1999-00": the next century
            year += scale
    if year <= int(first) or year - int(first) > 100:
        raise NoMeaning("not a span of years")
    return Fixed(f"{year:04d}")


def _before_christ(meaning: Meaning) -> Meaning:
    """A value of the years before Christ (a rule's ``bce`` group: "BC", "B.C.", "BCE"), as
    TIMEX3 writes them: "480 BC" → BC0480, "the 5th century BC" → BC04, "the 470s BC" → BC047."""
    return Fixed("BC" + meaning.value) if isinstance(meaning, Fixed) else meaning


def build_turn(rs: RuleSet, c: Candidate) -> Meaning:
    """"the turn of the century" (100 years) or "of the millennium" (1000)."""
    return Turn(100 if c.groups["era"].lower() == _words(rs).century else 1000)


def build_weekend(rs: RuleSet, c: Candidate) -> Meaning:
    """"the weekend", "this weekend": the tense tells which one."""
    return Named("weekend", 0, rel=None, anchor=_anchor(c))


def build_literal(rs: RuleSet, c: Candidate) -> Meaning:
    return Literal(c.rule.params["value"])


def build_around(rs: RuleSet, c: Candidate) -> Meaning:
    """"the day before last Tuesday", "the week of March 6": ``inner`` names the builder of the
    date inside, ``unit`` the unit counted, and ``dir`` (before/after) or ``shift`` how many."""
    inner = BUILDERS[c.rule.params["inner"]](rs, c)
    if not isinstance(inner, (Named, Holiday, Fixed)):
        raise NoMeaning("no date to count from")
    if "dir" in c.groups:
        n = -1 if table_key(c.groups["dir"]) == _words(rs).before else 1
    else:
        n = int(c.rule.params.get("shift", "0"))
    return Around(inner, _shift_unit(rs, c), n)


def build_week_of_month(rs: RuleSet, c: Candidate) -> Meaning:
    """"the first week of March": the calendar week holding the middle of the month's first seven
    days (March 4); "the last week of December" the one holding the middle of its last seven
    (December 28). A week that straddles two months is told by the side it mostly lies on."""
    g = c.groups
    month = _month(rs, g["month"])
    year = _year(rs, g)
    index = _period_index(rs, g["ord"], "week")
    length = calendar.monthrange(year if year is not None else 2001, month)[1]  # 2001: no leap day
    day = length - 3 if table_key(g["ord"]) in _words(rs).last else 7 * (index - 1) + 4
    inner: Fixed | Named = (Fixed(f"{year:04d}-{month:02d}-{day:02d}") if year is not None
                            else Named("monthday", month, day=day, rel=_rel(rs, c)))
    why = f"the calendar week holding most of the {table_key(g['ord'])} seven days of {calendar.month_name[month]}"
    return Around(inner, "W", 0, why=why)


BUILDERS: dict[str, Callable[[RuleSet, Candidate], Meaning]] = {
    "date": build_date, "month": build_month, "weekday": build_weekday, "relative": build_relative,
    "offset": build_offset, "deictic": build_deictic, "ref": build_ref, "duration": build_duration,
    "set": build_set, "time": build_time, "part-of-day": build_part_of_day, "anaphor": build_anaphor,
    "season": build_season, "quarter": build_quarter, "decade": build_decade,
    "century": build_century, "literal": build_literal, "weekend": build_weekend, "months-of-year": build_months_of_year, "turn": build_turn, "holiday": build_holiday,
    "spelled-year": build_spelled_year, "same-period": build_same_period, "in-year": build_in_year,
    "around": build_around, "week-of-month": build_week_of_month, "year-span": build_year_span,
}


def build(rs: RuleSet, c: Candidate) -> Built:
    meaning = BUILDERS[c.rule.build](rs, c)
    if "bce" in c.groups:
        meaning = _before_christ(meaning)
    type_ = c.rule.type
    with_part_of_day = isinstance(meaning, (Named, Shift)) and meaning.pod and type_ == "DATE"
    if isinstance(meaning, Clock) or with_part_of_day:
        type_ = "TIME"
    return Built(meaning=meaning, type=type_, mod=_mod(rs, c), freq=_freq(rs, c))


def _freq(rs: RuleSet, c: Candidate) -> str | None:
    """How often in each period: "twice a week" → 2X, "three times a day" → 3X."""
    if "times" not in c.groups:
        return None
    count = _num(rs, c.groups["times"].split()[0])
    return f"{count}X" if isinstance(count, int) else None

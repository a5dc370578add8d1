"""Dates as pages show them, in any language (shown_dates), and the decision's pieces."""

from __future__ import annotations

import pytest

from timeline_app.core.ingest.date_evidence import meta_kind
from timeline_app.core.ingest.dateline import machine_date
from timeline_app.core.ingest.shown_dates import names_weekday, shown_clocks, shown_dates, zone_offset


@pytest.mark.parametrize(("text", "expected"), [
    ("Unica.md, 20 septembrie 2020 16:20", [("2020-09-20T16:20", "plain")]),
    ("November 8, 2023 at 6:09 p.m.", [("2023-11-08T18:09", "plain")]),
    ("January 19, 2020 / 12:25 PM / Updated 8 hours ago", [("2020-01-19T12:25", "plain")]),
    ("11:25 PM - 10 Jul 2020", [("2020-07-10T23:25", "plain")]),
    ("Publié le 24 août 2020 à 18 h 23", [("2020-08-24T18:23", "published")]),
    ("12 de abril de 2020 às 10h30", [("2020-04-12T10:30", "plain")]),
    ("Sonntag, 12. Juli 2020", [("2020-07-12", "plain")]),
    ("29 июня 2020, 00:16", [("2020-06-29T00:16", "plain")]),
    ("الأربعاء، 07 أكتوبر 2020 - 12:09 م", [("2020-10-07T12:09", "plain")]),
    ("১৬:২০, ১৬ ফেব্রুয়ারি ২০২০", [("2020-02-16T16:20", "plain")]),
    ("2020年7月12日", [("2020-07-12", "plain")]),
    ("09.08.2020 u 10:52", [("2020-08-09T10:52", "plain")]),
    ("Posted: June 3, 2020 Updated: June 4, 2020 at 9:00 AM EDT",
     [("2020-06-03", "published"), ("2020-06-04T09:00", "updated")]),
    ("31 June 2020", []),  # not a date
    ("Chapter 12, verse 2020", []),
])
def test_shown_dates(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(d.value, d.kind) for d in shown_dates(text)] == expected


def test_ambiguous_numeric_date_gives_both_readings() -> None:
    found = shown_dates("06/10/2020")
    assert [(d.value, d.ambiguous) for d in found] == [("2020-06-10", True), ("2020-10-06", True)]


def test_zones() -> None:
    (found,) = shown_dates("13 Jan 2020, 22:11 GMT+10")
    assert (found.value, found.zone, found.offset) == ("2020-01-13T22:11", "GMT+10", 600)
    assert zone_offset("PDT") == -420 and zone_offset("+0530") == 330 and zone_offset("ET") is None


def test_cued_clocks_without_a_date() -> None:
    assert [(c.kind, c.hour, c.minute) for c in shown_clocks("Published 18:58 · Updated 20:14")] == [
        ("published", 18, 58), ("updated", 20, 14)]


def test_weekday_names_in_any_language() -> None:
    assert names_weekday("Domenica 06 Dicembre 2020 | 00:36") and names_weekday("Tue, 14 Jan 2020")
    assert not names_weekday("Katrina Creer 21 Jan 2020")


@pytest.mark.parametrize(("raw", "expected"), [
    ("2023-11-09T01:09:55Z", ("2023-11-09T01:09", "+00:00")),
    ("20200413T16:38:07Z", ("2020-04-13T16:38", "+00:00")),
    ("2020-06-29T00:16:15+03:00", ("2020-06-29T00:16", "+03:00")),
    ("2020-12-05T23:15:0Z", ("2020-12-05T23:15", "+00:00")),  # malformed seconds
    ("Thu, 30 Jun 2016 10:15:00 GMT", ("2016-06-30T10:15", "+00:00")),
    ("2020-10-26T00:00:00-05:00", ("2020-10-26", None)),  # midnight: a day
    ("2020-12-05 23:15", ("2020-12-05T23:15", None)),
    ("1985-01-01", None),  # before the web
])
def test_machine_dates_keep_their_offset(raw: str, expected: tuple[str, str | None] | None) -> None:
    assert machine_date(raw) == expected


@pytest.mark.parametrize(("name", "kind"), [
    ("article:published_time", "published"), ("bt:pubdate", "published"), ("dc.date.issued", "published"),
    ("cxenseparse:recs:publishtime", "published"), ("datecreated", "created"),
    ("article:modified_time", "modified"), ("og:updated_time", "modified"), ("date", "unknown"),
    ("article:expiration_time", None), ("article:publisher", None), ("twitter:creator", None),
])
def test_meta_kind_is_read_from_the_name(name: str, kind: str | None) -> None:
    assert meta_kind(name) == kind

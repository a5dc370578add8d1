"""The page's own clock (issue 19, item 2): three saved news pages whose DCT must be the
local date and time of the publication, with the page's UTC offset when it can be known."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_app.core.ingest import read_article
from timeline_app.core.pipeline import analyze

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(("name", "value", "offset", "updated"), [
    # "November 8, 2023 at 6:09 p.m." shown, "…T01:09:55Z" in the metadata: the same moment at -07:00
    ("clock_evening.html", "2023-11-08T18:09", "-07:00", None),  # modified = published
    # "January 19, 2020 / 12:25 PM / Updated 8 hours ago": the meta tags give only the update
    ("clock_updated_hours_ago.html", "2020-01-19T12:25", None, "2020-01-20T01:40"),
    # "Published 18:58 · Updated 20:14", datePublished written with the update's 20:14+00:00
    ("clock_published_updated.html", "2023-11-06T18:58", "+00:00", "2023-11-06T20:14"),
])
def test_published_local_time(name: str, value: str, offset: str | None, updated: str | None) -> None:
    dct = read_article(FIXTURES / name).dct
    assert dct is not None
    assert (dct.value, dct.utc_offset, dct.updated) == (value, offset, updated), dct.reason


def test_clock_times_in_the_text_resolve_in_the_page_zone() -> None:
    article = read_article(FIXTURES / "clock_evening.html")
    timexes = {t.text: t for t in analyze(article).timexes}
    # "7 p.m." is the evening of the page's own 8 November, not of 9 November in UTC
    assert timexes["7 p.m."].value == "2023-11-08T19:00"
    assert article.dct is not None and article.dct.to_json()["utc_offset"] == "-07:00"

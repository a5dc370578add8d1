"""Rights lines of news pages are boilerplate, so their year makes no event."""

from __future__ import annotations

import pytest

from timeline_app.core.ingest.boilerplate import is_boilerplate_line


@pytest.mark.parametrize("line", [
    ("Copyright 2020 The Associated Press. All rights reserved. This material may not be published, broadcast, "
    "rewritten or redistributed without permission."),
    "© 2020 Le Journal. Tous droits réservés.",
    "RIPRODUZIONE RISERVATA © Copyright ANSA",
])
def test_rights_lines(line: str) -> None:
    assert is_boilerplate_line(line)


def test_a_sentence_about_rights_is_not_one() -> None:
    # a sentence of the article that quotes the phrase, with more after it than a rights line has
    assert not is_boilerplate_line("The court said all rights reserved to the states in 1791 still held, and "
                                   "sent the case back on Tuesday for a new hearing.")

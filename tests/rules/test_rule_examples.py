"""Every rule's worked example runs through the whole tagger and gives the stated value."""

from __future__ import annotations

import pytest

from timeline_app.core.model import DCT, DctOrigin
from timeline_app.core.timex.normalize import resolve_text
from timeline_app.rules.loader import default_ruleset

RULESET = default_ruleset()
CASES = [(rule, ex) for rule in RULESET.rules + RULESET.negatives for ex in rule.examples]


@pytest.mark.parametrize("rule,example", CASES, ids=[f"{r.name}:{e.where}" for r, e in CASES])
def test_worked_example(rule, example) -> None:  # type: ignore[no-untyped-def]
    dct = DCT(example.dct, DctOrigin.USER) if example.dct else None
    found = resolve_text(example.text, dct)
    target = example.text[example.start:example.end]
    if rule.negative:
        hits = [t for t in found if t.start < example.end and example.start < t.end]
        assert not hits, f"{example.where}: negative example {target!r} still tagged as {hits}"
        return
    exact = [t for t in found if (t.start, t.end) == (example.start, example.end)]
    assert exact, f"{example.where}: {target!r} not found; got {[(t.text, t.rule) for t in found]}"
    t = exact[0]
    assert t.rule == rule.name, f"{example.where}: {target!r} found by {t.rule}, not {rule.name}"
    assert t.value == example.value, f"{example.where}: {target!r} → {t.value}, expected {example.value}"
    assert (t.mod or None) == example.mod, f"{example.where}: mod {t.mod}, expected {example.mod}"


def test_every_rule_has_an_example() -> None:
    assert all(rule.examples for rule in RULESET.rules + RULESET.negatives)
    assert len(CASES) >= len(RULESET.rules)

"""The loader fails fast, naming file:line, on any broken rule file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from timeline_app.core.timex.tagger import tag
from timeline_app.resources import resource_path
from timeline_app.rules.loader import RuleError, load_ruleset, table_key

GOOD_RULE = """rule: test-weekday
match: (?P<weekday>%weekday)
type: DATE
build: weekday
example: It happened on [[Tuesday]]. @ 2016-06-30 → 2016-06-28
"""


@pytest.fixture()
def rules_dir(tmp_path: Path) -> Path:
    root = tmp_path / "en"
    shutil.copytree(resource_path("rules", "en", "patterns"), root / "patterns")
    shutil.copytree(resource_path("rules", "en", "normalization"), root / "normalization")
    (root / "rules").mkdir()
    return root


def write(root: Path, body: str) -> None:
    (root / "rules" / "broken.rules").write_text("# a comment line\n" + body, encoding="utf-8")


def test_a_good_file_loads(rules_dir: Path) -> None:
    write(rules_dir, GOOD_RULE)
    rs = load_ruleset(rules_dir)
    assert [r.name for r in rs.rules] == ["test-weekday"]


@pytest.mark.parametrize("body,where,what", [
    (GOOD_RULE.replace("%weekday", "%weekdayz"), "broken.rules:3", "unknown pattern %weekdayz"),
    (GOOD_RULE.replace("(?P<weekday>%weekday)", "(?P<weekday>%weekday"), "broken.rules:3", "bad regex"),
    ("\n".join(GOOD_RULE.splitlines()[:-1]) + "\n", "broken.rules:2", "no worked example"),
    (GOOD_RULE.replace("build: weekday", "build: nonsense"), "broken.rules:2", "unknown build"),
    (GOOD_RULE.replace("type: DATE", "colour: DATE"), "broken.rules:4", "unknown key"),
    (GOOD_RULE.replace("type: DATE", "type: DAY"), "broken.rules:2", "needs 'type'"),
    (GOOD_RULE.replace("@ 2016-06-30 → 2016-06-28", "2016-06-28"), "broken.rules:6", "example must read"),
    (GOOD_RULE + "\n" + GOOD_RULE, "broken.rules:8", "duplicate rule name"),
    ("match: x\n", "broken.rules:2", "starts with 'rule: NAME'"),
    ("rule: x\nthis line has no colon\n", "broken.rules:3", "expected 'key: value'"),
    ("negative: x\nmatch: (?P<a>x)y\nextent: b\nexample: [[x]]y → none\n", "broken.rules:2", "no group"),
    ("negative: x\nmatch: xy\nunit: D\nexample: [[x]]y → none\n", "broken.rules:2", "takes no ['unit']"),
])
def test_broken_rule_file_names_file_and_line(rules_dir: Path, body: str, where: str, what: str) -> None:
    write(rules_dir, body)
    with pytest.raises(RuleError) as info:
        load_ruleset(rules_dir)
    message = str(info.value)
    assert message.startswith(where), message
    assert what in message


def test_broken_pattern_file(rules_dir: Path) -> None:
    (rules_dir / "patterns" / "weekday.txt").write_text("Monday\n(Tuesday\n", encoding="utf-8")
    write(rules_dir, GOOD_RULE)
    with pytest.raises(RuleError, match=r"^weekday\.txt:2: bad regex"):
        load_ruleset(rules_dir)


def test_broken_table_line(rules_dir: Path) -> None:
    (rules_dir / "normalization" / "weekday.tsv").write_text("monday\t1\ntuesday 2\n", encoding="utf-8")
    write(rules_dir, GOOD_RULE)
    with pytest.raises(RuleError, match=r"^weekday\.tsv:2: expected"):
        load_ruleset(rules_dir)


def test_patterns_compile_longest_first(rules_dir: Path) -> None:
    write(rules_dir, GOOD_RULE)
    rs = load_ruleset(rules_dir)
    alternation = rs.patterns["month"]
    assert alternation.index("September") < alternation.index("Sept?")


def test_table_key_normalises_surface_forms() -> None:
    assert table_key("Sept.") == "sept"
    assert table_key("  The   Past ") == "the past"


def test_a_negative_rule_clears_only_its_extent(rules_dir: Path) -> None:
    """The context around the extent decides, but a time inside the context stays."""
    write(rules_dir, GOOD_RULE + "\nnegative: second-of-a-pair\nrequires: weekday\n"
                     "match: %weekday\\s+or\\s+(?P<day>%weekday)\nextent: day\n"
                     "example: It happened on Monday or [[Tuesday]]. → none\n")
    rs = load_ruleset(rules_dir)
    assert [r.params for r in rs.negatives] == [{"extent": "day"}]
    text = "Monday or Tuesday."
    assert [text[c.start:c.end] for c in tag(text, rs)] == ["Monday"]

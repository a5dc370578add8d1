"""A language is two folders: the stages hold no English cue words, and they read an article's own language."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from timeline_app.core import lang, pipeline
from timeline_app.core.model import Article

STAGES = Path(__file__).resolve().parents[2] / "timeline_app" / "core"
STAGE_PACKAGES = ("timex", "ingest")

# English words that cue a reading: if one is in a regex or compared with the text inside a stage
# module, that knowledge is English and belongs in core/lang/en/ (markup vocabulary such as class
# names "posted", "byline", "edited" is not on the list: it is HTML's, not a language's).
CUE_WORDS = ("since", "until", "till", "through", "between", "yesterday", "tomorrow", "tonight", "later",
             "earlier", "ago", "decade", "century", "ended", "ending", "updated", "modified",
             "newsletter", "subscribe", "comments", "results", "penalty", "scored", "local time", "morning",
             "which", "the")
_CUE = re.compile(r"\b(?:" + "|".join(map(re.escape, CUE_WORDS)) + r")\b", re.IGNORECASE)
# Words a stage compared a slice of the text with (``== "later"``, ``startswith("the ")``), as written
# in lower case (upper case is a TIMEX3 code: quant "EVERY"; "century" is also a builder's name).
COMPARED_WORDS = frozenset({"later", "morning", "every", "each", "the ", "had ", "nineteen",
                            "thousand", "hence", "final", " period"})
_GROUP_NAME = re.compile(r"\(\?P(?:<\w+>|=\w+\))")
_REGEX_CALLS = frozenset({"compile", "search", "match", "fullmatch", "sub", "subn", "finditer", "findall", "split"})


def _literal(node: ast.AST) -> str:
    """The literal text of a string expression (the constant parts of an f-string or a concatenation)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_literal(v) for v in node.values)
    if isinstance(node, ast.BinOp):
        return _literal(node.left) + _literal(node.right)
    return ""


def _stage_modules() -> list[Path]:
    return [p for package in STAGE_PACKAGES for p in sorted((STAGES / package).glob("*.py"))]


def _english_in(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _REGEX_CALLS \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args:
            words = _CUE.findall(_GROUP_NAME.sub("", _literal(node.args[0])))
            found += [f"line {node.lineno}: regex with {w!r}" for w in words]
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in COMPARED_WORDS:
            found.append(f"line {node.lineno}: the word {node.value!r}")
    return found


def test_the_stage_modules_hold_no_english_cue_words() -> None:
    modules = _stage_modules()
    assert len(modules) > 20  # the walk found the stages
    found = {str(p.relative_to(STAGES)): words for p in modules if (words := _english_in(p))}
    assert not found, f"English cue words outside core/lang/en/: {found}"


def test_the_check_sees_a_cue_word_in_a_regex(tmp_path: Path) -> None:
    module = tmp_path / "stage.py"
    module.write_text('import re\n_SINCE = re.compile(r"\\b(?:since|dating\\s+to)\\s+$", re.IGNORECASE)\n'
                      'def late(t):\n    return t[:5].lower() == "later"\n', encoding="utf-8")
    assert _english_in(module) == ["line 2: regex with 'since'", "line 4: the word 'later'"]


@pytest.fixture
def second_language(monkeypatch: pytest.MonkeyPatch) -> str:
    """A language "xx": English's rules and words, except for its explanations and its story cues."""
    english = lang.language("en")
    phrases = dataclasses.replace(english.explanations, stated_in_full="{shown}, xx-voll")
    # In "xx" a date after "seit" (not "since") is a landmark: a later "a year earlier" does not count from it.
    story = dataclasses.replace(english.story, since=re.compile(r"\bseit\s+$", re.IGNORECASE))
    xx = dataclasses.replace(english, code="xx", explanations=phrases, story=story)
    package = type(lang.package("en"))("timeline_app.core.lang.xx")
    package.LANGUAGE = xx  # type: ignore[attr-defined]
    real_package, real_ruleset = lang.package, lang.ruleset
    monkeypatch.setattr(lang, "package", lambda code: package if code == "xx" else real_package(code))
    rules = dataclasses.replace(real_ruleset("en"), language="xx")
    monkeypatch.setattr(lang, "ruleset", lambda code: rules if code == "xx" else real_ruleset(code))
    return "xx"


def _explanations(article: Article) -> list[str]:
    return [t.explanation for t in pipeline.analyze(article).timexes]


def test_an_article_is_read_with_the_words_of_its_own_language(second_language: str) -> None:
    text = "The plant opened on May 10, 1990. Sales rose since May 10, 1990."
    english = Article(source="a.txt", title="", text=text)
    other = dataclasses.replace(english, language=second_language)
    assert lang.language(second_language).code == "xx"
    said_en, said_xx = _explanations(english), _explanations(other)
    assert said_en[0].endswith("(Thu 10 May 1990), stated in full")
    assert said_xx[0].endswith("(Thu 10 May 1990), xx-voll")  # its explanations
    assert all("xx-voll" not in s for s in said_en)  # English is untouched by the other language


def test_the_cues_of_the_article_language_decide_the_reading(second_language: str) -> None:
    # "since 1989" is a landmark in English, so "a year earlier" counts from 1995; in "xx" it is
    # not ("seit" is), so the story has moved to 1989 and "a year earlier" is 1988.
    text = "In 1995 sales rose. Exports grew the most since 1989, and a year earlier they fell."
    english = Article(source="a.txt", title="", text=text)
    values_en = [t.value for t in pipeline.analyze(english).timexes]
    values_xx = [t.value for t in pipeline.analyze(dataclasses.replace(english, language=second_language)).timexes]
    assert values_en == ["1995", "1989", "1994"] and values_xx == ["1995", "1989", "1988"], (values_en, values_xx)


def test_sentences_end_by_the_abbreviations_of_the_article_language(second_language: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # "Bd." (Band, a volume) is an abbreviation in "xx", not in English: English ends the
    # sentence at its dot, "xx" reads on, so the event is the whole sentence there.
    xx = lang.language(second_language)
    words = dataclasses.replace(xx.sentences, abbreviations=xx.sentences.abbreviations | {"bd"})
    package = type(lang.package("en"))("timeline_app.core.lang.xx")
    package.LANGUAGE = dataclasses.replace(xx, sentences=words)  # type: ignore[attr-defined]
    real_package = lang.package
    monkeypatch.setattr(lang, "package", lambda code: package if code == "xx" else real_package(code))
    text = "The archive opened on May 10, 1990 with the letters of Bd. Seven of the series."
    english = Article(source="a.txt", title="", text=text)
    (event_en,) = pipeline.analyze(english).events
    (event_xx,) = pipeline.analyze(dataclasses.replace(english, language=second_language)).events
    assert text[event_en.start:event_en.end].endswith("Bd.")
    assert text[event_xx.start:event_xx.end] == text

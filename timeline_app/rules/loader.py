"""Load the tagger's rule files: patterns, normalization tables and rules.

Layout under ``resources/rules/<lang>/``:

* ``patterns/NAME.txt`` — one regex alternative per line, referenced as ``%NAME`` in rules;
  compiled longest first so that "Sept." wins over "Sep".
* ``normalization/NAME.tsv`` — ``surface<TAB>value`` lines; surfaces are matched lowercased with
  dots and extra spaces removed (see :func:`table_key`).
* ``rules/*.rules`` — blocks separated by blank lines::

      rule: weekday
      match: (?P<weekday>%weekday)
      type: DATE
      build: weekday
      example: The group had launched an operation on [[Tuesday]] @ 2016-06-30 → 2016-06-28

  ``negative: NAME`` starts a negative rule (a match removes every candidate inside it, or
  inside its ``extent`` group when the rest of the match is context); its examples end in
  ``→ none``. Keys: match, type, build, mod, priority, example,
  requires, and the builder's parameters (unit, n, value, pod, anchor, direction, inner, shift).

  ``requires:`` names the trigger families (``normalization/trigger.tsv``, plus ``digit``)
  of which every match holds a word; the tagger runs the rule only around such words.

Any error — unknown ``%name``, bad regex, unknown key, missing example — raises
:class:`RuleError` naming ``file:line``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from ..resources import resource_path

TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
PARAMS = frozenset({"unit", "n", "value", "pod", "anchor", "direction", "mod", "inner", "shift", "extent"})
_REF = re.compile(r"%([a-z_][a-z0-9_]*)")
_EXAMPLE = re.compile(
    r"^(?P<text>.*?\[\[(?P<expr>.+?)\]\].*?)\s*(?:@\s*(?P<dct>\S+)\s*)?→\s*(?P<value>\S+)(?:\s+(?P<mod>[A-Z_]+))?\s*$"
)


def _builder_names() -> frozenset[str]:
    """The ``build`` names a rule may use: the builders themselves are the one list of them."""
    # Imported here, not at the top: the builders read RuleSet from this module.
    from ..core.timex.builders import BUILDERS

    return frozenset(BUILDERS)


class RuleError(ValueError):
    """A rule file is broken; the message starts with ``file:line``."""


@dataclass(frozen=True, slots=True)
class Example:
    """A worked example: the rule must find ``expression`` in ``text`` with ``value``."""

    text: str  # without the [[ ]] markers
    start: int
    end: int
    dct: str | None
    value: str  # "none" for negative rules and unresolvable expressions
    mod: str | None
    where: str  # file:line


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    type: str
    build: str
    params: dict[str, str] = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    negative: bool = False
    priority: int = 0
    where: str = ""
    requires: frozenset[str] = frozenset()  # trigger families; empty = scan everywhere


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules: tuple[Rule, ...]
    negatives: tuple[Rule, ...]
    tables: dict[str, dict[str, str]]
    patterns: dict[str, str]  # name → compiled alternation source
    triggers: dict[str, frozenset[str]] = field(default_factory=dict)  # word → its families
    language: str = "en"  # the language of its rules: the stages read the same language's cues (core.lang)

    def lookup(self, table: str, surface: str) -> str | None:
        return self.tables[table].get(table_key(surface))


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)  # the builders look up a few hundred distinct words, many times each
def table_key(surface: str) -> str:
    """Normalise a surface form for table lookup: 'Sept.' → 'sept', 'Mid -' → 'mid'."""
    return _SPACES.sub(" ", surface.lower().replace(".", "").replace("\u2019", "'")).strip(" -")


def _load_patterns(folder: Path) -> dict[str, str]:
    raw: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(folder.glob("*.txt")):
        alternatives = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            line = line.strip()
            if line and not line.startswith("#"):
                alternatives.append((line, f"{path.name}:{n}"))
        if not alternatives:
            raise RuleError(f"{path.name}:1: pattern file has no alternatives")
        raw[path.stem] = alternatives
    compiled: dict[str, str] = {}

    def expand(name: str, stack: tuple[str, ...]) -> str:
        if name in compiled:
            return compiled[name]
        if name in stack:
            raise RuleError(f"{raw[name][0][1]}: pattern %{name} refers to itself")
        parts = []
        for alt, where in raw[name]:
            parts.append(_expand_refs(alt, where, lambda ref: expand(ref, stack + (name,)), raw))
            try:
                re.compile(parts[-1])
            except re.error as exc:
                raise RuleError(f"{where}: bad regex {alt!r}: {exc}") from None
        # Longest first: regex alternation takes the first that matches, not the longest.
        parts.sort(key=len, reverse=True)
        compiled[name] = "(?:" + "|".join(parts) + ")"
        return compiled[name]

    for name in raw:
        expand(name, ())
    return compiled


def _expand_refs(source: str, where: str, resolve, known) -> str:  # type: ignore[no-untyped-def]
    def sub(m: re.Match[str]) -> str:
        if m.group(1) not in known:
            raise RuleError(f"{where}: unknown pattern %{m.group(1)}")
        return resolve(m.group(1))

    return _REF.sub(sub, source)


def _load_tables(folder: Path) -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.tsv")):
        table: dict[str, str] = {}
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            if "\t" not in line:
                raise RuleError(f"{path.name}:{n}: expected 'surface<TAB>value'")
            surface, value = line.split("\t", 1)
            table[table_key(surface)] = value.strip()
        tables[path.stem] = table
    return tables


def _parse_example(raw: str, where: str) -> Example:
    m = _EXAMPLE.match(raw)
    if not m:
        raise RuleError(f"{where}: example must read 'text with [[expression]] @ DCT → VALUE [MOD]'")
    marked = m.group("text")
    start = marked.index("[[")
    text = marked.replace("[[", "", 1).replace("]]", "", 1)
    return Example(text=text, start=start, end=start + len(m.group("expr")), dct=m.group("dct"),
                   value=m.group("value"), mod=m.group("mod"), where=where)


def _load_rules(path: Path, patterns: dict[str, str], families: frozenset[str]) -> list[Rule]:
    rules: list[Rule] = []
    block: list[tuple[int, str, str]] = []

    def flush() -> None:
        if block:
            rules.append(_make_rule(path.name, block, patterns, families))
            block.clear()

    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith("#"):
            continue
        key, sep, value = stripped.partition(":")
        if not sep:
            raise RuleError(f"{path.name}:{n}: expected 'key: value'")
        block.append((n, key.strip(), value.strip()))
    flush()
    return rules


def _make_rule(filename: str, block: list[tuple[int, str, str]], patterns: dict[str, str],
               families: frozenset[str]) -> Rule:
    first_line, head, name = block[0]
    where = f"{filename}:{first_line}"
    if head not in ("rule", "negative") or not name:
        raise RuleError(f"{where}: a block starts with 'rule: NAME' or 'negative: NAME'")
    negative = head == "negative"
    fields: dict[str, str] = {}
    params: dict[str, str] = {}
    examples: list[Example] = []
    match_line = first_line
    for n, key, value in block[1:]:
        at = f"{filename}:{n}"
        if key == "example":
            examples.append(_parse_example(value, at))
        elif key in ("match", "type", "build", "priority", "requires"):
            if key in fields:
                raise RuleError(f"{at}: duplicate key {key!r} in rule {name}")
            fields[key] = value
            if key == "match":
                match_line = n
        elif key in PARAMS:
            params[key] = value
        else:
            raise RuleError(f"{at}: unknown key {key!r} in rule {name}")
    if "match" not in fields:
        raise RuleError(f"{where}: rule {name} has no 'match'")
    if not examples:
        raise RuleError(f"{where}: rule {name} has no worked example")
    source = _expand_refs(fields["match"], f"{filename}:{match_line}", patterns.__getitem__, patterns)
    try:
        # Time words are words: never match inside another word or number.
        regex = re.compile(rf"(?<![\w]){source}(?![\w])", re.IGNORECASE)
    except re.error as exc:
        raise RuleError(f"{filename}:{match_line}: bad regex in rule {name}: {exc}") from None
    requires = frozenset(fields.get("requires", "").split())
    if unknown := requires - families:
        raise RuleError(f"{where}: rule {name} requires unknown trigger families {sorted(unknown)}")
    if "extent" in params and params["extent"] not in regex.groupindex:
        # The expression is only this group of the match ("25" in "April 24 and 25"); for a
        # negative rule, the stretch it clears, the rest being the context that decides.
        raise RuleError(f"{where}: rule {name} has extent {params['extent']!r}, which is no group of its match")
    if negative:
        if set(params) - {"extent"}:
            raise RuleError(f"{where}: negative rule {name} takes no {sorted(set(params) - {'extent'})}")
        return Rule(name=name, regex=regex, type="", build="", examples=tuple(examples),
                    negative=True, where=where, requires=requires, params=params)
    type_ = fields.get("type", "")
    if type_ not in TYPES:
        raise RuleError(f"{where}: rule {name} needs 'type' in {sorted(TYPES)}")
    build = fields.get("build", "")
    if build not in _builder_names():
        raise RuleError(f"{where}: rule {name} has unknown build {build!r}")
    for ex in examples:
        if ex.value == "none":
            raise RuleError(f"{ex.where}: a positive rule's example needs a value")
    try:
        priority = int(fields.get("priority", "0"))
    except ValueError:
        raise RuleError(f"{where}: priority must be an integer") from None
    return Rule(name=name, regex=regex, type=type_, build=build, params=params,
                examples=tuple(examples), priority=priority, where=where, requires=requires)


def load_ruleset(root: Path, language: str = "en") -> RuleSet:
    """Load and validate a rule set folder (of ``language``); raises RuleError naming file:line."""
    patterns = _load_patterns(root / "patterns")
    tables = _load_tables(root / "normalization")
    triggers = {word: frozenset(fams.split()) for word, fams in tables.get("trigger", {}).items()}
    families = frozenset({"digit"}).union(*triggers.values()) if triggers else frozenset({"digit"})
    rules: list[Rule] = []
    for path in sorted((root / "rules").glob("*.rules")):
        rules.extend(_load_rules(path, patterns, families))
    names: dict[str, str] = {}
    for rule in rules:
        if rule.name in names:
            raise RuleError(f"{rule.where}: duplicate rule name {rule.name!r} (also {names[rule.name]})")
        names[rule.name] = rule.where
    return RuleSet(rules=tuple(r for r in rules if not r.negative),
                   negatives=tuple(r for r in rules if r.negative), tables=tables, patterns=patterns,
                   triggers=triggers, language=language)


@cache
def ruleset_of(lang: str) -> RuleSet:
    """The rule files of language ``lang``, loaded once per process: the cache keys on the code alone."""
    return load_ruleset(resource_path("rules", lang), lang)


def default_ruleset(lang: str = "en") -> RuleSet:
    """The rules of ``lang``, the default language when none is named, from :func:`ruleset_of`'s cache.

    However it is called (``()``, ``("en")``, ``(lang="en")``) there is one cache entry per
    language, so the default language's rules load once per process, in a Dask worker too.
    """
    return ruleset_of(lang)


# The one cache, under the name its callers (and the tests that count its loads) use.
default_ruleset.cache_info = ruleset_of.cache_info  # type: ignore[attr-defined]
default_ruleset.cache_clear = ruleset_of.cache_clear  # type: ignore[attr-defined]


@cache
def language_tables(lang: str = "en") -> dict[str, dict[str, str]]:
    """The normalization tables of ``lang`` alone (surface → value), for readers that are not rules."""
    return _load_tables(resource_path("rules", lang, "normalization"))

"""Language knowledge that is Python rather than rule files, one package per language (``en/``).

A language is two folders: ``resources/rules/<code>/`` (patterns, tables, rules) and
``core/lang/<code>/`` (tense cues, abbreviations, dates in words, labels). An article is read with
the language its :attr:`~timeline_app.core.model.Article.language` names.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import cache
from types import ModuleType

from ...resources import resource_path
from ...rules.loader import RuleSet, ruleset_of
from .language import Language

# The language of an article that names none, and of the readers that run before one is known
# (the dateline, boilerplate lines).
DEFAULT = "en"


@cache
def available() -> tuple[str, ...]:
    """The codes that have both their rule files and their Python package."""
    folder = resource_path("rules")
    codes = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    return tuple(c for c in codes if importlib.util.find_spec(f"{__name__}.{c}") is not None)


def package(code: str) -> ModuleType:
    """The Python side of language ``code``; ValueError names the languages there are."""
    if code not in available():
        raise ValueError(f"no language {code!r} (available: {', '.join(available()) or 'none'})")
    return importlib.import_module(f"{__name__}.{code}")


def language(code: str) -> Language:
    """The Python knowledge of language ``code`` as the stages read it (its ``LANGUAGE``)."""
    found = getattr(package(code), "LANGUAGE", None)
    if not isinstance(found, Language):
        raise TypeError(f"core/lang/{code}/ defines no LANGUAGE = Language(...)")
    return found


def ruleset(code: str) -> RuleSet:
    """The rule files of language ``code`` (loaded once)."""
    package(code)
    return ruleset_of(code)

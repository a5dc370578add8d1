"""The forward flow in one place: file → Article → DCT → expressions → events.

Every failure tied to a file becomes an error string on that file's result; nothing here
raises past :func:`process_file`, so one bad file never stops the others.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from . import events as events_mod
from . import ingest, lang
from .model import DCT, Analysis, Article, ArticleResult, DctOrigin, Mode, Span
from .time_limit import FILE_TIME_LIMIT_S, TimeLimitExceeded
from .time_limit import time_limit as limit_time
from .timex import normalize, tagger
from .values import parse_value

ProgressFn = Callable[[int, int, str], None]


def user_dct(value: str) -> DCT:
    """A DCT typed by the user (``--dct`` or a correction); raises ValueError when malformed."""
    parsed = parse_value(value)
    if parsed is None:
        raise ValueError(f"not a date: {value!r}")
    return DCT(value=value, origin=DctOrigin.USER, confidence=1.0)


def analyze(article: Article, forced: Mapping[Span, str] | None = None) -> Analysis:
    """Tag, resolve and build events for one article.

    ``forced`` maps spans to user-corrected values; they take the place of the resolved value
    and serve as anchors for the expressions after them.
    """
    rules = lang.ruleset(article.language)
    candidates = tagger.tag(article.text, rules, skip=article.boilerplate)
    timexes, mode = normalize.resolve_story(candidates, article.text, article.dct, forced or {}, rules,
                                            mode=article.mode)
    found = events_mod.find_events(article, timexes)
    return Analysis(timexes=tuple(timexes), events=tuple(found), mode=mode)


def process_file(path: str | Path, dct: DCT | None = None, mode: Mode | None = None,
                 time_limit: float | None = FILE_TIME_LIMIT_S) -> ArticleResult:
    """Ingest and analyse one file; failures are reported on the result, never raised.

    ``dct`` and ``mode`` override what is detected (``--dct``, ``--mode``); ``time_limit`` bounds
    the work on the file (see :mod:`.time_limit`).
    """
    return process_article(str(path), lambda: ingest.read_article(Path(path)), dct, mode, time_limit)


def process_article(source: str, read: Callable[[], Article], dct: DCT | None = None,
                    mode: Mode | None = None, time_limit: float | None = FILE_TIME_LIMIT_S) -> ArticleResult:
    """Read one article with ``read()`` (a file, a record of an archive) and analyse it.

    Failures are reported on the result, never raised: an :class:`IngestError` from ``read``
    becomes the result's error, and so does any other exception while reading (a parser's
    RecursionError or ValueError on a hostile file), a bug in the tagger, running out of memory
    or out of time. One file can only ever cost its own result.
    """
    article: Article | None = None
    try:
        with limit_time(time_limit):
            try:
                article = read()
            except ingest.IngestError as exc:
                return ArticleResult(source=source, article=None, errors=(str(exc),))
            except Exception as exc:  # noqa: BLE001 - whatever a hostile file makes a parser raise
                return ArticleResult(source=source, article=None,
                                     errors=(f"{source}: cannot read this file ({_why(exc)})",))
            if dct is not None:
                article = dataclasses.replace(article, dct=dct)
            if mode is not None:
                article = dataclasses.replace(article, mode=mode)
            try:
                analysis = analyze(article)
            except TimeLimitExceeded:
                raise
            except Exception as exc:  # noqa: BLE001 - a tagger bug must not lose the other files' results
                return ArticleResult(source=source, article=article,
                                     errors=(f"{source}: internal error while tagging: {exc!r}",))
    except TimeLimitExceeded as exc:
        return ArticleResult(source=source, article=None, errors=(f"{source}: left out: it {exc}",))
    return ArticleResult(source=source, article=article, analysis=analysis)


def _why(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, MemoryError):
        return "not enough memory"
    return f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"


def split_projects(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """(articles, projects): ``.timeline`` files are projects, read with their corrections."""
    from .project.store import EXTENSION  # here: the project package imports this module

    articles: list[Path] = []
    projects: list[Path] = []
    for p in map(Path, paths):
        (projects if p.suffix.lower() == EXTENSION else articles).append(p)
    return articles, projects


def process_files(paths: Iterable[str | Path], dct: DCT | None = None,
                  progress: ProgressFn | None = None,
                  cancelled: Callable[[], bool] | None = None, mode: Mode | None = None) -> Iterator[ArticleResult]:
    """Process files in order, reporting progress; stops early when ``cancelled()`` is true."""
    todo = list(paths)
    for i, path in enumerate(todo):
        if cancelled is not None and cancelled():
            return
        if progress is not None:
            progress(i, len(todo), str(path))
        yield process_file(path, dct, mode)
    if progress is not None:
        progress(len(todo), len(todo), "")

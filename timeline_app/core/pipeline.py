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


def process_file(path: str | Path, dct: DCT | None = None, mode: Mode | None = None) -> ArticleResult:
    """Ingest and analyse one file; failures are reported on the result, never raised.

    ``dct`` and ``mode`` override what is detected (``--dct``, ``--mode``).
    """
    return process_article(str(path), lambda: ingest.read_article(Path(path)), dct, mode)


def process_article(source: str, read: Callable[[], Article], dct: DCT | None = None,
                    mode: Mode | None = None) -> ArticleResult:
    """Read one article with ``read()`` (a file, a record of an archive) and analyse it.

    Failures are reported on the result, never raised: an :class:`IngestError` from ``read``
    becomes the result's error, and so does a bug in the tagger.
    """
    try:
        article = read()
    except ingest.IngestError as exc:
        return ArticleResult(source=source, article=None, errors=(str(exc),))
    if dct is not None:
        article = dataclasses.replace(article, dct=dct)
    if mode is not None:
        article = dataclasses.replace(article, mode=mode)
    try:
        analysis = analyze(article)
    except Exception as exc:  # noqa: BLE001 - a tagger bug must not lose the other files' results
        return ArticleResult(source=source, article=article,
                             errors=(f"{source}: internal error while tagging: {exc!r}",))
    return ArticleResult(source=source, article=article, analysis=analysis)


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

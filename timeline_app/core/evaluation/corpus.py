"""Score the tagger against TimeML gold files (TempEval-3 task A) and collect its errors.

The system under test is :func:`timeline_app.core.pipeline.analyze` run on each document's
TEXT with the gold DCT; the gold expressions are taken off the article before it reaches the
tagger. The measures themselves live in :mod:`timeline_app.core.evaluation.scoring`.

Each document is scored on its own (a pure function of the file), so documents can be scored
in worker processes; results are always returned in input order, which keeps the totals, the
error lists and the JSON output identical whatever the number of workers.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ..ingest import IngestError
from ..model import Article, Mode, TimeExpression
from .gold_audit import gold_slip
from .scoring import Alignment, Counts, Measures, align, measures, total

ProgressFn = Callable[[int, int, str], None]

CONTEXT_WORDS = 4  # words on each side of an error: about eight words of context


class ErrorKind(StrEnum):
    MISSED = "missed"  # a gold expression left unpaired (usually: nothing of ours overlaps it)
    SPURIOUS = "spurious"  # one of ours left unpaired (usually: it overlaps no gold expression)
    EXTENT = "wrong extent"  # relaxed but not strict match
    VALUE = "wrong value"  # relaxed match with another value
    TYPE = "wrong type"  # relaxed match with another type


@dataclass(frozen=True, slots=True)
class ErrorCase:
    """One error, with what the gold says, what we said, and the words around it."""

    kind: ErrorKind
    document: str
    gold: TimeExpression | None
    ours: TimeExpression | None
    context: str
    gold_slip: str | None = None  # why the gold value cannot be right as written (gold_audit)

    @property
    def key(self) -> str:
        """What errors of a kind are counted by, to find the most frequent ones.

        Missed, wrong value and wrong type count the gold string, spurious our string, and
        wrong extent the pair of strings; lowercased, so "Monday" and "monday" add up.
        """
        g = _squash(self.gold.text).lower() if self.gold else ""
        o = _squash(self.ours.text).lower() if self.ours else ""
        if self.kind is ErrorKind.SPURIOUS:
            return o
        if self.kind is ErrorKind.EXTENT:
            return f"{g} | {o}"
        return g

    def to_json(self) -> dict[str, object]:
        return {"kind": str(self.kind), "document": self.document,
                "gold": _brief(self.gold), "ours": _brief(self.ours), "context": self.context,
                "gold_slip": self.gold_slip}


def _brief(t: TimeExpression | None) -> dict[str, object] | None:
    if t is None:
        return None
    return {"start": t.start, "end": t.end, "text": t.text, "type": str(t.type),
            "value": t.value, "mod": t.mod, "rule": t.rule or None}


def _squash(s: str) -> str:
    return " ".join(s.split())


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One document's counts and errors, or the problem that kept it from being scored."""

    source: str
    name: str
    counts: Counts = field(default_factory=Counts)
    errors: tuple[ErrorCase, ...] = ()
    problem: str | None = None  # why the file failed to parse, or the tagger failed on it
    scored: bool = True  # False when the file could not be parsed: its gold is unknown

    @property
    def measures(self) -> Measures:
        return measures(self.counts)

    def to_json(self) -> dict[str, object]:
        return {"document": self.name, "source": self.source, "scored": self.scored,
                "counts": self.counts.to_json(), "measures": self.measures.to_json(),
                "problem": self.problem}


def context(text: str, start: int, end: int, words: int = CONTEXT_WORDS) -> str:
    """``words`` words either side of text[start:end], with the span itself in [brackets].

    Whitespace is squashed to single spaces; a word the span cuts stays glued to the
    brackets ("[Monday]'s"), as a reader sees it.
    """
    left = _words_before(text, start, words) if words > 0 else []
    right = _words_after(text, end, words) if words > 0 else []
    out = " ".join(left)
    if left and text[start - 1:start].isspace():
        out += " "
    out += f"[{_squash(text[start:end])}]"
    if right:
        out += (" " if text[end:end + 1].isspace() else "") + " ".join(right)
    return out


def _words_before(text: str, start: int, n: int) -> list[str]:
    """The last ``n`` words before ``start``, looking through a growing window rather than the
    whole text, so long documents with many errors stay linear."""
    reach = 40 * n
    while True:
        lo = max(0, start - reach)
        found = text[lo:start].split()
        if lo > 0 and found and not text[lo - 1].isspace() and not text[lo].isspace():
            found = found[1:]  # the window cut this word
        if len(found) >= n or lo == 0:
            return found[-n:]
        reach *= 2


def _words_after(text: str, end: int, n: int) -> list[str]:
    """The first ``n`` words after ``end`` (see :func:`_words_before`)."""
    reach = 40 * n
    while True:
        hi = min(len(text), end + reach)
        found = text[end:hi].split()
        if hi < len(text) and found and not text[hi].isspace() and not text[hi - 1].isspace():
            found = found[:-1]  # the window cut this word
        if len(found) >= n or hi == len(text):
            return found[:n]
        reach *= 2


def score_document(article: Article, ours: Sequence[TimeExpression], name: str = "") -> DocumentResult:
    """Compare ``ours`` with ``article.gold_timexes`` and list the errors in text order."""
    name = name or article.title or article.source
    alignment = align(article.gold_timexes, ours)
    return DocumentResult(source=article.source, name=name, counts=Counts.of(alignment),
                          errors=tuple(_errors(alignment, article.text, name)))


def _errors(alignment: Alignment, text: str, name: str) -> list[ErrorCase]:
    found: list[tuple[int, int, ErrorCase]] = []

    def add(kind: ErrorKind, gold: TimeExpression | None, ours: TimeExpression | None) -> None:
        spans = [t for t in (gold, ours) if t is not None]
        start, end = min(t.start for t in spans), max(t.end for t in spans)
        slip = gold_slip(gold) if gold is not None and kind in (ErrorKind.VALUE, ErrorKind.TYPE) else None
        found.append((start, list(ErrorKind).index(kind),
                      ErrorCase(kind, name, gold, ours, context(text, start, end), slip)))

    for g in alignment.missed:
        add(ErrorKind.MISSED, g, None)
    for o in alignment.spurious:
        add(ErrorKind.SPURIOUS, None, o)
    for p in alignment.pairs:
        if not p.strict:
            add(ErrorKind.EXTENT, p.gold, p.ours)
        if not p.value_ok:
            add(ErrorKind.VALUE, p.gold, p.ours)
        if not p.type_ok:
            add(ErrorKind.TYPE, p.gold, p.ours)
    found.sort(key=lambda item: (item[0], item[1]))
    return [case for _, _, case in found]


def system_timexes(article: Article) -> tuple[TimeExpression, ...]:
    """The system under test: the pipeline on the article's text and DCT, without the gold."""
    from .. import pipeline

    return pipeline.analyze(dataclasses.replace(article, gold_timexes=())).timexes


@dataclass(frozen=True, slots=True)
class EvalSettings:
    """How the system reads the gold files: with their DCT or none (``--no-dct``: WikiWars
    carries a download date the text does not relate to), in the mode it chooses or one
    given (``--mode``)."""

    no_dct: bool = False
    mode: Mode | None = None

    def describe(self) -> str:
        dct = "no DCT (the files' DCT removed)" if self.no_dct else "gold DCT given"
        mode = f", {self.mode} mode for every document" if self.mode else ""
        return dct + mode


def evaluate_file(path: str | Path, name: str = "", settings: EvalSettings = EvalSettings()) -> DocumentResult:
    """Parse one TimeML file, run the system on it and score it; failures become ``problem``.

    A file that cannot be parsed is not scored (its gold is unknown). When the tagger fails on
    a parsed file, the file is scored as if we had found nothing, so the totals stay honest.
    """
    from ..ingest.timeml import parse_timeml

    source = str(path)
    name = name or Path(path).name
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return DocumentResult(source=source, name=name, scored=False,
                              problem=f"{source}: cannot read ({exc.strerror or exc})")
    try:
        article = parse_timeml(data, source)
    except IngestError as exc:
        return DocumentResult(source=source, name=name, scored=False, problem=str(exc))
    if settings.no_dct:
        article = dataclasses.replace(article, dct=None)
    if settings.mode is not None:
        article = dataclasses.replace(article, mode=settings.mode)
    try:
        ours = system_timexes(article)
    except Exception as exc:  # noqa: BLE001 - one tagger bug must not stop the evaluation
        scored = score_document(article, (), name)
        return dataclasses.replace(scored, problem=f"{source}: internal error while tagging: {exc!r}")
    return score_document(article, ours, name)


def _evaluate_item(item: tuple[str, str, EvalSettings]) -> DocumentResult:
    return evaluate_file(item[0], item[1], item[2])


@dataclass(frozen=True, slots=True)
class GoldFile:
    path: Path
    name: str  # the path relative to the folder given, or the file name
    group: str  # the argument it was found under (for per-folder subtotals)


def find_gold_files(paths: Iterable[str | Path]) -> tuple[list[GoldFile], list[str]]:
    """The ``.tml`` files under each path (folders searched recursively, sorted), and problems
    for paths that do not exist or hold no ``.tml`` file."""
    found: list[GoldFile] = []
    problems: list[str] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.tml") if p.is_file() and not p.name.startswith("._"))
            if not files:
                problems.append(f"{path}: no .tml file in this folder")
            for f in files:
                if f.resolve() not in seen:
                    seen.add(f.resolve())
                    found.append(GoldFile(f, f.relative_to(path).as_posix(), str(raw)))
        elif path.is_file():
            if path.resolve() not in seen:
                seen.add(path.resolve())
                found.append(GoldFile(path, path.name, str(raw)))
        else:
            problems.append(f"{path}: no such file or folder")
    return found, problems


@dataclass(frozen=True, slots=True)
class CorpusResult:
    """Every document's result in input order, with the totals and error lists built from them."""

    documents: tuple[DocumentResult, ...]
    groups: tuple[tuple[str, tuple[int, ...]], ...] = ()  # argument → indexes of its documents
    problems: tuple[str, ...] = ()  # paths that gave no document at all
    settings: EvalSettings = EvalSettings()

    @property
    def scored(self) -> tuple[DocumentResult, ...]:
        """Documents that were parsed (a tagger failure still counts, with no output)."""
        return tuple(d for d in self.documents if d.scored)

    @property
    def parse_failed(self) -> bool:
        """Whether a path or file gave no scorable document (the command exits 2)."""
        return bool(self.problems) or any(not d.scored for d in self.documents)

    @property
    def counts(self) -> Counts:
        return total([d.counts for d in self.scored])

    @property
    def measures(self) -> Measures:
        return measures(self.counts)

    @property
    def all_problems(self) -> tuple[str, ...]:
        return self.problems + tuple(d.problem for d in self.documents if d.problem)

    def group_counts(self) -> list[tuple[str, int, Counts]]:
        """(argument, documents scored, summed counts) for each argument given."""
        out = []
        for group, indexes in self.groups:
            docs = [self.documents[i] for i in indexes if self.documents[i].scored]
            out.append((group, len(docs), total([d.counts for d in docs])))
        return out

    def errors(self, kind: ErrorKind) -> list[ErrorCase]:
        return [e for d in self.documents for e in d.errors if e.kind is kind]

    def top_strings(self, kind: ErrorKind, n: int) -> list[tuple[str, int]]:
        """The ``n`` most frequent error strings of a kind; ties in first-seen order."""
        return Counter(e.key for e in self.errors(kind)).most_common(n)

    def to_json(self, examples: int = 10, top: int = 20) -> dict[str, object]:
        return {
            "settings": {"no_dct": self.settings.no_dct,
                         "mode": str(self.settings.mode) if self.settings.mode else "auto"},
            "documents": len(self.scored),
            "counts": self.counts.to_json(),
            "measures": self.measures.to_json(),
            "groups": [{"path": g, "documents": n, "counts": c.to_json(),
                        "measures": measures(c).to_json()} for g, n, c in self.group_counts()],
            "errors": {
                str(kind): {"count": len(self.errors(kind)),
                            "gold_slips": sum(1 for e in self.errors(kind) if e.gold_slip),
                            "top": [[s, n] for s, n in self.top_strings(kind, top)],
                            "examples": [e.to_json() for e in self.errors(kind)[:examples]]}
                for kind in ErrorKind
            },
            "per_document": [d.to_json() for d in self.documents],
            "problems": list(self.all_problems),
        }


def evaluate_paths(paths: Iterable[str | Path], jobs: int = 1,
                   progress: ProgressFn | None = None, settings: EvalSettings = EvalSettings()) -> CorpusResult:
    """Score every ``.tml`` file under ``paths``; ``jobs`` > 1 scores in worker processes.

    The result does not depend on ``jobs``: workers return results that are put back in
    input order before anything is summed.
    """
    files, problems = find_gold_files(paths)
    items = [(str(f.path), f.name, settings) for f in files]
    results: list[DocumentResult] = []
    if jobs > 1 and len(items) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for i, result in enumerate(pool.map(_evaluate_item, items, chunksize=4)):
                if progress is not None:
                    progress(i, len(items), result.name)
                results.append(result)
    else:
        for i, item in enumerate(items):
            if progress is not None:
                progress(i, len(items), item[1])
            results.append(_evaluate_item(item))
    if progress is not None:
        progress(len(items), len(items), "")
    groups: dict[str, list[int]] = {}
    for i, f in enumerate(files):
        groups.setdefault(f.group, []).append(i)
    return CorpusResult(documents=tuple(results),
                        groups=tuple((g, tuple(ix)) for g, ix in groups.items()),
                        problems=tuple(problems), settings=settings)

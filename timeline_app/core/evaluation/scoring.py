"""The TempEval-3 task A measures for time expressions, as pure functions of two lists of spans.

Definitions (UzZaman et al. 2013, as restated in issue 3):

- strict match: a system expression with exactly the extent of a gold one;
- relaxed match: overlapping extents, paired one to one from left to right, so a system
  expression overlapping two gold ones matches only the first;
- precision, recall and F1 are summed over all documents (micro average) before dividing;
- value F1 and type F1 are the relaxed F1 times the share of relaxed matches whose value (type)
  is right.

Nothing here runs the tagger or reads files: :mod:`timeline_app.core.evaluation.corpus` does that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import TimeExpression


@dataclass(frozen=True, slots=True)
class Pair:
    """A relaxed match: one gold expression and the system expression paired with it."""

    gold: TimeExpression
    ours: TimeExpression

    @property
    def strict(self) -> bool:
        return (self.gold.start, self.gold.end) == (self.ours.start, self.ours.end)

    @property
    def value_ok(self) -> bool:
        return _norm(self.gold.value) == _norm(self.ours.value)

    @property
    def type_ok(self) -> bool:
        return str(self.gold.type) == str(self.ours.type)


def _norm(value: str | None) -> str | None:
    return value.strip() if value is not None else None


@dataclass(frozen=True, slots=True)
class Alignment:
    """How the system's expressions line up with the gold ones in one document."""

    pairs: tuple[Pair, ...]  # relaxed matches, in gold text order
    # Unpaired expressions: mostly overlapping nothing, but an expression overlapping one that
    # was already paired (one span across two) is unpaired too, as one-to-one pairing requires.
    missed: tuple[TimeExpression, ...]  # gold expressions
    spurious: tuple[TimeExpression, ...]  # system expressions


def _order(t: TimeExpression) -> tuple[int, int, str]:
    return (t.start, t.end, t.id)


def align(gold: Sequence[TimeExpression], ours: Sequence[TimeExpression]) -> Alignment:
    """Pair gold and system expressions one to one.

    Identical extents are paired first, so that a strict match is always also a relaxed one
    (a longer overlapping system span further left cannot take a gold expression away from the
    system span with exactly its extent). The rest is paired left to right: walking both lists
    in text order, overlapping heads are paired, otherwise the head that ends first is
    unmatched and dropped.
    """
    gold_sorted = sorted(gold, key=_order)
    ours_sorted = sorted(ours, key=_order)
    by_extent: dict[tuple[int, int], list[TimeExpression]] = {}
    for t in ours_sorted:
        by_extent.setdefault((t.start, t.end), []).append(t)
    pairs: list[Pair] = []
    taken: set[int] = set()  # id() of paired system expressions (ids may repeat across taggers)
    gold_left: list[TimeExpression] = []
    for g in gold_sorted:
        same = by_extent.get((g.start, g.end))
        if same:
            o = same.pop(0)
            pairs.append(Pair(g, o))
            taken.add(id(o))
        else:
            gold_left.append(g)
    ours_left = [t for t in ours_sorted if id(t) not in taken]

    missed: list[TimeExpression] = []
    spurious: list[TimeExpression] = []
    i = j = 0
    while i < len(gold_left) and j < len(ours_left):
        g, o = gold_left[i], ours_left[j]
        if g.start < o.end and o.start < g.end:
            pairs.append(Pair(g, o))
            i += 1
            j += 1
        elif g.end <= o.start:  # the gold head lies wholly before the system head
            missed.append(g)
            i += 1
        else:
            spurious.append(o)
            j += 1
    missed.extend(gold_left[i:])
    spurious.extend(ours_left[j:])
    pairs.sort(key=lambda p: _order(p.gold))
    return Alignment(pairs=tuple(pairs), missed=tuple(missed), spurious=tuple(spurious))


@dataclass(frozen=True, slots=True)
class Counts:
    """The raw counts behind every measure; they add up across documents (micro average)."""

    gold: int = 0
    ours: int = 0
    strict: int = 0  # strict matches
    relaxed: int = 0  # relaxed matches (pairs)
    value: int = 0  # relaxed matches with the right value
    type: int = 0  # relaxed matches with the right type

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.gold + other.gold, self.ours + other.ours, self.strict + other.strict,
                      self.relaxed + other.relaxed, self.value + other.value,
                      self.type + other.type)

    @classmethod
    def of(cls, alignment: Alignment) -> Counts:
        pairs = alignment.pairs
        return cls(
            gold=len(pairs) + len(alignment.missed),
            ours=len(pairs) + len(alignment.spurious),
            strict=sum(p.strict for p in pairs),
            relaxed=len(pairs),
            value=sum(p.value_ok for p in pairs),
            type=sum(p.type_ok for p in pairs),
        )

    def to_json(self) -> dict[str, int]:
        return {"gold": self.gold, "ours": self.ours, "strict": self.strict,
                "relaxed": self.relaxed, "value": self.value, "type": self.type}


def total(counts: Sequence[Counts]) -> Counts:
    out = Counts()
    for c in counts:
        out = out + c
    return out


@dataclass(frozen=True, slots=True)
class Measures:
    """TempEval-3 task A figures as fractions in [0, 1]."""

    strict_precision: float
    strict_recall: float
    strict_f1: float
    relaxed_precision: float
    relaxed_recall: float
    relaxed_f1: float
    value_accuracy: float
    value_f1: float
    type_accuracy: float
    type_f1: float

    def to_json(self, digits: int = 2) -> dict[str, float]:
        """The figures in percent, as TempEval-3 tables print them."""
        return {name: round(100 * getattr(self, name), digits) for name in self.__slots__}


def _ratio(num: int, den: int, empty: float) -> float:
    return num / den if den else empty


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def measures(c: Counts) -> Measures:
    """The measures of summed counts.

    With nothing to find and nothing found every measure is 1 (a perfect, empty answer);
    with no output precision is 0, and with no gold recall is 0.
    """
    nothing = c.gold == 0 and c.ours == 0
    empty = 1.0 if nothing else 0.0
    sp, sr = _ratio(c.strict, c.ours, empty), _ratio(c.strict, c.gold, empty)
    rp, rr = _ratio(c.relaxed, c.ours, empty), _ratio(c.relaxed, c.gold, empty)
    relaxed_f1 = _f1(rp, rr)
    value_acc = _ratio(c.value, c.relaxed, empty)
    type_acc = _ratio(c.type, c.relaxed, empty)
    return Measures(
        strict_precision=sp, strict_recall=sr, strict_f1=_f1(sp, sr),
        relaxed_precision=rp, relaxed_recall=rr, relaxed_f1=relaxed_f1,
        value_accuracy=value_acc, value_f1=relaxed_f1 * value_acc,
        type_accuracy=type_acc, type_f1=relaxed_f1 * type_acc,
    )

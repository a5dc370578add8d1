"""Scoring against gold annotations: TempEval-3 measures, corpus evaluation, gold audit."""

from .corpus import CorpusResult, evaluate_paths
from .scoring import Counts, Measures, measures

__all__ = ["CorpusResult", "Counts", "Measures", "evaluate_paths", "measures"]

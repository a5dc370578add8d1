"""Scoring against gold annotations: TempEval-3 measures, corpus evaluation, gold audit."""

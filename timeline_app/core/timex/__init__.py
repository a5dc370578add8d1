"""Text → TIMEX3: the tagger, the meanings it builds, anchors with the calendar arithmetic, normalization, explanations."""

from .normalize import resolve, resolve_text
from .tagger import Candidate, tag

__all__ = ["Candidate", "resolve", "resolve_text", "tag"]

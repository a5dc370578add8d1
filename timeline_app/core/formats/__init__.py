"""Results → files: one registry of data writers (JSON, JSONL, CSV, TimeML, ICS, TimelineJS)."""

from .registry import FORMATS, Format, format_of

__all__ = ["FORMATS", "Format", "format_of"]

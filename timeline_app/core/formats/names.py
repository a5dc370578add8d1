"""File names that are not UTF-8, in outputs that must be.

On POSIX a file name is bytes; Python gives an undecodable byte as a lone surrogate
(``bad-\\udcff.txt``), which no UTF-8 writer accepts: one such name used to make JSON output raise
``UnicodeEncodeError`` and lose the whole run. Outputs show such a name with each undecodable
byte written ``\\xNN`` (``bad-\\xff\\xfe.txt``), and JSON keeps the exact bytes too, in base64,
in ``source_bytes`` (present only for such names), so a program can find the file again.
"""

from __future__ import annotations

import base64
import os


def readable(text: str) -> str:
    """``text`` with every undecodable byte of a file name written ``\\xNN``; valid UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def source_fields(source: str) -> dict[str, str]:
    """``{"source": ...}``, plus ``source_bytes`` (base64) when the name is not UTF-8."""
    shown = readable(source)
    if shown == source:
        return {"source": source}
    try:
        raw = os.fsencode(source)
    except UnicodeEncodeError:
        raw = source.encode("utf-8", "surrogateescape")
    return {"source": shown, "source_bytes": base64.b64encode(raw).decode("ascii")}

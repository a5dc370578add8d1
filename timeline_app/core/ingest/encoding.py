"""Bytes → text for article files: BOMs first, then UTF-8, then a guarded guess.

The order, and why:

1. A byte-order mark is the writer's own statement: UTF-8 (``EF BB BF``), UTF-32 LE/BE and
   UTF-16 LE/BE. UTF-32 is tested before UTF-16 because the UTF-32 LE mark begins with the
   UTF-16 LE one. The mark is removed from the text.
2. Without a mark, NUL bytes mean a binary file (UTF-16 without a BOM is refused too: it
   cannot be told from binary data reliably). A few well-known file signatures (PDF, ZIP,
   images...) are named in the message.
3. Strict UTF-8: the common case, and it almost never decodes non-UTF-8 text by accident.
4. Mostly-ASCII text whose few other bytes decode as cp1252 is cp1252 (curly quotes, dashes,
   accented letters in English news). charset-normalizer is unreliable on such short Western
   samples (it often answers cp1250 and turns "naïve" into "naďve").
5. charset-normalizer for the rest (Cyrillic, CJK...), preferring cp1252 on ties.
6. cp1252 as the last resort, accepted only when the result reads as text (low "mess"
   according to charset-normalizer's own measure); otherwise the file is undecodable.

Every failure raises :class:`DecodeError` whose message states the problem without the file
name; the caller (ingest) prefixes the file.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer
from charset_normalizer.md import mess_ratio


class DecodeError(ValueError):
    """The bytes are not text we can read; the message is one line, without the file name."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # Python codec name: utf-8, utf-8-sig, utf-16-le, cp1252...


# Longest first: the UTF-32 LE mark starts with the UTF-16 LE mark.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# File signatures worth naming when someone drops a non-article file on the app.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
)

# Share of ASCII bytes above which the non-ASCII bytes are taken as Western punctuation.
_MOSTLY_ASCII = 0.8
# charset-normalizer's mess ratio above which a cp1252 reading is rejected as not text.
_MAX_MESS = 0.2
# Control characters (other than tab, newlines, form feed) above this share mean binary data.
_MAX_CONTROL = 0.02
_ALLOWED_CONTROLS = frozenset("\t\n\r\x0b\x0c")
# The other C0 controls, DEL and the C1 controls: counted in C, not one character at a time.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """The text of ``data``; raises DecodeError for binary or undecodable bytes.

    ``declared`` is a charset the document names for itself (an HTML ``<meta charset>``):
    tried after the BOM and binary checks, and only used when the bytes decode with it.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            codec = "utf-8" if codec == "utf-8-sig" else codec
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {_bom_name(codec)} byte-order mark but is not "
                                  f"valid {_bom_name(codec)} (byte {exc.start + len(bom)})") from None
            return _checked(Decoded(text, codec if codec != "utf-8" else "utf-8-sig"))
    kind = _signature(data)
    if kind is not None:
        raise DecodeError(f"binary file ({kind}), not an article")
    if b"\x00" in data:
        raise DecodeError("binary file (NUL bytes), not an article")
    codec = _codec(declared) if declared else None
    if codec is not None:
        try:
            return _checked(Decoded(data.decode(codec), codec))
        except UnicodeDecodeError:
            pass  # a wrong declaration is common: guess as if there were none
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    ascii_share = 1.0 - len(data.translate(None, _ASCII)) / len(data) if data else 1.0
    if ascii_share >= _MOSTLY_ASCII:
        try:
            return _checked(Decoded(data.decode("cp1252"), "cp1252"))
        except UnicodeDecodeError:
            pass  # bytes cp1252 leaves undefined (0x81, 0x8D...): let the detector decide
    guess = _detect(data)
    if guess is not None:
        return _checked(guess)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise DecodeError("undecodable text (not UTF-8 or UTF-16, and no likely encoding)") from None
    if mess_ratio(text, _MAX_MESS) >= _MAX_MESS:
        raise DecodeError("undecodable text (not UTF-8 or UTF-16, and no likely encoding)")
    return _checked(Decoded(text, "cp1252"))


_ASCII = bytes(range(0x80))


def _codec(label: str) -> str | None:
    """The Python codec for a charset label; Latin-1 and ASCII labels mean cp1252, as in browsers."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    if name.startswith(("utf-16", "utf-32")):
        return None  # without a BOM these are refused as binary above; a declaration can't help
    return name


def _bom_name(codec: str) -> str:
    return codec.upper().replace("-LE", " LE").replace("-BE", " BE")


def _signature(data: bytes) -> str | None:
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            # "MZ" is also how some text starts ("MZ Berlin..."): trust it only with a NUL.
            if magic == b"MZ" and b"\x00" not in data[:512]:
                continue
            return kind
    return None


def _detect(data: bytes) -> Decoded | None:
    """charset-normalizer's best reading, preferring cp1252 among equally good ones."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    for match in matches:
        if match.chaos <= best + 0.01 and "cp1252" in match.could_be_from_charset:
            return Decoded(data.decode("cp1252"), "cp1252")
    top = matches[0]
    return Decoded(str(top), top.encoding)


def _checked(decoded: Decoded) -> Decoded:
    """Refuse text that is mostly control characters: binary data that happened to decode."""
    text = decoded.text
    if text:
        sample = text[:65536]
        controls = len(_CONTROL_CHARS.findall(sample))
        if controls / len(sample) > _MAX_CONTROL:
            raise DecodeError("binary file (control characters), not an article")
    return decoded

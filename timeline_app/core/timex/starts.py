"""Where a rule's match can begin: the first word of every string its regex can match.

The tagger tries a rule only where the text's word could begin one of its matches ("on",
"last", a weekday, a number), instead of at every character of the windows around its trigger
words. The set is read off the parsed regex and is a *superset*: it may name words that never
start a match, but never leaves out one that does, so the matches are the same as a scan of
every position (``tests/core/timex/test_tagger_starts.py`` checks this against full scans).

A "word" is a maximal run of ``\\w`` characters, as the rules' ``(?<![\\w])`` and ``(?![\\w])``
see words; a match may also begin with a non-word character ("(", "$", "'90s").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from re import _constants as sre  # the parsed form of a pattern: stable since Python 3.11
from re import _parser as sre_parse

_WORD_CHAR = re.compile(r"\w")
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_MAX_PATHS = 200_000  # past this many steps through the pattern a rule is simply tried at every word
_MAX_UNROLL = 8  # copies of a repeated word piece spelled out before "any word going on"
_SMALL_SET = 16  # a character class with more letters than this begins "any word"


class _TooMany(Exception):
    pass


@dataclass(frozen=True, slots=True)
class StartSet:
    """The words and characters a rule's matches can begin with (all lower case)."""

    words: frozenset[str] = frozenset()  # the whole first word
    prefixes: frozenset[str] = frozenset()  # the first word begins so
    digit_word: bool = False  # a first word that begins with a non-letter (a number)
    any_word: bool = False
    nonword: frozenset[str] = frozenset()  # a first character that is no word character
    any_nonword: bool = False
    after: frozenset[str] | None = None  # the match must follow one of these characters

    @property
    def anywhere(self) -> bool:
        return self.any_word and self.any_nonword


def _is_word(ch: str) -> bool:
    return _WORD_CHAR.match(ch) is not None


class _Collector:
    def __init__(self) -> None:
        self.words: set[str] = set()
        self.prefixes: set[str] = set()
        self.digit_word = False
        self.any_word = False
        self.nonword: set[str] = set()
        self.any_nonword = False
        self.paths = 0

    def word(self, prefix: str, complete: bool) -> None:
        """The first word is ``prefix`` (``complete``) or begins with it."""
        self.paths += 1
        if self.paths > _MAX_PATHS:
            raise _TooMany
        if not prefix:
            self.any_word = True
        elif not (prefix[0].isascii() and prefix[0].isalpha()):
            self.digit_word = True  # "1990s", "3rd": every word beginning so is tried
        elif complete and prefix.isascii() and prefix.isalpha():
            self.words.add(prefix)
        else:
            self.prefixes.add(_letter_head(prefix))

    def settled(self, prefix: str) -> bool:
        """True when the first word is settled by ``prefix`` (it holds a non-letter): recorded."""
        if prefix and not (prefix[-1].isascii() and prefix[-1].isalpha()):
            self.word(prefix, complete=False)
            return True
        return False

    def start_char(self, ch: str) -> None:
        if _is_word(ch):
            self.word(ch.lower(), complete=False)
        else:
            self.nonword.add(ch)

    def freeze(self) -> StartSet:
        return StartSet(frozenset(self.words), frozenset(self.prefixes), self.digit_word, self.any_word,
                        frozenset(self.nonword), self.any_nonword)


def _letter_head(prefix: str) -> str:
    """The longest head of ``prefix`` made of ASCII letters (at least its first letter)."""
    n = 1
    while n < len(prefix) and prefix[n].isascii() and prefix[n].isalpha():
        n += 1
    return prefix[:n]


def _class_chars(items: list) -> list[str] | None:  # type: ignore[type-arg]
    """The characters of a class, or None when it is too wide to spell out."""
    chars: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            chars.append(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < 64:
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return chars


def start_set(regex: re.Pattern[str]) -> StartSet:
    """The start set of a compiled rule regex (``(?<![\\w])...(?![\\w])``)."""
    parsed = sre_parse.parse(regex.pattern, regex.flags)
    ends_word = bool(parsed.data) and parsed.data[-1][0] is sre.ASSERT_NOT \
        and parsed.data[-1][1][0] == 1 and _is_word_class(parsed.data[-1][1][1].data)
    out = _Collector()
    try:
        _walk([(list(parsed.data), 0)], "", out, ends_word, 0)
    except _TooMany:
        out = _Collector()
        out.any_word = out.any_nonword = True
    found = out.freeze()
    after = _after_chars(parsed.data)
    return found if after is None else StartSet(found.words, found.prefixes, found.digit_word, found.any_word,
                                               found.nonword, found.any_nonword, frozenset(after))


def _after_chars(items: list) -> set[str] | None:  # type: ignore[type-arg]
    """The characters one of which must come right before a match, when the pattern opens
    with a lookbehind that says so ("(?<=[\"“])"), or None."""
    for op, av in items:
        if op is sre.ASSERT_NOT:
            continue  # the loader's (?<![\w]) and the like: they allow any non-word character
        if op is sre.SUBPATTERN and av[0] is None:
            return _after_chars(list(av[3].data))
        if op is sre.ASSERT and av[0] == -1:
            return _last_chars(list(av[1].data))
        if op is sre.BRANCH:
            return _union(av[1], _after_chars)
        return None
    return None


def _union(alternatives: list, chars_of: Callable[[list], set[str] | None]) -> set[str] | None:  # type: ignore[type-arg]
    """The characters of every alternative, or None when one of them has no plain set."""
    found: set[str] = set()
    for alt in alternatives:
        part = chars_of(list(alt.data))
        if part is None:
            return None
        found |= part
    return found


def _last_chars(items: list) -> set[str] | None:  # type: ignore[type-arg]
    """The characters a lookbehind's last position can hold, if it is a plain set of them."""
    if not items:
        return None
    op, av = items[-1]
    if op is sre.LITERAL:
        return {chr(av)} if not _is_word(chr(av)) else None
    if op is sre.IN:
        chars = _class_chars(av)
        return set(chars) if chars is not None and not any(_is_word(c) for c in chars) else None
    if op is sre.BRANCH:
        return _union(av[1], _last_chars)
    if op is sre.SUBPATTERN:
        return _last_chars(list(av[3].data))
    return None


def _is_word_class(items: list) -> bool:  # type: ignore[type-arg]
    return len(items) == 1 and items[0][0] is sre.IN and list(items[0][1]) == [(sre.CATEGORY, sre.CATEGORY_WORD)] \
        or len(items) == 1 and items[0][0] is sre.IN and list(items[0][1]) == [(sre.CATEGORY, sre.CATEGORY_UNI_WORD)]


Frames = list[tuple[list, int]]  # type: ignore[type-arg]  # (items, index) still to walk, innermost first


def _walk(frames: Frames, prefix: str, out: _Collector, ends_word: bool, depth: int) -> None:
    """Follow every way through the pattern until the first word ends (or a non-word begins)."""
    out.paths += 1
    if out.paths > _MAX_PATHS:
        raise _TooMany
    while frames and frames[0][1] >= len(frames[0][0]):
        frames = frames[1:]
    if not frames:
        # The end of the pattern: the loader's closing (?![\w]) ends the word there.
        if not prefix:
            out.any_word = out.any_nonword = True  # an empty match: no word to go by
        else:
            out.word(prefix, complete=ends_word)
        return
    items, i = frames[0]
    rest = [(items, i + 1)] + frames[1:]
    op, av = items[i]
    if op is sre.LITERAL:
        ch = chr(av)
        if _is_word(ch):
            if not out.settled(prefix + ch.lower()):
                _walk(rest, prefix + ch.lower(), out, ends_word, depth)
        elif prefix:
            out.word(prefix, complete=True)
        else:
            out.start_char(ch)
    elif op is sre.IN:
        chars = _class_chars(av)
        if chars is None:
            _wide(av, prefix, out)
            return
        letters = [c for c in chars if _is_word(c)]
        for c in chars:
            if not _is_word(c):
                if prefix:
                    out.word(prefix, complete=True)
                else:
                    out.start_char(c)
        if len({c.lower() for c in letters}) > _SMALL_SET:
            out.word(prefix, complete=False)
            return
        for c in sorted({c.lower() for c in letters}):
            if not out.settled(prefix + c):
                _walk(rest, prefix + c, out, ends_word, depth)
    elif op in (sre.ANY, sre.NOT_LITERAL, sre.GROUPREF):
        out.word(prefix, complete=False)
        if not prefix:
            out.any_nonword = True
    elif op is sre.BRANCH:
        for alt in av[1]:
            _walk([(list(alt.data), 0)] + rest, prefix, out, ends_word, depth)
    elif op is sre.SUBPATTERN:
        _walk([(list(av[3].data), 0)] + rest, prefix, out, ends_word, depth)
    elif op is sre.ATOMIC_GROUP:
        _walk([(list(av.data), 0)] + rest, prefix, out, ends_word, depth)
    elif op in _REPEATS:
        low, high, item = av
        if low == 0:
            _walk(rest, prefix, out, ends_word, depth)  # no copy at all
        if high == 0:
            return
        if depth >= _MAX_UNROLL:
            out.word(prefix, complete=False)
            if not prefix:
                out.any_nonword = True
            return
        again = (sre.MAX_REPEAT, (max(low - 1, 0), high - 1 if high != sre.MAXREPEAT else high, item))
        _walk([(list(item.data), 0), ([again], 0)] + rest, prefix, out, ends_word, depth + 1)
    elif op in _ZERO_WIDTH:
        _walk(rest, prefix, out, ends_word, depth)  # checks no character: the set stays a superset
    elif op is sre.GROUPREF_EXISTS:
        _, yes, no = av
        _walk([(list(yes.data), 0)] + rest, prefix, out, ends_word, depth)
        _walk(([(list(no.data), 0)] if no is not None else []) + rest, prefix, out, ends_word, depth)
    else:
        out.word(prefix, complete=False)
        if not prefix:
            out.any_nonword = True


def _wide(av: list, prefix: str, out: _Collector) -> None:  # type: ignore[type-arg]
    """A class too wide to spell out: digits, any word character, a negated set, white space."""
    items = list(av)
    negated = any(op is sre.NEGATE for op, _ in items)
    cats = {a for op, a in items if op is sre.CATEGORY}
    digits_only = not negated and all(
        op is sre.CATEGORY and a in (sre.CATEGORY_DIGIT, sre.CATEGORY_UNI_DIGIT)
        or op is sre.RANGE and chr(a[0]).isdigit() and chr(a[1]).isdigit()
        or op is sre.LITERAL and chr(a).isdigit() for op, a in items)
    space_only = not negated and cats and all(
        op is sre.CATEGORY and a in (sre.CATEGORY_SPACE, sre.CATEGORY_UNI_SPACE)
        or op is sre.LITERAL and not _is_word(chr(a)) for op, a in items)
    if space_only:
        if prefix:
            out.word(prefix, complete=True)
        else:
            out.any_nonword = True  # a match that begins with white space
        for op, a in items:
            if op is sre.LITERAL and not prefix:
                out.nonword.add(chr(a))
        return
    if digits_only:
        out.word(prefix or "0", complete=False)  # "0": any word beginning with a digit
        return
    out.word(prefix, complete=False)  # a word beginning with the prefix: the class's word goes on or not
    if not prefix:
        out.any_nonword = True

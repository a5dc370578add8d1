"""Which rule to try where: one pass over a text's words, then each rule only where it can match.

Trying every rule at every character costs about 35 ns per rule and character, and most of
that is spent where the rule cannot match. Two facts about a rule narrow it down:

* its ``requires:`` families — every match holds one of their trigger words, so the rule runs
  only in the *windows* around such words (±``REACH`` characters, merged);
* its start set (:mod:`.starts`) — the words a match can begin with ("on", "last", a number).

One regex pass finds every word that triggers a family or begins a rule; the rule's regex is
then tried (``match``) only at those beginnings inside its windows, which gives the matches
``finditer`` would give over the windows. All of it is built once per rule set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ...rules.loader import Rule, RuleSet
from .starts import StartSet, start_set

REACH = 48  # no expression reaches further than this from its trigger word, on either side
_TOKEN = re.compile(r"[A-Za-z]+|\d+")  # trigger words: "18months" holds "18" and "months"
_SPACE = re.compile(r"\s")
_WORD_CHAR = re.compile(r"\w")
_CACHE_LIMIT = 20_000  # distinct words remembered with what they trigger (a few MB); then it starts again
_NUMBER_LIMIT = 4  # ASCII numbers up to this many digits are remembered too: 11,110 of them at most

# A window: [lo, hi) of the text.
Window = tuple[int, int]


@dataclass(frozen=True, slots=True)
class _Word:
    """What one word of the text does: the rules that may begin at it, the families it triggers."""

    rules: tuple[tuple[int, tuple[int, ...]], ...]  # (window set or -1, the rules using it)
    triggers: tuple[tuple[int, int, tuple[int, ...]], ...]  # (start, end) in the word, window sets


# Most words of a text begin no rule and trigger nothing ("decision", "across"): they all get
# this one value, so the scan can pass over them with one identity test.
_NOTHING = _Word((), ())


class Plan:
    """The rule set's rules (negatives first) with where each may match."""

    def __init__(self, rs: RuleSet) -> None:
        self.rules: tuple[Rule, ...] = rs.negatives + rs.rules
        self._triggers = rs.triggers
        # Rules that require the same families share their windows.
        self._window_sets: list[frozenset[str]] = []
        self.rule_window: list[int] = []  # per rule: index into _window_sets, -1 = the whole text
        for rule in self.rules:
            if not rule.requires:
                self.rule_window.append(-1)
                continue
            if rule.requires not in self._window_sets:
                self._window_sets.append(rule.requires)
            self.rule_window.append(self._window_sets.index(rule.requires))
        self._sets_of: dict[frozenset[str], tuple[int, ...]] = {}
        starts = [start_set(rule.regex) for rule in self.rules]
        self._scan_all = frozenset(i for i, s in enumerate(starts) if s.after is None and s.anywhere)
        self._index_words(starts)
        self._index_chars(starts)
        self._finder = self._build_finder(starts)
        self._words: dict[str, _Word] = {}
        self._chars: dict[tuple[str, bool], tuple[tuple[int, tuple[int, ...]], ...]] = {}
        self._groups: dict[frozenset[int], tuple[tuple[int, tuple[int, ...]], ...]] = {}

    # --- built once -------------------------------------------------------------------------

    def _index_words(self, starts: list[StartSet]) -> None:
        self._by_word: dict[str, list[int]] = {}
        self._by_prefix: dict[str, list[int]] = {}
        self._digit_rules: list[int] = []
        self._any_word_rules: list[int] = []
        for i, s in enumerate(starts):
            if s.after is not None or i in self._scan_all:
                continue
            for w in s.words:
                self._by_word.setdefault(w, []).append(i)
            for p in s.prefixes:
                self._by_prefix.setdefault(p, []).append(i)
            if s.digit_word:
                self._digit_rules.append(i)
            if s.any_word:
                self._any_word_rules.append(i)
        self._prefix_lengths = sorted({len(p) for p in self._by_prefix})
        self._word_rules = [i for i, s in enumerate(starts) if s.after is None and i not in self._scan_all]

    def _index_chars(self, starts: list[StartSet]) -> None:
        """Rules that begin with a non-word character ("$", "'90s"), or right after one."""
        self._by_char: dict[str, list[int]] = {}
        self._any_char_rules: list[int] = []
        self._after_char: dict[str, list[int]] = {}
        for i, s in enumerate(starts):
            if i in self._scan_all:
                continue
            if s.after is not None:
                for c in s.after:
                    self._after_char.setdefault(c, []).append(i)
                continue
            for c in s.nonword:
                self._by_char.setdefault(c, []).append(i)
            if s.any_nonword:
                self._any_char_rules.append(i)

    def _build_finder(self, starts: list[StartSet]) -> re.Pattern[str]:
        """One regex for the words (each looked up in a dict, cached) and the non-word
        characters some rule begins with or follows. (A trie of the words worth a look costs
        the engine four times what plain words do.)"""
        chars = set(self._by_char) | set(self._after_char)
        finder = r"\w+"
        if self._any_char_rules:
            finder += r"|(?P<c>\W)"  # a rule may begin with white space
        elif chars:
            finder += "|(?P<c>[" + "".join(_class_escape(c) for c in sorted(chars)) + "])"
        return re.compile(finder)

    def _word(self, token: str) -> _Word:
        """The rules that may begin at ``token`` and the trigger words in it (cached)."""
        found = self._words.get(token)
        if found is not None:
            return found
        low = token.lower()
        if not token.isascii():
            rules: set[int] = set(self._word_rules)  # "ſeptember" matches "september" under IGNORECASE
        else:
            rules = set(self._by_word.get(low, ()))
            for n in self._prefix_lengths:
                if n > len(low):
                    break
                rules.update(self._by_prefix.get(low[:n], ()))
            if not (low[0].isascii() and low[0].isalpha()):
                rules.update(self._digit_rules)
            rules.update(self._any_word_rules)
        triggers = []
        for m in _TOKEN.finditer(token):
            word = m.group()
            families = ("digit",) if word[0] <= "9" else self._triggers.get(word.lower())
            if families:
                sets = self._window_sets_of(frozenset(families))
                if sets:
                    triggers.append((m.start(), m.end(), sets))
        by_window = self._by_window(rules)
        found = _Word(by_window, tuple(triggers)) if by_window or triggers else _NOTHING
        if token.isalpha():
            if len(self._words) >= _CACHE_LIMIT:
                self._words.clear()
            self._words[token] = found
        elif len(token) <= _NUMBER_LIMIT and token.isascii() and token.isdigit():
            # Numbers in general are too many to remember ("12,000", "2015", "4:30" give "12",
            # "000", "2015", "4", "30"), but those of up to four digits are a bounded set.
            self._words[token] = found
        return found

    def _char_rules(self, ch: str, after: bool) -> tuple[tuple[int, tuple[int, ...]], ...]:
        """The rules that begin with the non-word character ``ch`` (or right ``after`` it), by window set."""
        key = (ch, after)
        found = self._chars.get(key)
        if found is None:
            rules = self._after_char.get(ch, []) if after else self._by_char.get(ch, []) + self._any_char_rules
            found = self._by_window(rules)
            self._chars[key] = found
        return found

    def _by_window(self, rules: Iterable[int]) -> tuple[tuple[int, tuple[int, ...]], ...]:
        """The rules grouped by window set; one shared value per distinct group of rules."""
        key = frozenset(rules)
        found = self._groups.get(key)
        if found is None:
            by_set: dict[int, list[int]] = {}
            for i in sorted(key):
                by_set.setdefault(self.rule_window[i], []).append(i)
            found = tuple((k, tuple(v)) for k, v in by_set.items())
            self._groups[key] = found
        return found

    def _window_sets_of(self, families: frozenset[str]) -> tuple[int, ...]:
        sets = self._sets_of.get(families)
        if sets is None:
            sets = tuple(k for k, req in enumerate(self._window_sets) if req & families)
            self._sets_of[families] = sets
        return sets

    # --- per text ---------------------------------------------------------------------------

    def scan(self, text: str) -> tuple[list[list[int]], list[list[Window]]]:
        """Where in ``text`` each rule may begin (sorted), and the windows of each set of
        families (``rule_window[i]`` is rule i's set, -1 for the whole text)."""
        begins: list[list[int]] = [[] for _ in self.rules]
        spans: list[list[list[int]]] = [[] for _ in self._window_sets]
        hits: list[tuple[int, tuple[tuple[int, tuple[int, ...]], ...]]] = []
        known = self._words.get
        for m in self._finder.finditer(text):
            token = m[0]
            word = known(token)
            if word is None:
                if m.lastgroup == "c":
                    s = m.start()
                    if s == 0 or _WORD_CHAR.match(text, s - 1) is None:
                        starting = self._char_rules(token, after=False)
                        if starting:
                            hits.append((s, starting))
                    following = self._char_rules(token, after=True)
                    if following:
                        hits.append((s + 1, following))
                    continue
                word = self._word(token)
            if word is _NOTHING:
                continue
            s = m.start()
            if word.rules:
                hits.append((s, word.rules))
            for a, b, sets in word.triggers:
                lo, hi = max(0, s + a - REACH), s + b + REACH
                for k in sets:
                    w = spans[k]
                    if w and lo <= w[-1][1]:
                        w[-1][1] = hi
                    else:
                        w.append([lo, hi])
        windows = [_finish(w, text) for w in spans]
        # A word begins a rule only inside that rule's windows: most of "the"s are outside them.
        at = [0] * len(windows)
        for s, by_set in hits:
            for k, rules in by_set:
                if k >= 0:
                    wins, j = windows[k], at[k]
                    while j < len(wins) and wins[j][1] <= s:
                        j += 1
                    at[k] = j
                    if j == len(wins) or wins[j][0] > s:
                        continue
                for i in rules:
                    begins[i].append(s)
        return begins, windows

    def matches(self, text: str, begins: list[list[int]],
                windows: list[list[Window]]) -> Iterator[tuple[int, re.Match[str]]]:
        """(rule index, match) for every rule over its windows, as ``finditer`` finds them."""
        scan_all = self._scan_all
        for i, rule in enumerate(self.rules):
            wins = windows[i]
            if not wins:
                continue
            if i in scan_all:
                for lo, hi in wins:
                    for m in rule.regex.finditer(text, lo, hi):
                        yield i, m
                continue
            if begins[i]:  # most rules with windows begin nowhere in them: no generator for those
                yield from _at_begins(i, rule.regex, text, begins[i], wins)

    def full_scan(self, text: str, windows: list[Window]) -> Iterator[tuple[int, re.Match[str]]]:
        """Every rule over every position of the windows: the reference for :meth:`matches`."""
        for i, rule in enumerate(self.rules):
            for lo, hi in windows:
                for m in rule.regex.finditer(text, lo, hi):
                    yield i, m


def _at_begins(i: int, regex: re.Pattern[str], text: str, begins: list[int],
               windows: list[Window]) -> Iterator[tuple[int, re.Match[str]]]:
    """The matches ``regex.finditer`` finds in each window, trying only the given beginnings
    (sorted): after a match the search goes on from its end, as finditer's does."""
    j, n = 0, len(begins)
    for lo, hi in windows:
        while j < n and begins[j] < lo:
            j += 1
        cur = lo
        while j < n and begins[j] < hi:
            s = begins[j]
            j += 1
            if s < cur:
                continue
            m = regex.match(text, s, hi)
            if m is not None:
                yield i, m
                cur = m.end()


def _finish(spans: list[list[int]], text: str) -> list[Window]:
    """Windows that end at white space, so that "(?![\\w])" is judged on the real next
    character; windows that then overlap are one window. Linear in the text: each search for
    white space starts where the last one ended."""
    out: list[Window] = []
    size = len(text)
    space = -1  # the first white space at or after the last window's end
    for lo, hi in spans:
        if hi >= size:
            hi = size
        else:
            if space < hi:
                found = _SPACE.search(text, hi)
                space = found.start() if found else size
            hi = space
        if out and lo < out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def _class_escape(c: str) -> str:
    return "\\" + c if c in "\\]^-[" else c


_PLANS: dict[int, tuple[RuleSet, Plan]] = {}


def plan_for(rs: RuleSet) -> Plan:
    """The plan of a rule set, built on first use (rule sets are frozen)."""
    entry = _PLANS.get(id(rs))
    if entry is None or entry[0] is not rs:
        if len(_PLANS) > 16:
            _PLANS.clear()
        entry = (rs, Plan(rs))
        _PLANS[id(rs)] = entry
    return entry[1]

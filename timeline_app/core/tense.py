"""The tense of the verb governing a time expression, from the words around it.

News resolves an underspecified "Tuesday" or "March" against the document date, and the tense
decides the direction: "had launched on Tuesday" is the Tuesday before, "will resume on
Tuesday" the one after. We look for the nearest auxiliary or verb form in the same clause,
left of the expression first (English puts the verb there more often), then right.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Tense(StrEnum):
    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"


_WORD = re.compile(r"[A-Za-z']+|[.;:!?\"“”()—–]")
_FUTURE = frozenset({"will", "'ll", "shall", "wo", "won't", "going", "scheduled", "expected",
                     "expects", "upcoming", "intends", "aims", "would", "next", "tomorrow",
                     "payable"})
_FUTURE_PAIRS = frozenset({("is", "to"), ("are", "to"), ("going", "to"), ("will", "be"), ("plans", "to"),
                           ("plan", "to"), ("planned", "to"), ("planning", "to"), ("set", "to"),
                           ("due", "to"), ("hopes", "to"), ("wants", "to"), ("soon", "as"),
                           ("early", "as")})
# Words that open a new clause: the verb beyond them governs something else.
_CLAUSE_OPENERS = frozenset({"where", "which", "who", "whom", "whose", "when", "while", "because",
                             "although", "though", "but", "whereas", "if", "unless", "since"})
_PAST = frozenset({
    "was", "were", "had", "did", "said", "told", "went", "came", "took", "made", "gave", "got",
    "left", "began", "fell", "rose", "won", "lost", "met", "held", "saw", "found", "sold", "bought",
    "paid", "sent", "spent", "brought", "thought", "felt", "kept", "led", "ran", "wrote", "spoke",
    "struck", "shot", "hit", "quit", "fled", "drove", "flew", "broke", "chose", "ate", "grew", "knew",
    "threw", "became", "stood", "sat", "slid", "sank", "swore", "tore", "wore", "woke", "overtook",
    "withdrew", "underwent", "ago", "yesterday", "last", "earlier", "'d", "been", "gone", "done",
    "taken", "given", "seen", "known", "shown", "begun",
})
_PRESENT = frozenset({"is", "are", "am", "says", "say", "has", "have", "does", "do", "now", "currently"})
# Words ending in -ed that are not past verbs.
_NOT_PAST_ED = frozenset({"need", "speed", "indeed", "red", "bed", "seed", "feed", "proceed",
                          "exceed", "succeed", "united", "hundred", "shed", "bred", "weed", "breed",
                          "creed", "greed", "steed", "naked", "wicked", "sacred", "kindred", "led",
                          "based", "related", "ed", "deed", "embed", "reed", "sled", "wed", "fled"})
# An auxiliary before a participle decides the tense: "will be held" is future, "was held" past.
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "would", "going", "wo", "won't", "to", "must", "should",
                         "can", "could", "may", "might"})
_CLAUSE_END = frozenset({".", ";", ":", "!", "?", "\"", "“", "”", "(", ")", "—", "–"})


def _classify(word: str, following: str | None) -> Tense | None:
    w = word.lower()
    if w in _FUTURE:
        return Tense.FUTURE
    if following is not None and (w, following.lower()) in _FUTURE_PAIRS:
        return Tense.FUTURE
    if w in _PAST:
        return Tense.PAST
    if len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST_ED:
        return Tense.PAST
    if w in _PRESENT:
        return Tense.PRESENT
    return None


DEADLINE_WORDS = _DEADLINE = frozenset({"until", "till", "through", "by", "before"})


def tense_near(text: str, start: int, end: int, window: int = 12) -> tuple[Tense, str] | None:
    """The tense of the clause around ``text[start:end]`` and the word that shows it, or None.

    A deadline preposition ("extended until Nov. 16", "by Jan. 14") reads as present: the
    nearest such date, whatever the tense of the verb that set the deadline.
    """
    left = _WORD.findall(text[max(0, start - 200):start])
    right = _WORD.findall(text[end:end + 160])
    if left and left[-1].lower() in _DEADLINE:
        return Tense.PRESENT, left[-1]
    if text[end:end + 2] in ("'s", "’s"):
        # "Wednesday's ruling": a day named as the time of something already done.
        return Tense.PAST, text[start:end + 2]
    # Walk left from the expression to the clause start, nearest word first.
    for i in range(len(left) - 1, max(-1, len(left) - 1 - window), -1):
        word = left[i]
        if word in _CLAUSE_END or word.lower() in _CLAUSE_OPENERS:
            break
        if i > 0 and left[i - 1] == "to" and word.isalpha() and word.islower() and \
                word not in ("the", "a", "an", "be") and i == len(left) - 1:
            return Tense.FUTURE, f"to {word}"  # "set to expire Nov. 6": an infinitive looks ahead
        tense = _classify(word, left[i + 1] if i + 1 < len(left) else None)
        if tense is Tense.PAST:
            # "will be held", "to be signed": a past form under a future auxiliary.
            # Case kept: "Theresa May spoke" has no modal in it.
            before = left[max(0, i - 3):i]
            if any(w in _FUTURE_AUX for w in before) and "be" in before + [word] or \
                    before[-1:] and before[-1] in _FUTURE_AUX - {"to"}:
                return Tense.FUTURE, " ".join(left[i - 2:i + 1]) if i >= 2 else word
        if tense is not None:
            return tense, word
    for i, word in enumerate(right[:window]):
        if word in _CLAUSE_END or word.lower() in _CLAUSE_OPENERS:
            break
        tense = _classify(word, right[i + 1] if i + 1 < len(right) else None)
        if tense is not None:
            return tense, word
    return None

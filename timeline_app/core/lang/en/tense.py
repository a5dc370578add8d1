"""The tense of the verb governing a time expression, from the words around it.

News resolves an underspecified "Tuesday" or "March" against the document date, and the tense
decides the direction: "had launched on Tuesday" is the Tuesday before, "will resume on
Tuesday" the one after. We look for the nearest auxiliary or verb form in the same clause,
left of the expression first (English puts the verb there more often), then right.
"""

from __future__ import annotations

import re

from ..language import Tense
from .abbreviations import ABBREVIATIONS

__all__ = ["Tense", "tense_near"]  # Tense is every language's: the stages read it from here as before


# Acronyms ("U.S.") and abbreviations before a number or a lower-case word ("Nov. 21") keep their
# dot, and numbers keep theirs ("9.5 million"), so that only a real sentence end stops the search.
# A dot before a comma ends no sentence either ("in Birmingham, Ala., killed a guard").
_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z']+(?:\.(?=\s+[a-z0-9]|,))?|\d+(?:[.,]\d+)*|[.,;:!?\"“”()—–]")


def _words(text: str) -> list[str]:
    """The words of ``text``; a dot after a known abbreviation ("Roe vs. Wade", "Gen. Smith")
    is dropped, since it ends no clause."""
    out: list[str] = []
    for w in _WORD.findall(text):
        if w == "." and out and out[-1].lower().rstrip(".") in ABBREVIATIONS:
            continue
        out.append(w)
    return out


_FUTURE = frozenset({"will", "'ll", "shall", "wo", "won't", "going", "scheduled", "expected",
                     "expects", "upcoming", "intends", "aims", "would", "next", "tomorrow",
                     "payable",
                     # The present of scheduling verbs speaks of what is planned: "the law takes
                     # effect in January", "the trial begins on Monday".
                     "takes", "begins", "starts", "opens", "expires", "resumes", "reopens",
                     "kicks", "convenes", "reconvenes"})
_FUTURE_PAIRS = frozenset({("is", "to"), ("are", "to"), ("going", "to"), ("will", "be"), ("plans", "to"),
                           ("plan", "to"), ("planned", "to"), ("planning", "to"), ("set", "to"),
                           ("due", "to"), ("hopes", "to"), ("wants", "to"), ("soon", "as"),
                           ("early", "as"), ("ahead", "of"), ("planned", "for"), ("due", "in"),
                           ("scheduled", "for"), ("set", "for"), ("slated", "for"), ("due", "on"),
                           # "Rain is forecast to return by the weekend": a prediction looks ahead.
                           ("forecast", "to"), ("predicted", "to"), ("projected", "to"), ("likely", "to"),
                           ("tipped", "to")})
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
_PRESENT = frozenset({"is", "are", "am", "says", "say", "has", "have", "does", "do", "now", "currently",
                      # A lasting state: "schools remain closed until Friday" (not "closed").
                      "remain", "remains", "stay", "stays"})
# After these an -ed word is an adjective: the verb before it tells the tense ("schools remain
# closed until Friday" is a state that lasts, "remained closed" one that lasted).
_LINKING = frozenset({"remain", "remains", "remained", "stay", "stays", "stayed"})
# Words ending in -ed that are not past verbs.
_NOT_PAST_ED = frozenset({"need", "speed", "indeed", "red", "bed", "seed", "feed", "proceed",
                          "exceed", "succeed", "united", "hundred", "shed", "bred", "weed", "breed",
                          "creed", "greed", "steed", "naked", "wicked", "sacred", "kindred", "led",
                          "based", "related", "ed", "deed", "embed", "reed", "sled", "wed", "fled"})
# An auxiliary before a participle decides the tense: "will be held" is future, "was held" past.
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "would", "going", "wo", "won't", "to", "must", "should",
                         "may", "might"})
_CLAUSE_END = frozenset({".", ";", ":", "!", "?", "\"", "“", "”", "(", ")", "—", "–"})


def _classify(word: str, following: str | None) -> tuple[Tense, bool] | None:
    """The tense a word shows and whether it is a strong cue (an auxiliary, a listed verb form)
    rather than a weak one (any word ending in -ed, which may be an adjective: "preferred")."""
    w = word.lower()
    if w == "next" and following == "to":
        return None  # "next to the embassy": a preposition, not "next week"
    if w in _FUTURE:
        return Tense.FUTURE, True
    if following is not None and (w, following.lower()) in _FUTURE_PAIRS:
        return Tense.FUTURE, True
    if w in _PAST:
        return Tense.PAST, True
    if w in _PRESENT:
        return Tense.PRESENT, True
    if len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST_ED:
        # "issued a statement", "arrived in Paris", "added 175,000 jobs": an -ed word before a
        # determiner, a preposition or a number is a verb; before a noun it may be an adjective
        # ("preferred shares").
        return Tense.PAST, following is not None and (following.lower() in _VERB_FOLLOWERS
                                                      or following[:1].isdigit())
    return None


Cue = tuple[str, str | None, list[str]]  # a word, the word after it, up to six words before it


def _left_cues(words: list[str], window: int) -> list[Cue]:
    """Words left of the expression back to the clause start (at most ``window``), nearest
    first; the words before each cue may reach past the window ("will be named ... in
    December": "will be" decides for "named")."""
    clause = len(words)
    while clause > 0 and words[clause - 1] not in _CLAUSE_END and words[clause - 1].lower() not in _CLAUSE_OPENERS:
        clause -= 1
    start = max(clause, len(words) - window)
    # A relative pronoun opens the clause but is its subject too ("the leaders, who play on
    # Sunday"), so the verbs after it see it.
    lo = clause - 1 if clause > 0 and words[clause - 1].lower() in _RELATIVES else clause
    return [(words[j], words[j + 1] if j + 1 < len(words) else None, words[max(lo, j - 6):j])
            for j in range(len(words) - 1, start - 1, -1)]


def _right_cues(words: list[str], window: int, fronted: bool = False) -> list[Cue]:
    """Words right of the expression up to the clause end, nearest first. A comma ends it too,
    unless the expression is fronted ("In January, the company brought in ..."): then the
    clause it modifies follows the comma."""
    end = 0
    while end < min(len(words), window) and words[end] not in _CLAUSE_END \
            and (words[end] != "," or fronted) and words[end].lower() not in _CLAUSE_OPENERS:
        end += 1
    return [(words[j], words[j + 1] if j + 1 < len(words) else None, words[max(0, j - 3):j])
            for j in range(end)]


_VERB_FOLLOWERS = frozenset({"a", "an", "the", "his", "her", "its", "their", "this", "that", "these", "those",
                             "our", "my", "your", "some", "no", "in", "on", "at", "to", "by", "for", "with",
                             "from", "into", "after", "before", "him", "them", "it", "us", "me", "up", "out"})
# Words after "to" that do not make an infinitive ("fell to 5% in May": the number is no word).
_NOT_INFINITIVE = frozenset({"the", "a", "an", "be", "in", "on", "at", "by", "for", "from", "of", "with",
                             "into", "until", "since", "during", "before", "after", "about", "around",
                             "its", "his", "her", "their", "this", "that", "early", "late", "mid"})
_AUXILIARIES = frozenset({"had", "has", "have", "was", "were", "is", "are", "will", "would", "did", "does",
                          "shall", "'ll"})
# ("to" only reaches month days: "extended to Nov. 20"; before a weekday the clause decides.)
_FORECAST_NOUNS = frozenset({"warning", "warnings", "watch", "alert", "alerts", "forecast", "forecasts",
                             "outlook"})
_DEADLINE = frozenset({"until", "till", "through", "by", "before", "effective", "to"})
# Verbs that move something to, or set, a later date: "postponed until Tuesday", "gave them until
# Friday" look ahead even in the past tense.
_DELAY = frozenset({"postponed", "delayed", "adjourned", "extended", "deferred", "rescheduled", "moved",
                    "pushed", "put", "suspended", "gave", "given", "granted"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her", "our"})
# Words that can follow a whole noun phrase but not a modifier inside one.
_HEAD_FOLLOWERS = frozenset({"on", "at", "in", "by", "from", "to", "for", "with", "of", "and", "or", ",", ".", ";"})
# Verbs that foresee what their object names: "signaled a hike in December", "forecast a
# recession in 2009".
_ANTICIPATED = frozenset({"signaled", "signalled", "hinted", "flagged", "forecast", "forecasted", "predicted",
                          "projected", "foresaw", "anticipated", "envisaged", "envisioned", "pencilled",
                          "penciled", "targeted", "eyed"})
_PUSH_FORWARD = frozenset({"extend", "extends", "extended", "extending", "extension", "prolong", "prolonged",
                           "postpone", "postponed", "delay", "delayed", "defer", "deferred", "renew", "renewed"})
# Verbs of planning look ahead whatever their tense: "protesters planned a rally on Saturday",
# "they were planning to march Sunday" speak of a Saturday or Sunday still to come.
_PLANNING = frozenset({"planned", "planning", "scheduled", "scheduling", "arranged", "arranging"})
# A relative pronoun right before an -ed word makes it a verb: "shootings that injured doctors".
_RELATIVES = frozenset({"that", "who", "which"})
# Words that may stand before a time expression fronted in its clause ("In January, ..."):
# the verb it modifies comes after the comma.
_FRONTING = frozenset({"in", "on", "at", "during", "early", "late", "also", "and", "then", "but", "only",
                       "by", "until", "since", "last", "this", "next", "the", "of", "from", "for"})


def _fronted(left: list[str], lefts: list[Cue], right: list[str]) -> bool:
    """True when the expression opens its sentence, with at most a preposition before it,
    and a comma after it: "In January, ...", "Also on Friday, ..."."""
    before_clause = left[len(left) - len(lefts) - 1] if len(left) > len(lefts) else None
    return bool(right) and right[0] == "," and (before_clause is None or before_clause in _CLAUSE_END) \
        and all(w.lower() in _FRONTING for w, _, _ in lefts)


# A plan in the past perfect was overtaken by events, so it does not look ahead: "the offer had
# been scheduled to expire at midnight Friday" (it was extended) is the Friday just past, "had
# been set to expire Nov. 6" the nearest Nov. 6 (the present reading: nearest, and for a weekday
# the latest).
_PLAN_WORDS = frozenset({"scheduled", "due", "expected", "set", "slated", "supposed", "planned", "hoped",
                         "intended", "meant"})


def _unrealised_plan(words: list[str]) -> bool:
    tail = [w.lower() for w in words[-3:]]
    if len(tail) < 2 or tail[-1] not in _PLAN_WORDS:
        return False
    return tail[-2] == "had" or tail[-3:-1] == ["had", "been"]


# Verbs that commit to a later act: "decided to admit them in early March", "agreed to buy the
# line in February" place the time on the act decided, which is still to come.
# Hopes and intentions look ahead the same way: "hoped to restore power by Friday", "aims to
# finish the work in March".
_COMMITMENT = frozenset({"decided", "agreed", "voted", "promised", "pledged", "vowed", "threatened",
                         "proposed", "offered", "undertook", "resolved", "threatens", "proposes",
                         "agrees", "decides",  # not "offers", "promises": nouns as often as verbs
                         "hoped", "hopes", "aimed", "aims", "intended", "intends", "sought", "seeks",
                         "expected", "expects", "wanted", "wants"})


# Past verbs whose infinitive happens (or fails) at their own time, not later: "declined to
# comment Wednesday", "tried to flee on Monday", "began to withdraw Sunday".
_DONE_WITH_INFINITIVE = frozenset({"declined", "refused", "failed", "managed", "tried", "attempted", "began",
                                   "started", "continued", "rushed", "hurried", "scrambled", "struggled",
                                   "ceased", "stopped", "neglected", "dared", "hastened"})


def _committed_infinitive(word: str, before: list[str]) -> bool:
    return (len(before) >= 2 and before[-1] == "to" and before[-2].lower() in _COMMITMENT
            and word.isalpha() and word.islower() and word not in _NOT_INFINITIVE)


# Words ending in -s (but not -ss, -us, -is, shorter than four letters) that are seldom verbs of
# the third person singular.
_NOT_PRESENT_S = frozenset({"news", "series", "species", "means", "always", "perhaps", "towards", "afterwards",
                            "whereas", "besides", "sometimes", "nevertheless", "politics", "economics", "chaos",
                            "hers", "ours", "yours", "theirs", "does"})
# Words after which an -s word is a noun ("two votes", "many plays"; "peace talks" is not told apart).
_NOT_SUBJECT = _DETERMINERS | frozenset({
    "of", "in", "on", "at", "for", "with", "by", "from", "to", "and", "or", "many", "more", "most", "some", "all",
    "no", "two", "three", "four", "five", "several", "few", "other", "these", "those", "such", "new", "its",
    "their", "his", "her", "our", "your", "my", "whose", "what", "which", "that", "than", "per", "about", "over",
    "under", "into"})


def _s_word(w: str) -> bool:
    """A lower-case word with the -s of a plural noun or a present verb ("votes", "polls"), not
    "class", "bus", "crisis", nor a short or listed one ("news", "always")."""
    return len(w) >= 4 and w.endswith("s") and not w.endswith(("ss", "us", "is")) and w not in _NOT_PRESENT_S


def _present_s(word: str, following: str | None, before: list[str]) -> bool:
    """A verb in the present, third person singular, by its shape: an -s word after a name or a
    noun (not after a determiner or a number, where it is a plural noun) and before an object or
    a preposition: "Britain votes on Thursday", "the champion plays his first match Monday"."""
    w = word.lower()
    if not _s_word(w) or w.endswith("'s") or not word.islower() or not before:
        return False
    prev = before[-1]
    return (following is not None and following.lower() in _VERB_FOLLOWERS
            and prev.isalpha() and prev.lower() not in _NOT_SUBJECT | _SAME_FORM_PAST
            and not prev.lower().endswith(("s", "ed", "ing")))


# Verbs of scheduled events in the plain present: with a plural subject, the present speaks of
# what is planned ("the leaders meet on Tuesday", "the polls close on Nov. 8").
_SCHEDULED_PLAIN = frozenset({"meet", "begin", "start", "open", "close", "end", "expire", "resume", "reopen",
                              "convene", "reconvene", "vote", "gather", "return", "arrive", "leave",
                              "travel", "head", "fly", "visit", "play", "face", "host", "march", "rally"})
_PLURAL_PRONOUNS = frozenset({"they", "we", "you"})
_MARKET_MOVES = frozenset({"higher", "lower", "up", "down", "mixed", "flat", "at", "steady", "firmer", "weaker"})


def _scheduled_plain(word: str, following: str | None, before: list[str]) -> bool:
    """A scheduling verb in the plain present after a plural subject: a plural noun ("the polls
    close"), a plural pronoun ("they meet") or a pair of names ("He and Arafat meet"). Not a
    market headline's present ("Stocks close higher on Wednesday")."""
    if word not in _SCHEDULED_PLAIN or not before or (following or "").lower() in _MARKET_MOVES:
        return False
    prev = before[-1]
    low = prev.lower()
    if low in _PLURAL_PRONOUNS or low in ("who", "that"):
        return True  # "the leaders, who play on Sunday": a plain form after "who" has a plural subject
    plural_noun = _s_word(low) and low not in _NOT_SUBJECT  # "Voters head to the polls"
    if plural_noun and (prev.islower() or len(before) == 1 and prev[1:].islower()):
        return True
    if plural_noun and prev[1:].islower() and len(before) >= 2 and before[-2].lower() == "the":
        return True  # a team: "the Tigers host the Lions at 1 p.m. Saturday"
    return _pair_subject(before)


_PAIR_HEADS = frozenset({"he", "she", "i", "it"})


def _pair_subject(before: list[str]) -> bool:
    """Two subjects joined by "and" right before the verb: "He and Arafat meet", "Mr. Lee and
    his counterpart meet", "He and Palestinian leader Yasser Arafat meet" (the second one up to
    four words long, ending in a name or a noun)."""
    for back in range(2, min(6, len(before)) + 1):
        if before[-back].lower() != "and":
            continue
        second = before[len(before) - back + 1:]
        first = before[-back - 1] if len(before) > back else ""
        return (bool(second) and all(w.isalpha() or w.endswith(".") for w in second)
                and not any(w.lower() in _NOT_SUBJECT - _DETERMINERS - {"his", "her", "its", "their", "our"}
                            for w in second)
                and (first[:1].isupper() or first.lower() in _PAIR_HEADS))
    return False


# "the first company to be valued at $1 trillion", "the last person to see him": an infinitive
# after a ranked noun tells of a fact, as the main verb does, not of a plan.
_RANKS = frozenset({"first", "second", "third", "last", "only", "latest", "youngest", "oldest"})


def _ranked_infinitive(before: list[str]) -> bool:
    """True when the words end in "to" (or "to be") right after a ranked noun phrase: "the first
    U.S. public company to", "the only team to"; not "the first step is to" (a verb between)."""
    tail = before[:-1] if before[-1:] == ["be"] else before
    if tail[-1:] != ["to"]:
        return False
    phrase = tail[-6:-1]
    for i in range(len(phrase) - 1, -1, -1):
        w = phrase[i].lower()
        if w in _RANKS:
            return True
        if w in _PAST or w in _PRESENT or w in _FUTURE or w in _AUXILIARIES:
            return False
    return False


# Verbs whose past is their plain form. After a singular subject the present would take -s
# ("the Fed cuts"), so the plain form there is the past: "the Fed cut rates late on Sunday",
# "the agency set Friday as the deadline". After a plural subject it stays unknown.
_SAME_FORM_PAST = frozenset({"cut", "put", "set", "shut", "spread", "cost", "hurt", "let", "bid",
                             "split", "burst", "cast", "upset", "shed"})
_SINGULAR_PRONOUNS = frozenset({"he", "she", "it"})


def _after_subject(before: list[str]) -> bool:
    """True when the word before is a singular subject: a name ("the Fed", "Britain"), "he", "she",
    "it", or a singular noun after a determiner ("the company")."""
    if not before:
        return False
    prev = before[-1]
    if prev.lower() in _SINGULAR_PRONOUNS:
        return True
    if prev[:1].isupper() and prev.isalpha() and len(before) > 1:  # not the sentence's first word
        return True
    return (prev.isalpha() and prev.islower() and not prev.endswith("s") and len(before) > 1
            and before[-2].lower() in _DETERMINERS and prev not in _NOT_SUBJECT)


def _drop_asides(words: list[str]) -> list[str]:
    """The words without complete parenthetical asides: "will be held (as planned) on Friday"
    is governed by "will be held"."""
    out: list[str] = []
    for w in words:
        if w == ")" and "(" in out:
            del out[len(out) - 1 - out[::-1].index("("):]
            continue
        out.append(w)
    return out


def _plans(word: str, following: str | None) -> bool:
    """True for a planning verb with its object ("planned a rally") or after an auxiliary
    ("were planning"); "as previously planned Saturday" plans nothing new."""
    w, f = word.lower(), (following or "").lower()
    return w in _PLANNING and f in _DETERMINERS or w in _AUXILIARIES and f in _PLANNING


def _possessive(left: list[str], right: list[str], window: int, surface: str) -> tuple[Tense, str]:
    """The tense for a possessive time ("Tuesday's debate"), which dates the noun after it. Its
    noun phrase is governed like any other by the verb it is the subject of ("Tuesday's debate
    will decide", "said Friday's parade will go ahead") or else the words it follows ("ahead
    of Tuesday's debate", "will miss Sunday's final"). A verb further off tells of something
    else ("vowed to get around Wednesday's ruling"): then the noun names a thing already done."""
    near = _right_cues(right[1:], 5) + _left_cues(left, window)[:2]  # right[0] is the "'s"
    for word, following, _ in near:
        found = _classify(word, following)
        if found is not None and found[1]:
            if word.lower() in _AUXILIARIES and following and following.isalpha() and following.islower():
                return found[0], f"{word} {following}"
            return found[0], f"{word} {following}" if (word.lower(), (following or "").lower()) in _FUTURE_PAIRS \
                else word
    return Tense.PAST, surface


def tense_near(text: str, start: int, end: int, window: int = 12,
               deadline_decides: bool = True) -> tuple[Tense, str] | None:
    """The tense of the clause around ``text[start:end]`` and the word that shows it, or None.

    A deadline preposition ("extended until Nov. 16", "by Jan. 14") reads as present: the
    nearest such date, whatever the tense of the verb that set the deadline.
    """
    # A blank line ends the paragraph: the words past it govern nothing here.
    lo = max(0, start - 200)
    lo = max(lo, text.rfind("\n\n", lo, start) + 2) if "\n\n" in text[lo:start] else lo
    hi = text.find("\n\n", end, end + 160)
    left = _words(text[lo:start])
    right = _words(text[end:hi if hi >= 0 else end + 160])
    if left[-1:] == ["("] and right[:1] == [")"]:
        # A parenthesis restating a time ("will leave at 4 in the morning (4 a.m. EDT
        # Thursday)") is governed by the verb outside it.
        left, right = left[:-1], right[1:]
    left, right = _drop_asides(left), _drop_asides(right)
    deadline = left[-1] if left and left[-1].lower() in _DEADLINE else None
    if deadline and deadline_decides:
        # Extending or postponing moves a date forward: "agreed to extend sanctions until the
        # end of January" is the January to come, even when the last one was nearer.
        pushed = next((w for w, _, _ in _left_cues(left, window) if w.lower() in _PUSH_FORWARD), None)
        if pushed is not None and deadline.lower() in ("until", "till", "to", "through"):
            return Tense.FUTURE, f"{pushed} … {deadline}"
        return Tense.PRESENT, deadline
    if len(left) > 1 and left[-1].lower() == "for" and left[-2].lower() in _FORECAST_NOUNS:
        # "issued a yellow warning for Wednesday night": the time the warning is about, which
        # may be after the verb's; the nearest such day, as for a deadline.
        return Tense.PRESENT, f"{left[-2]} for"
    if left and left[-1].lower() == "since":
        return Tense.PAST, left[-1]  # "on patrol since March": a start already behind us
    if text[end:end + 2] in ("'s", "’s"):
        return _possessive(left, right, window, text[start:end + 2])
    if left and left[-1].lower() in _DETERMINERS and not (right and right[0].lower() in _HEAD_FOLLOWERS):
        # "the Jan. 14 deadline": the date qualifies a noun; the verb does not govern it. But in
        # "will report results for its fiscal fourth quarter on Nov. 1" the period is the noun.
        return None
    if len(left) > 1 and left[-2] == "to" and left[-1].islower() \
            and left[-1].isalpha() and left[-1] not in _NOT_INFINITIVE and not _ranked_infinitive(left[:-1]):
        if _unrealised_plan(left[:-2]):
            return Tense.PRESENT, " ".join(left[-5:])
        if len(left) > 2 and left[-3].lower() in _DONE_WITH_INFINITIVE:
            return Tense.PAST, " ".join(left[-3:])  # "declined to comment Wednesday"
        return Tense.FUTURE, " ".join(left[-2:])  # "set to expire Nov. 6": an infinitive looks ahead
    # The verb right before the expression decides ("announced Friday"); past that, strong cues
    # come before weak ones ("will redeem preferred shares on Oct. 31"), left before right.
    lefts = _left_cues(left, window)
    if _fronted(left, lefts, right):
        # The adverbial modifies the main verb after the comma, whose own form tells the tense
        # ("In September, it announced plans to ...": "announced", not "plans to"; "On Friday,
        # the government planned to pay": a past plan, not a future payment).
        # The main verb may follow an appositive with commas of its own ("In January, a week
        # after the anniversary of the decision, a bombing in Birmingham, Ala., killed ...").
        for word, following, _ in _right_cues(right, window + 16, fronted=True):
            found = _classify(word, following)
            if found is not None:
                past_form = word.lower().endswith("ed") or word.lower() in _PAST
                return (Tense.PAST if past_form else found[0]), word
    rights = _right_cues(right, window)
    # Beyond the two words before it, cues from both sides by distance (left first on ties).
    by_distance = sorted([(i, 0, cue) for i, cue in enumerate(lefts[2:], start=2)]
                         + [(i, 1, cue) for i, cue in enumerate(rights)], key=lambda x: x[:2])
    rest = [cue for *_, cue in by_distance]
    passes = ((lefts[:2], (True, False)), (rest, (True,)), (rest, (False,)))
    for cues, strengths in passes:
        for word, following, before in cues:
            if _ranked_infinitive(before):
                continue  # "became the first company to be valued at $1 trillion on Aug. 2"
            found = _classify(word, following)
            if found is not None and before[-1:] and before[-1].lower() in _LINKING \
                    and word.lower().endswith("ed") and word.lower() not in _PAST | _FUTURE:
                continue  # "remain closed until Friday": "remain" tells, two words on
            if found is not None and word.lower() == "due" and before[-1:] and before[-1].lower() in ("was", "were"):
                found = (Tense.PAST, True)  # "the payment was due in March": a past plan
            if found is None and word in _SAME_FORM_PAST and _after_subject(before):
                found = (Tense.PAST, True)  # "the Fed cut rates late on Sunday": not "cuts"
            if found is None and _committed_infinitive(word, before):
                return Tense.FUTURE, " ".join(before[-2:] + [word])  # "hoped to restore"
            if found is None and before[-1:] and before[-1].lower() in _FUTURE_AUX - {"to"} \
                    and word.isalpha() and word.islower() and word not in _NOT_INFINITIVE:
                found = (Tense.FUTURE, True)  # "would work through the weekend": the modal's verb
            if found is not None and found[0] is Tense.PAST and before[-1:] \
                    and before[-1].lower() in _RELATIVES:
                found = (Tense.PAST, True)
            if found is not None and found[1] in strengths:
                if found[0] is Tense.FUTURE and _unrealised_plan(before + [word]):
                    return Tense.PRESENT, " ".join(before[-2:] + [word])
                if found[0] is Tense.PAST and _plans(word, following):
                    return Tense.FUTURE, f"{word} {following}"
                if found[0] is Tense.PAST and word.lower() in _ANTICIPATED and following and deadline_decides \
                        and following.lower() in _DETERMINERS | {"further", "more", "new"}:
                    # "signaled a hike in December": the time belongs to what was foreseen. Not
                    # for a weekday, which dates the signal itself ("forecast a rise on Monday").
                    return Tense.FUTURE, f"{word} {following}"
                # "will be held", "can be exercised": a participle under a modal looks ahead.
                # Case kept: "Theresa May spoke" has no modal in it.
                if found[0] is Tense.PAST and (
                        any(w in _FUTURE_AUX for w in before[-3:]) and "be" in before[-3:] + [word]
                        or before[-1:] and before[-1] in _FUTURE_AUX - {"to"}):
                    return Tense.FUTURE, " ".join(before[-2:] + [word])
                if found[0] is Tense.PAST and deadline and word.lower() in _DELAY:
                    return Tense.FUTURE, f"{word} {deadline}"
                # Show the verb group: 'past tense "had launched"' rather than just "had".
                if word.lower() in _AUXILIARIES and following and following.isalpha() and following.islower():
                    return found[0], f"{word} {following}"
                if word.lower() == "due" and following:
                    return found[0], " ".join(before[-1:] + [word, following])  # "is due in", "was due in"
                return found[0], word
    if deadline:
        return Tense.PRESENT, deadline
    # Last, a verb known only by its -s ("Britain votes on Thursday"): weaker than any form
    # above, since "doctors in November" has the same shape.
    for word, following, before in lefts[:2] + rest:
        if _present_s(word, following, before):
            # Of a weekday (no deadline reading), a present verb speaks of the one to come:
            # "Britain votes on Thursday"; past days are told in the past tense.
            return (Tense.PRESENT if deadline_decides else Tense.FUTURE), word
        if _scheduled_plain(word, following, before):
            return Tense.FUTURE, word
    if not deadline_decides:
        # A weekday or a clock time with no verb to tell: a forecast's object or a schedule.
        forecast = next((w for w, f, _ in lefts if w.lower() in _FORECASTS
                         and (f or "").lower() not in _DETERMINERS), None)
        if forecast is not None:
            return Tense.FUTURE, forecast  # "forecast electricity demand Monday", "forecasts rain Saturday"
        fragment = _fragment(text, start, end)
        if fragment is not None:
            return Tense.FUTURE, f"{fragment}, with no verb"
    return None


# Bare forms that foresee, before a bare noun, as forecasts are written: "forecast electricity
# demand Monday", "forecasts rain Saturday". With an article the verb dates the forecast itself:
# "The bank forecast a rise on Monday" (and "predicted a rise on Monday" is told by its -ed).
_FORECASTS = frozenset({"forecast", "forecasts", "forecasting", "predicts", "projects"})
_LINE_SENTENCE_END = frozenset({".", "!", "?", ";"})
_CLOCK_WORDS = frozenset({"am", "pm", "a.m.", "p.m.", "gmt", "bst", "et", "pt", "local", "time"})
_MAX_FRAGMENT = 4


def _fragment(text: str, start: int, end: int) -> str | None:
    """The words of a short verbless line around a time, or None: "All games Friday night",
    "Kick-off: 3 p.m. Saturday", "Friday: Rovers v United, 7.45pm". Schedules, listings and
    forecasts are written so, and they look ahead. A bare time alone ("Monday 14:30", a time
    stamp) is no such line, nor one with a verb ("Updated Monday"), nor a longer sentence whose
    verb the lists above do not know ("The Tigers beat the Lions on Saturday")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = _words(text[line_start:start])
    after = _words(text[end:line_end if line_end >= 0 else len(text)])
    for i in range(len(before) - 1, -1, -1):
        if before[i] in _LINE_SENTENCE_END:
            before = before[i + 1:]
            break
    for i, w in enumerate(after):
        if w in _LINE_SENTENCE_END:
            after = after[:i]
            break
    content = [w for w in before + after if w[:1].isalpha() and w.lower() not in _CLOCK_WORDS]
    if not 0 < len(content) <= _MAX_FRAGMENT or any(_classify(w, None) is not None for w in content):
        return None
    return " ".join(content)

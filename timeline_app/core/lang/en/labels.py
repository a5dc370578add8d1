"""Event labels: a short line that says what happened, built from the event's sentence.

The label is the clause that holds the event's time expression, reduced the way a sub-editor
writes a timeline entry (rules, no parser: it stays within the extraction throughput):

- the dateline ("AMMAN/BEIRUT — ", "LONDON, June 3 (Reuters) - ") and a leading "By …" byline go;
- attribution goes: "…, two rebel sources said", "…, according to officials", "Saloum said …",
  "“…,” Saloum told Reuters";
- leading adverbials go ("In Iraq, …", "Meanwhile, …", "But …");
- parentheses and comma-enclosed asides go ("Al Bukamal, just a few kilometres from the Iraqi
  frontier, fell" → "Al Bukamal fell");
- of several clauses, the one with the time expression stays; a subjectless coordinated clause
  ("…, and had conducted strikes overnight") borrows the subject of the first clause;
- the time expression itself goes when it is an adverbial ("on Tuesday", "this week", "some 18
  months ago"): the mark's position already says when;
- while longer than :data:`MAX_LABEL` characters: -ly adverbs go, "had launched" becomes
  "launched", trailing phrases are cut at a preposition or conjunction, a leading article goes;
  only then is the text cut at a word with "…".

A headline or a bare date line ("September 17, 2008", "By Reuters - Jun 30, 2016") is not an
event: :func:`is_event_sentence` says so.
"""

from __future__ import annotations

import functools
import re

MAX_LABEL = 60

# Private-use characters marking the time expression inside the text being reduced: every rule
# below keeps them (its character classes exclude them) so the expression can be found at the end.
_OPEN, _CLOSE = "\ue000", "\ue001"
_EXCL = f"{_OPEN}{_CLOSE}"
_COMMA = "\ue002"  # a comma inside the expression ("April 25, 2015")

_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’/&-]+(?:[ ,/]+[A-Z][A-Z.'’/&-]+)*"          # AMMAN/BEIRUT, WASHINGTON, NEW YORK
    r"|[A-Z][\w.'’/-]+(?: [A-Z][\w.'’/-]+){0,3}(?=,? [A-Z][a-z]{2,8}\.? \d|\s*\())"  # Beirut, June 3 / Beirut (AP)
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?)?"         # , June 3, 2016
    r"\s*(?:\([A-Za-z .]{1,25}\))?"                                 # (Reuters)
    r"\s*[—–-]{1,2}\s+")
_BYLINE = re.compile(r"^(?:By\s+[A-Z][^.!?]{0,80}?\s[—–|-]\s+|(?:Published|Posted|Updated|Last updated)\b)")

_SAY = (r"(?:said|says|say|told\s+(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|reporters|journalists|the\s+\w+)"
        r"|added|stated|wrote|explained|tweeted|recalled|recounted)")
_CLAIM = r"(?:believe|believes|think|thinks|suspect|suspects|announced|reported|confirmed|claimed|warned|noted|insisted|believes|believed|argued|estimated|denied|alleged|acknowledged)"
_AUX = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might",
        "should", "must", "did", "does", "do", "be", "been", "being", "am"}
_IRREGULAR_PAST = set("""won lost took made began fell rose hit met left held led saw gave came went ran fled struck
shot sent brought built broke became chose drew drove fought found got grew kept knew laid meant paid put quit
rang sold set shut sank sat slept spoke spent split spread stood stole swore swept taught told thought threw
understood woke wore wrote beat bought caught cut dealt dug fed felt forgot forgave froze hung heard hid hurt
lay lent let lit overtook rode said sought shook shrank slid sped stuck stung stank strove swam swung took tore
withdrew won wound""".split())
_PARTICIPLES = set("""driven taken given seen beaten chosen stolen written broken hidden spoken shaken fallen
forgotten known shown grown thrown drawn worn torn sworn born borne begun done gone sung sunk run won lost held
led left kept sent built found caught brought bought fought sought taught thought made paid laid said told sold
hit hurt cut put set shut spread struck stuck hung""".split())
_PREPOSITIONS = set("""in on at near from to for of with by around across between into over against after before
during since amid under through toward towards within without along beside beyond despite following until via
outside inside per about""".split())
_CUT_BEFORE = _PREPOSITIONS | {"but", "while", "as", "which", "who", "whose", "where", "when",
                               "because", "although", "though", "aimed", "designed", "intended", "meant",
                               "seeking", "hoping", "trying", "including", "saying", "adding", "amid"}
_BAD_END = _AUX | _PREPOSITIONS | {"a", "an", "the", "and", "or", "but", "that", "which", "who", "whose",
                                   "its", "their", "his", "her", "our", "my", "your", "this", "these", "those",
                                   "than", "very", "more", "most", "not", "no", "some", "any", "each", "every",
                                   "as", "so", "such", "both", "either", "neither", "to"}
_LY_KEEP = {"only", "early", "family", "july", "italy", "rally", "ally", "supply", "reply", "assembly", "daily",
            "weekly", "monthly", "yearly", "likely", "elderly", "friendly", "holy", "bully", "anomaly",
            "belly", "fly", "ply", "sly", "jelly", "lily", "folly", "apply", "comply", "multiply",
            "sicily", "kelly", "molly", "billy", "polly", "emily", "beverly", "hockney", "ugly",
            "costly", "deadly", "lonely", "lovely", "orderly", "timely", "wholly"}
_LEADING_WORDS = (r"(?:Meanwhile|However|Separately|Elsewhere|Earlier|Later|Also|Still|Now|Then|Yet|Nevertheless|"
                  r"Instead|Overall|Today|Yesterday|Tonight|(?:Last|This|Next)\s+(?:week|month|year|morning|afternoon|evening|"
                  r"night|weekend|spring|summer|autumn|fall|winter|time)|In|On|At|During|After|"
                  r"Before|Since|By|Over|Under|With|Despite|Amid|Following|Within|Throughout|Across|Around|Until|"
                  r"For|From|Near|Back|As|When|While|Once|Although|Though|Because|If|Unlike|Like|Among|Along|"
                  r"Shortly|Soon|Just|Hours|Days|Weeks|Months|Years|Minutes|Moments|[A-Z][a-z]+ly)")
_DETERMINER = re.compile(r"^(?:The|A|An|This|That|These|Those)\s+(?=\S)")
_QUOTES = "\"“”‘’'«»"
# A time expression that names a time as an adverbial goes from the label; "2015 was the
# hottest year" or "Tuesday's vote" keep theirs.
_DEICTIC_START = re.compile(r"^(?:this|last|next|earlier|later|early|late|the\s+(?:same|next|following|previous)|"
                            r"yesterday|today|tonight|tomorrow|overnight|now|recently|currently|soon|"
                            r"some|about|around|nearly|almost|more\s+than|less\s+than|just|only|shortly|soon|right|immediately|"
                            r"in|on|at|during|since|until|by|from|for|before|after|over|through|within)\b"
                            r"|\b(?:ago|later|earlier|afterwards|before)$", re.IGNORECASE)


# Compiled once: these run for every sentence and every label.
_SENTENCE_END = re.compile(r"[.!?][\"”’]?$")
_LABEL_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_NOT_WORD = re.compile(r"[^\w]+")
_TITLE_PARTS = re.compile(r"\s+[-|–—:]\s+")
_MARKERS = re.compile(f"[{_OPEN}{_CLOSE}{_COMMA}]")
_MARKED = re.compile(f"{_OPEN}[^{_CLOSE}]*{_CLOSE}")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?])")
_SPACES = re.compile(r"\s{2,}")
_PARENS = re.compile(rf"\s*\([^{_EXCL}()]*\)")
_SQUARE = re.compile(rf"\s*\[[^{_EXCL}\[\]]*\]")


def is_event_sentence(sentence: str, timex: tuple[int, int] | None = None, title: str = "") -> bool:
    """Whether a sentence can be an event: not the headline, not a byline, not a bare date line.

    ``timex`` is the time expression's span within ``sentence``.
    """
    text = " ".join(sentence.split())
    if title and _same_line(text, title):
        return False
    if _BYLINE.match(text) and not _SENTENCE_END.search(text):
        return False
    rest = sentence
    if timex is not None:
        rest = sentence[:timex[0]] + " " + sentence[timex[1]:]
    words = [w for w in _LABEL_WORD.findall(rest) if w.lower() not in _CALENDAR_WORDS]
    return len(words) >= 2


_CALENDAR_WORDS = {w.lower() for w in """January February March April May June July August September October
November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
Saturday Sunday Mon Tue Tues Wed Thu Thurs Fri Sat Sun on in at of the updated published posted last am pm
gmt utc est edt bst cet by et pt""".split()}


def _norm(s: str) -> str:
    return _NOT_WORD.sub(" ", s).strip().lower()


@functools.lru_cache(maxsize=64)
def _title_lines(title: str) -> frozenset[str]:
    """The title and its parts, normalized (computed once per article, not per sentence)."""
    # "Lohan heads back to rehab - CNN.com": the page title carries the site's name.
    parts = [title, *_TITLE_PARTS.split(title)]
    return frozenset(n for n in map(_norm, parts) if n)


def _same_line(text: str, title: str) -> bool:
    return _norm(text) in _title_lines(title)


def event_label(sentence: str, timex: tuple[int, int] | None = None, limit: int = MAX_LABEL) -> str:
    """The label of the event told by ``sentence``; ``timex`` is its expression's span in it."""
    sentence = _MARKERS.sub(" ", sentence)  # the markers below are ours alone
    if timex is not None and 0 <= timex[0] < timex[1] <= len(sentence):
        s = sentence[:timex[0]] + _OPEN + sentence[timex[0]:timex[1]] + _CLOSE + sentence[timex[1]:]
    else:
        s = sentence
    s = " ".join(s.split())
    s = _MARKED.sub(lambda m: m.group(0).replace(",", _COMMA), s)
    s = _DATELINE.sub("", s, count=1)
    s = _drop_brackets(s)
    s = _drop_attribution(s)
    s = _drop_leading(s)
    s = _drop_asides(s)
    s = _clause_with_time(s)
    s = _drop_time(s)
    s = _drop_leading(s)
    s = _tidy(s)
    if len(_plain(s)) > limit:
        s = _shorten(s, limit)
    out = _plain(s)
    if not out or len(out.split()) < 2:  # nothing survived the rules: the sentence itself, cut
        out = _cut(" ".join(sentence.split()), limit)
    return out[:1].upper() + out[1:]


def _plain(s: str) -> str:
    return _tidy(s.replace(_OPEN, "").replace(_CLOSE, "").replace(_COMMA, ","))


def _tidy(s: str) -> str:
    s = _SPACE_BEFORE_PUNCT.sub(r"\1", s)
    s = _SPACES.sub(" ", s).strip()
    s = s.strip(" ,;:—–-")
    s = s.rstrip(".!?")
    # Quotes left unbalanced by the cuts above go; balanced ones stay ("provided “advice”").
    if s.count("“") != s.count("”"):  # ’ is also the apostrophe: left alone
        s = s.replace("“", "").replace("”", "")
    if s.count('"') % 2:
        s = s.replace('"', "")
    s = s.strip(" " + _QUOTES + ",;:")
    return s.strip()


def _drop_brackets(s: str) -> str:
    prev = None
    while prev != s:
        prev = s
        s = _PARENS.sub("", s)
        s = _SQUARE.sub("", s)
    return s


# Attribution, compiled once (a label is built for every event).
_FINAL_STOP = re.compile(r"[.!?]+[\"”’]?$")
# Trailing: "…, two rebel sources said" / "…,” Saloum told Reuters" / "…, said a spokesman" /
# "…, according to the ministry". The first pattern is tried only where "according" is: most
# labels have none, and that search (which may begin at any white space) was a third of a label's time.
_ACCORDING = "according"
_TRAILING = tuple(re.compile(p) for p in (
    rf"[,;]?\s*[\"”’]?\s*,?\s+{_ACCORDING}\s+to\s+[^{_EXCL},]{{1,80}}$",
    (rf"(?:,[\"”’]?|[\"”’][,.!?]?|[.!?][\"”’])\s+(?!and\b|but\b|which\b|who\b|while\b)[^{_EXCL},\"“]{{1,80}}?\s+"
     rf"(?:{_SAY}|{_CLAIM})(?:\s+(?:(?:on|in|at|late|early|last|this|yesterday|today|earlier|later)\b"
     rf"|{_OPEN})[^,]{{0,40}})?$"),
    rf",[\"”’]?\s+(?:{_SAY}|{_CLAIM})\s+[^{_EXCL},]{{1,80}}$",
))
_ADDING = re.compile(rf",\s+(?:adding|saying|noting|stressing|insisting)\b[^{_EXCL}]*$")
_ACCORDING_TO = re.compile(rf"^According\s+to\s+[^{_EXCL},]{{1,80}},\s*")
_SAID_THAT = re.compile(rf"^(?P<np>[^{_EXCL},\"“]{{1,90}}?)\s+(?P<verb>{_SAY}|{_CLAIM})"
                        rf"(?P<when>\s+(?:on\s+|in\s+|last\s+|this\s+|late\s+|early\s+)?{_OPEN}[^{_CLOSE}]*{_CLOSE})?"
                        rf"\s*,?\s+(?P<that>that\s+)?(?P<rest>.+)$")
_CLAUSE_WORD = re.compile(r"\b(?:and|but|which|who)\b")
_SAY_RE = re.compile(_SAY)
_REST_WORD = re.compile(r"[\w’']+")


def _drop_attribution(s: str) -> str:
    s = s.strip()
    s = _FINAL_STOP.sub(lambda m: m.group(0)[-1] if m.group(0)[-1] in _QUOTES else "", s)
    s = s.rstrip(".")
    # "…, adding that …" after the quote or clause that carries the news.
    s = _ADDING.sub("", s)
    for _ in range(2):
        before = s
        for k, pattern in enumerate(_TRAILING):
            if k == 0 and _ACCORDING not in s:
                continue
            m = pattern.search(s)
            if m and len(s[:m.start()].split()) >= 3:
                s = s[:m.start()]
        if s == before:
            break
    s = s.strip().strip(_QUOTES + ",").strip()
    # Leading: "According to the ministry, …"; "Saloum said (on Tuesday) (that) …".
    s = _ACCORDING_TO.sub("", s)
    m = _SAID_THAT.match(s)
    if m and len(m.group("np").split()) <= 12 and not _CLAUSE_WORD.search(m.group("np")):
        rest = m.group("rest")
        said_like = _SAY_RE.match(m.group("verb")) is not None
        first = [w.lower() for w in _REST_WORD.findall(rest)[:7]]
        clause_follows = bool(m.group("that")) or any(w in _AUX for w in first[1:]) or \
            any(w.endswith("ed") for w in first[1:4]) or said_like and len(first) >= 4
        # "The government announced on Monday that …": the announcement is the event, it stays.
        announced_then = not said_like and m.group("when") is not None
        if clause_follows and len(rest.split()) >= 3 and not announced_then:
            s = rest
        elif announced_then and m.group("that"):
            s = s[:m.start("that")] + s[m.end("that"):]
    return s.strip().strip(_QUOTES).strip()


_LEADING_CONJUNCTION = re.compile(r"^(?:And|But|So|Or)\s+")
_LEADING_PHRASE = re.compile(rf"^(?:{_LEADING_WORDS}\b|{_OPEN})[^,\"“]{{0,70}}?,\s+")


def _drop_leading(s: str) -> str:
    for _ in range(3):
        before = s
        s = _LEADING_CONJUNCTION.sub("", s)
        # "In Iraq, …", "In a statement on Monday, …", "Two days later, …" (the expression marked).
        m = _LEADING_PHRASE.match(s)
        if m is not None and len(s[m.end():].split()) >= 3:
            s = s[m.end():]
        if s == before:
            break
    return s


_ASIDE = re.compile(r",\s+(?P<aside>[^,;]{1,100}?(?:,\s+[^,;]{2,100}?)*),\s+(?!and\b|or\b|but\b)(?=\S)")
_NUMBER = re.compile(r"\d+")
_ASIDE_BOUNDARY = re.compile(r"^(?:and|or|but|while|as|after|before|when|because|although|though|with|adding|"
                             r"saying)\b")
_RELATIVE_ASIDE = re.compile(r"^(?:which|who|that)\s+(.+)$")


def _drop_asides(s: str) -> str:
    """Comma-enclosed asides between a phrase and what continues it, not list items."""
    pos = 0
    for _ in range(4):
        m = _ASIDE.search(s, pos)
        if m is None:
            break
        aside = m.group("aside")
        one_word = len(aside.split()) < 2 and not _NUMBER.fullmatch(aside)  # "Syria, Iraq, Jordan"
        boundary = _ASIDE_BOUNDARY.match(aside)  # a clause boundary, handled by _clause_with_time
        if one_word or boundary:
            pos = m.end()
            continue
        head = s[:m.start()]
        if _OPEN in aside:
            # The aside holds the expression: it is what happened then. "The talks, which began in
            # January, broke down" → "The talks began"; "The museum, founded in 1870, …" → "was founded".
            relative = _RELATIVE_ASIDE.match(aside)
            if relative:
                return f"{head} {relative.group(1)}"
            first = aside.split()[0].lower()
            if first.endswith("ed") or first in _PARTICIPLES:
                plural = head.split()[-1].lower().endswith("s") and not head.lower().endswith("ss")
                return f"{head} {'were' if plural else 'was'} {aside}"
        s = head + " " + s[m.end():]
    return s


_SPLIT = re.compile(
    r";\s+|\s+[—–]\s+|\s+-\s+|,\s+(?=(?:and|but|while|whereas|although|though|with|as|after|before|when|because|"
    r"which|who|where|adding|saying|prompting|leaving|killing|bringing|sending|forcing|making)\b"
    r"|(?:\w+ed|led|hit|driven)\s+by\b|[a-z]+ing\b)"
    r"|\s+(?=and\s+(?:is|are|was|were|has|have|had|will|would|[a-z]+ed)\b)"
    r"|\s+(?=(?:after|when|while|because|although|though|whereas|until|as(?!\s+(?:well|much|many|long|soon|part|a)\b))\s)")
_PREPOSITION_LIKE = re.compile(r"^(?:after|before|until|since|as|following|amid)\s")
_SUBORDINATORS = re.compile(r"^(?:and|but|while|whereas|although|though|with|as|after|before|when|because|until|"
                            r"which|who|where|adding|saying|prompting|leaving|killing|bringing|sending|forcing|"
                            r"making)\s+", re.IGNORECASE)


def _clause_with_time(s: str) -> str:
    if _OPEN not in s:
        return s
    parts: list[str] = []
    last = 0
    for m in _SPLIT.finditer(s):
        if _OPEN in s[last:m.start()] and _CLOSE not in s[last:m.start()]:
            continue  # never split inside the expression
        parts.append(s[last:m.start()])
        last = m.end()
    parts.append(s[last:])
    parts = [p.strip() for p in parts if p.strip()]
    if len(parts) < 2:
        return s
    # A subordinator followed by no verb was a preposition ("crashed shortly after take-off on
    # March 8"): the phrase goes back to its clause.
    merged: list[str] = []
    for p in parts:
        if merged and _PREPOSITION_LIKE.match(p) \
                and not any(_is_verb(w) for w in p.split()[1:]):
            merged[-1] = f"{merged[-1]} {p}"
        else:
            merged.append(p)
    parts = merged
    if len(parts) < 2:
        return parts[0] if parts else s
    k = next((i for i, p in enumerate(parts) if _OPEN in p), 0)
    if k == 0:
        return parts[0]
    clause = parts[k]
    conj = _SUBORDINATORS.match(clause)
    bare = clause[conj.end():] if conj else clause
    head = conj.group(0).strip().lower() if conj else ""
    if head in ("with", "which", "who", "where", "adding", "saying", "prompting", "leaving", "killing",
                "bringing", "sending", "forcing", "making", "as", "while", "whereas", "although", "though"):
        return parts[0]  # an aside to the main clause: the main clause says what happened
    words = bare.split()
    if words and _is_verb(words[0]):
        # "…, and had conducted strikes": the first clause's subject did it.
        subject = _subject(parts[0])
        return f"{subject} {bare}" if subject else parts[0]
    if len(words) < 3 or words[0].lower().endswith("ing"):
        return parts[0]
    return bare


def _is_verb(word: str) -> bool:
    if not word[:1].islower():
        return False  # "United", "Ahmed": names
    w = word.strip(_QUOTES + ",")
    return w in _AUX or w in _IRREGULAR_PAST or (w.endswith("ed") and len(w) > 3)


def _subject(clause: str) -> str:
    words = clause.split()
    for i, w in enumerate(words):
        if i > 0 and _is_verb(w):
            return " ".join(words[:i]) if i <= 8 else ""
    return ""


_MARKED_TEXT = re.compile(f"{_OPEN}([^{_CLOSE}]*){_CLOSE}")


def _drop_time(s: str) -> str:
    m = _MARKED_TEXT.search(s)
    if m is None:
        return s
    before, expr, after = s[:m.start()], m.group(1), s[m.end():]
    if after.startswith(("’s", "'s")):
        return s  # "Tuesday's vote"
    prev = before.split()[-1].lower() if before.split() else ""
    adverbial = prev in _PREPOSITIONS or _DEICTIC_START.search(expr) is not None
    if not before.strip() and not after.lstrip().startswith(","):
        return s  # "2015 was the hottest year": the expression is the subject
    if not adverbial:
        return s
    # "This photo released (on) Tuesday shows …": without its time the participle dangles; keep it.
    words = before.split()
    if prev in _PREPOSITIONS:
        words = words[:-1]
    following = after.split()[0].lower().strip(",") if after.split() else ""
    if len(words) > 1 and words[-1].lower().endswith("ed") and words[-2].lower() not in _AUX \
            and (following in _AUX or (following.endswith("s") and not following.endswith("ss"))):
        return s
    if prev in _PREPOSITIONS:
        before = before[: before.lower().rfind(prev)]
    return (before.rstrip() + " " + after.lstrip()).strip()


def _shorten(s: str, limit: int) -> str:
    s = _plain(s)
    # -ly adverbs ("effectively erased" → "erased").
    s = re.sub(r"\s+([a-z]{3,}ly)\b(?!-)", lambda m: m.group(0) if m.group(1) in _LY_KEEP else "", s)
    s = _tidy(s)
    if len(s) <= limit:
        return s
    s = re.sub(r"\bhad\s+(?!been\b)(\w+ed)\b", r"\1", s)  # pluperfect → past: "had launched" → "launched"
    if len(s) <= limit:
        return s
    for text in (s, _DETERMINER.sub("", s, count=1)):
        cut = _cut_at_phrase(text, limit)
        if cut:
            return cut
    return _cut(s, limit)


def _cut_at_phrase(s: str, limit: int) -> str | None:
    """The longest beginning of ``s`` up to ``limit`` that ends before a preposition or conjunction."""
    words = s.split(" ")
    best = None
    has_verb = any(_is_verb(w) for w in words[1:])
    for i in range(len(words) - 1, 2, -1):
        here, last = words[i].lower().strip(_QUOTES), words[i - 1].lower().strip(_QUOTES + ",")
        # Before a preposition or conjunction, or before a participle that follows a noun
        # ("insurgents driven from …"): what comes after only qualifies what came before.
        reduced_relative = (here.endswith("ed") or here in _PARTICIPLES) and last not in _AUX | _BAD_END
        # Before "and" when a verb follows: "began in 2011 and is expected to finish".
        next_verb = here in ("and", "or") and i + 1 < len(words) and _is_verb(words[i + 1])
        if here not in _CUT_BEFORE and not reduced_relative and not next_verb and not words[i - 1].endswith(","):
            continue
        prefix = " ".join(words[:i]).rstrip(",;:")
        if len(prefix) > limit:
            continue
        if last in _BAD_END or words[i - 2].lower() == "as":
            continue  # "… released 40 prisoners as part" ends nowhere
        if (last.endswith("ed") or last in _PARTICIPLES) and words[i - 2].lower() not in _AUX:
            continue  # "an operation aimed" is not a phrase
        if has_verb and not any(_is_verb(w) for w in words[1:i]):
            continue  # keep the verb: "The New Syria Army" says nothing
        if _tidy(prefix) != prefix.strip(_QUOTES + " "):
            prefix = _tidy(prefix)
        best = prefix
        break
    return best


def _cut(s: str, limit: int) -> str:
    if len(s) <= limit:
        return s
    cut = s.rfind(" ", 0, limit - 1)
    return s[: cut if cut > limit // 2 else limit - 1].rstrip(",;: ") + "…"

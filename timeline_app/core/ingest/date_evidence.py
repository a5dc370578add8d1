"""Every date a saved web page gives for itself, with its origin, its kind and its strength.

:func:`collect` reads the parsed page (never runs or fetches anything) and returns
:class:`~timeline_app.core.model.DctCandidate` values for :mod:`.publication_date` to weigh:

==============  ===========================================================================
origin          where the candidate comes from
==============  ===========================================================================
html-meta       ``<meta>`` whose name says publication (``article:published_time``,
                ``pubdate``, ``dc.date.issued``...), creation (``dcterms.created``),
                modification (``article:modified_time``, ``og:updated_time``) or just
                ``date``: the kind is read from the name, so unknown vendors' names count
json-ld         ``datePublished`` / ``dateCreated`` / ``uploadDate`` / ``dateModified`` of
                JSON-LD objects, an article type counting more than a web page; broken
                JSON-LD (common) is still read for these fields
time-element    ``<time datetime>`` marked as publication or modification (``itemprop``,
                ``pubdate``, a class), or the first one in the article; microdata
                ``itemprop="datePublished"`` on any element, read from its text if needed
url             a full date in the canonical URL, ``og:url`` or the "saved from" URL
dateline        a date element shown near the headline ("Posted June 3, 2020 at 10:15 am",
                "Publié le 24 août 2020 à 18 h 23"): any language, with its cue; a date in
                the site's header bar (above the headline, outside the article) is
                ``shown-today``: sites print today's date there, so it is the day the page
                was shown, not its publication
htmldate        htmldate's extensive search of markup and text (it gets no URL, so that the
                URL is not counted twice)
==============  ===========================================================================

Dates inside comments, related-article lists, footers and asides are not the article's
and are skipped.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import lxml.html

from ..model import DctCandidate, DctOrigin
from . import shown_dates as shown
from .dateline import machine_date as parse_machine

logging.getLogger("htmldate").setLevel(logging.ERROR)

# Strength of each kind of evidence before the decision weighs agreement (see
# publication_date for how they add up). Machine metadata is written by the CMS for this
# purpose; a shown date is what the reader sees; a URL date is set at publication.
STRENGTH_META = 0.9
STRENGTH_META_DATE = 0.7  # a bare "date" meta: often the page's, sometimes anything
STRENGTH_JSON_LD = 0.9
STRENGTH_JSON_LD_OTHER = 0.65  # a date of a JSON-LD object that is not an article (WebPage...)
STRENGTH_JSON_LD_BROKEN = 0.7
STRENGTH_TIME_MARKED = 0.85
STRENGTH_TIME_FIRST = 0.6
STRENGTH_MICRODATA = 0.8
STRENGTH_URL = 0.7
STRENGTH_SHOWN_CUED = 0.85
STRENGTH_SHOWN = 0.7
STRENGTH_HTMLDATE = 0.5
KIND_FACTOR = {"published": 1.0, "created": 0.9, "unknown": 1.0, "modified": 0.4}
AMBIGUOUS_FACTOR = 0.6  # "06/10/2020": either reading may be the one

_MAX_JSON_LD = 1_000_000  # characters of one JSON-LD block read
_MAX_JSON_DEPTH = 12
_MAX_SHOWN = 8  # shown-date candidates kept
_MAX_SHOWN_ELEMENTS = 60  # date-bearing elements looked at: the article's sit near its top

# Meta names: the kind is what the name says. Names about other things are skipped first.
_META_NOT = re.compile(r"expir|publisher|creator|valid|twitter:(?!.*date)|copyright|birth|start|end|"
                       r"verification|author", re.IGNORECASE)
_META_MODIFIED = re.compile(r"modif|updat|revis|lastmod|last-mod|edited|changed", re.IGNORECASE)
_META_CREATED = re.compile(r"creat", re.IGNORECASE)
_META_PUBLISHED = re.compile(r"publi|pub_?date|pubdate|issued|release|posted|post_date|articledate"
                             r"|date\.available|upload|firstpublished", re.IGNORECASE)
_META_DATE = re.compile(r"(?:^|[.:_-])(?:date|timestamp|displaydate)$", re.IGNORECASE)

_ARTICLE_TYPE = re.compile(r"\w*(?:Article|Posting)|Report|Review", re.IGNORECASE)
_NOT_THE_PAGE = re.compile(r"WebSite|Organization|NewsMediaOrganization|Corporation|Person|Place"
                           r"|LocalBusiness|Brand|ImageObject|Event", re.IGNORECASE)
_JSON_FIELDS = (("datePublished", "published"), ("dateCreated", "created"), ("uploadDate", "published"),
                ("dateModified", "modified"))
_JSON_FIELD = re.compile(r'"(?P<field>datePublished|dateCreated|dateModified|uploadDate)"\s{0,5}:'
                         r'\s{0,5}"(?P<value>[^"]{8,40})"')

# Containers whose dates are not the article's.
_ELSEWHERE = re.compile(r"comment|related|recommend|popular|trending|sidebar|footer|teaser|read-?next"
                        r"|widget|reply|outbrain|taboola|more-(?:news|stories|articles)", re.IGNORECASE)
# Containers where sites show today's date (the site header, the navigation bar).
_SITE_HEADER = re.compile(r"(?<![\w-])(?:site-?header|header|top-?bar|masthead|navbar|nav|menu|weather"
                          r"|today)(?![\w-])", re.IGNORECASE)
# Class or id (lower-cased) of elements that show the page's date or byline.
_DATE_CLASS = re.compile(r"byline|date|time|posted|publish|meta|info|submitted|today|fecha|datum|data|tarih")
_LABELLED = "//body//*[self::time or @class or @id]"
_URL_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<sep>[/_.-]?)(?P<month>0[1-9]|1[0-2])(?P=sep)"
                       r"(?P<day>0[1-9]|[12]\d|3[01])(?!\d)")
_SAVED_FROM = re.compile(r"saved from url=\(\d{1,5}\)(?P<url>\S{1,2000})")


# UTC offsets (minutes, lowest and highest over the year and the country's zones) of the
# regions pages declare in og:locale or <html lang>: a UTC timestamp's local day is known
# when both ends give the same day.
REGION_OFFSETS: dict[str, tuple[int, int]] = {
    "US": (-600, -240), "CA": (-480, -150), "MX": (-480, -300), "BR": (-300, -120), "AR": (-180, -180),
    "CL": (-300, -180), "CO": (-300, -300), "PE": (-300, -300), "VE": (-240, -240), "GB": (0, 60),
    "IE": (0, 60), "PT": (0, 60), "ES": (60, 120), "FR": (60, 120), "DE": (60, 120), "IT": (60, 120),
    "NL": (60, 120), "BE": (60, 120), "AT": (60, 120), "CH": (60, 120), "PL": (60, 120), "CZ": (60, 120),
    "SE": (60, 120), "DK": (60, 120), "NO": (60, 120), "HU": (60, 120), "BA": (60, 120), "RS": (60, 120),
    "HR": (60, 120), "AL": (60, 120), "FI": (120, 180), "GR": (120, 180), "BG": (120, 180), "RO": (120, 180),
    "UA": (120, 180), "TR": (180, 180), "IL": (120, 180), "EG": (120, 180), "ZA": (120, 120),
    "SA": (180, 180), "AE": (240, 240), "IR": (210, 270), "PK": (300, 300), "IN": (330, 330),
    "BD": (360, 360), "TH": (420, 420), "VN": (420, 420), "ID": (420, 540), "CN": (480, 480),
    "TW": (480, 480), "HK": (480, 480), "SG": (480, 480), "PH": (480, 480), "MY": (480, 480),
    "JP": (540, 540), "KR": (540, 540), "AU": (480, 660), "NZ": (720, 780),
}
_REGION = re.compile(r"^[a-z]{2,3}[-_](?P<region>[a-z]{2})\b", re.IGNORECASE)


def page_region(tree: lxml.html.HtmlElement) -> str | None:
    """The region the page declares (og:locale "en_US", <html lang="fr-CA">), upper case."""
    declared = [meta.get("content") or "" for meta in tree.iter("meta")
                if (meta.get("property") or "").lower() == "og:locale"]
    declared.append(tree.get("lang") or "")
    for value in declared:
        m = _REGION.match(value.strip())
        if m and m["region"].upper() in REGION_OFFSETS:
            return m["region"].upper()
    return None


def region_offsets(tree: lxml.html.HtmlElement) -> tuple[int, int] | None:
    """The UTC offset range of the region the page declares, or None."""
    region = page_region(tree)
    return REGION_OFFSETS[region] if region else None


@dataclass(frozen=True, slots=True)
class Evidence:
    """What one read of the page found: the candidates, the cued clocks shown without a date,
    the elements that show today's date, and the UTC offset range of the declared region."""

    candidates: list[DctCandidate]
    clocks: list[shown.ShownClock]
    today: frozenset[lxml.html.HtmlElement]
    region: tuple[int, int] | None


def read(tree: lxml.html.HtmlElement, head: str = "") -> Evidence:
    """Every candidate of the parsed page; ``head`` is the start of the raw HTML (for the
    browser's "saved from" comment, which the parser drops). The page is walked once for
    its shown dates."""
    elements = list(shown_elements(tree))
    candidates = _meta(tree) + _json_ld(tree) + _time_elements(tree) + _urls(tree, head) + _shown(elements)
    if not _agreed(candidates):
        candidates += _htmldate(tree)
    return Evidence(candidates, _shown_clocks(elements), frozenset(el for el, _t, today in elements if today),
                    region_offsets(tree))


def _agreed(candidates: list[DctCandidate]) -> bool:
    """Whether two independent origins already give the same publication day, so htmldate's
    search (the costliest candidate, and one that mostly reads the same tags again) is spared."""
    origins: dict[str, set[DctOrigin]] = {}
    for c in candidates:
        if c.kind in ("published", "created", "unknown"):
            origins.setdefault(c.value[:10], set()).add(c.origin)
    return any(len(o) >= 2 for o in origins.values())


def _candidate(raw: str, origin: DctOrigin, kind: str, source: str, strength: float) -> DctCandidate | None:
    parsed = parse_machine(raw)
    if parsed is None:
        return None
    value, offset = parsed
    return DctCandidate(value, origin, kind, source, strength * KIND_FACTOR[kind], offset)


# --- markup ------------------------------------------------------------------------------

def meta_kind(name: str) -> str | None:
    """What a meta name says its date is (published, created, modified, unknown), or None."""
    if _META_NOT.search(name):
        return None
    if _META_MODIFIED.search(name):
        return "modified"
    if _META_CREATED.search(name):
        return "created"
    if _META_PUBLISHED.search(name):
        return "published"
    if name == "date" or _META_DATE.search(name):
        return "unknown"
    return None


def _meta(tree: lxml.html.HtmlElement) -> list[DctCandidate]:
    out: list[DctCandidate] = []
    for meta in tree.iter("meta"):
        name = next((v for v in (meta.get(a, "").strip().lower() for a in
                                 ("property", "name", "itemprop", "http-equiv")) if v), "")
        kind = meta_kind(name) if name else None
        if kind is None:
            continue
        strength = STRENGTH_META_DATE if kind == "unknown" else STRENGTH_META
        found = _candidate(meta.get("content") or meta.get("datetime") or "", DctOrigin.HTML_META, kind,
                           f"meta {name}", strength)
        if found is not None:
            out.append(found)
    return out


def _json_ld(tree: lxml.html.HtmlElement) -> list[DctCandidate]:
    out: list[DctCandidate] = []
    for script in tree.xpath("//script[@type]"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        source = script.text or ""
        if len(source) > _MAX_JSON_LD:
            continue
        try:
            data = json.loads(source)
        except (ValueError, RecursionError):
            # Broken JSON-LD (trailing commas, raw line breaks) is common: its fields still say.
            for m in _JSON_FIELD.finditer(source):
                kind = dict(_JSON_FIELDS)[m["field"]]
                found = _candidate(m["value"], DctOrigin.JSON_LD, kind, f"JSON-LD {m['field']} (broken JSON)",
                                   STRENGTH_JSON_LD_BROKEN)
                if found is not None:
                    out.append(found)
            continue
        for obj in _objects(data, 0):
            types = obj.get("@type")
            typed = next((t for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)), "")
            if _NOT_THE_PAGE.fullmatch(typed):
                continue  # the site's or the publisher's founding date, a person's birth
            strength = STRENGTH_JSON_LD if _ARTICLE_TYPE.fullmatch(typed) else STRENGTH_JSON_LD_OTHER
            for field, kind in _JSON_FIELDS:
                raw = obj.get(field)
                if isinstance(raw, str):
                    found = _candidate(raw, DctOrigin.JSON_LD, kind, f"JSON-LD {typed or 'object'}.{field}", strength)
                    if found is not None:
                        out.append(found)
    return _unique(out)


def _objects(data: object, depth: int) -> Iterator[dict[str, object]]:
    """Every JSON object in ``data`` (lists, @graph and nested values), bounded in depth."""
    if depth > _MAX_JSON_DEPTH:
        return
    if isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, (dict, list)):
                yield from _objects(value, depth + 1)
    elif isinstance(data, list):
        for item in data[:1000]:
            yield from _objects(item, depth + 1)


def _unique(found: list[DctCandidate]) -> list[DctCandidate]:
    """One candidate per (value, kind, origin): a live blog repeats its dates hundreds of times."""
    seen: set[tuple[str, str, str]] = set()
    out: list[DctCandidate] = []
    for c in found:
        key = (c.value, c.kind, str(c.origin))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _elsewhere(element: lxml.html.HtmlElement, memo: dict[lxml.html.HtmlElement, bool] | None = None) -> bool:
    """Inside comments, related-article lists, footers or asides: not the article's date.

    ``memo`` keeps the verdict of the containers already seen during one walk of the page.
    """
    chain: list[lxml.html.HtmlElement] = []
    verdict = False
    for a in element.iterancestors():
        if memo is not None and a in memo:
            verdict = memo[a]
            break
        chain.append(a)
        label, ident = a.get("class"), a.get("id")
        if a.tag in ("footer", "aside") or label and _ELSEWHERE.search(label) or ident and _ELSEWHERE.search(ident):
            verdict = True
            break
    if memo is not None:
        for a in chain:
            memo[a] = verdict
    return verdict


def _time_elements(tree: lxml.html.HtmlElement) -> list[DctCandidate]:
    out: list[DctCandidate] = []
    first_taken = False
    for element in tree.iter("time"):
        raw = element.get("datetime")
        if not raw or _elsewhere(element):
            continue
        prop = (element.get("itemprop") or "").lower()
        label = (element.get("class") or "").lower()
        if "modified" in prop or re.search(r"updat|modif", label):
            kind, strength = "modified", STRENGTH_TIME_MARKED
        elif prop == "datepublished" or element.get("pubdate") is not None or re.search(r"publi|posted", label):
            kind, strength = "published", STRENGTH_TIME_MARKED
        elif prop == "datecreated":
            kind, strength = "created", STRENGTH_TIME_MARKED
        elif not first_taken and any(a.tag in ("article", "main") for a in element.iterancestors()):
            first_taken = True
            kind, strength = "unknown", STRENGTH_TIME_FIRST
        else:
            continue
        found = _candidate(raw, DctOrigin.TIME_ELEMENT, kind, f"<time {prop or label or 'datetime'}>", strength)
        if found is not None:
            out.append(found)
    for element in tree.xpath("//*[@itemprop][not(self::meta)][not(self::time)]"):
        prop = (element.get("itemprop") or "").lower()
        kind = {"datepublished": "published", "datecreated": "created", "datemodified": "modified"}.get(prop)
        if kind is None or _elsewhere(element):
            continue
        raw = element.get("content") or element.get("datetime")
        source = f"itemprop {prop}"
        if raw:
            found = _candidate(raw, DctOrigin.TIME_ELEMENT, kind, source, STRENGTH_MICRODATA)
        else:  # <p itemprop="datePublished">06 Dicembre 2020</p>: the text is the date
            dates = [d for d in shown.shown_dates(_text(element)) if not d.ambiguous]
            found = DctCandidate(dates[0].value, DctOrigin.TIME_ELEMENT, kind, f"{source} (shown)",
                                 STRENGTH_MICRODATA * KIND_FACTOR[kind]) if dates else None
        if found is not None:
            out.append(found)
    return out


def _urls(tree: lxml.html.HtmlElement, head: str) -> list[DctCandidate]:
    urls: list[tuple[str, str]] = [("canonical link", link.get("href") or "")
                                   for link in tree.xpath("//link[@rel='canonical'][@href]")]
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or "").lower()
        if name in ("og:url", "twitter:url"):
            urls.append((name, meta.get("content") or ""))
    saved = _SAVED_FROM.search(head[:4000])
    if saved:
        urls.append(("saved from url", saved["url"]))
    out: list[DctCandidate] = []
    seen: set[str] = set()
    for where, url in urls:
        path = re.sub(r"^[a-z]{2,8}://[^/]{0,200}", "", url.strip(), flags=re.IGNORECASE)[:500]
        for m in _URL_DATE.finditer(path):
            try:
                day = date(int(m["year"]), int(m["month"]), int(m["day"])).isoformat()
            except ValueError:
                continue
            if day not in seen:  # canonical and og:url are one URL: one vote
                seen.add(day)
                out.append(DctCandidate(day, DctOrigin.URL, "published", f"{where} {url[:100]}", STRENGTH_URL))
            break
    return out


# --- shown dates -------------------------------------------------------------------------

def _text(element: lxml.html.HtmlElement) -> str:
    """The element's text, white space collapsed; cut past MAX_TEXT without reading the rest."""
    parts: list[str] = []
    size = 0
    for piece in element.itertext():
        parts.append(piece)
        size += len(piece)
        if size > 2 * shown.MAX_TEXT:
            break
    return " ".join("".join(parts).split())[:shown.MAX_TEXT]


def in_site_header(element: lxml.html.HtmlElement, head: lxml.html.HtmlElement | None = None) -> bool:
    """Inside the site's header or navigation bar, not inside the article.

    A ``<header>`` that holds the headline ``head`` is the article's header, not the site's.
    """
    for a in element.iterancestors():
        if a.tag in ("article", "main"):
            return False
        if a.tag == "nav" or a.tag == "header" and (head is None or a not in head.iterancestors()):
            return True
        if _SITE_HEADER.search(f"{a.get('class') or ''} {a.get('id') or ''}"):
            return True
    return False


def headline(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The article's headline element: the first h1 of the article, of main, of the page."""
    return _headline_and_path(tree)[0]


def _headline_and_path(tree: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement | None, str | None]:
    for path in ("(//article//h1)[1]", "(//main//h1)[1]", "(//body//h1)[1]"):
        found = tree.xpath(path)
        if found:
            return found[0], path
    return None, None


def shown_elements(tree: lxml.html.HtmlElement) -> Iterator[tuple[lxml.html.HtmlElement, str, bool]]:
    """(element, text, shows today's date) of the page's short date-bearing elements, in order.

    An element shows today's date when it sits in the site's header bar, or when it names a
    weekday above the headline and outside any article element ("Domenica 06 Dicembre 2020 |
    00:36"): a byline above the headline names none ("Katrina Creer 21 Jan 2020").
    """
    head, head_path = _headline_and_path(tree)
    above = head is not None
    found = 0
    memo: dict[lxml.html.HtmlElement, bool] = {}
    dated: dict[str, bool] = {}  # a page repeats its class names hundreds of times: each is read once
    # libxml2 picks the labelled elements (and the headline, to know what is above it) in
    # document order; Python then reads only those labels
    for element in tree.xpath(_LABELLED + (f" | {head_path}" if head_path else "")):
        if element is head:
            above = False
            continue
        if element.tag != "time":
            label, ident = element.get("class"), element.get("id")
            if not (label and _dated(label, dated) or ident and _dated(ident, dated)):
                continue
        if _elsewhere(element, memo):
            continue
        text = _text(element)
        if not text or len(text) >= shown.MAX_TEXT:
            continue
        today = in_site_header(element, head) or (
            above and shown.names_weekday(text) and not any(a.tag in ("article", "main") for a in element.iterancestors()))
        yield element, text, today
        found += 1
        if found >= _MAX_SHOWN_ELEMENTS:
            return


def _dated(label: str, seen: dict[str, bool]) -> bool:
    """Whether a class or id names a date (``_DATE_CLASS``), remembered in ``seen``."""
    found = seen.get(label)
    if found is None:
        found = seen[label] = _DATE_CLASS.search(label.lower()) is not None
    return found


def _shown(elements: list[tuple[lxml.html.HtmlElement, str, bool]]) -> list[DctCandidate]:
    out: list[DctCandidate] = []
    seen: set[str] = set()
    for _element, text, today in elements:
        if text in seen:
            continue
        seen.add(text)
        for found in shown.shown_dates(text):
            source = f'shown "{text[:80]}"'
            if today:
                if not found.ambiguous:
                    out.append(DctCandidate(found.value, DctOrigin.DATELINE, "shown-today", source, 0.0,
                                            _offset(found.offset), found.zone))
                continue
            kind = {"published": "published", "updated": "modified"}.get(found.kind, "unknown")
            strength = STRENGTH_SHOWN_CUED if kind == "published" else STRENGTH_SHOWN
            if found.ambiguous:
                strength *= AMBIGUOUS_FACTOR
            out.append(DctCandidate(found.value, DctOrigin.DATELINE, kind, source,
                                    strength * KIND_FACTOR[kind], _offset(found.offset), found.zone))
        if len(out) >= _MAX_SHOWN:
            break
    return out


def _offset(minutes: int | None) -> str | None:
    return None if minutes is None else shown.format_offset(minutes)


def _shown_clocks(elements: list[tuple[lxml.html.HtmlElement, str, bool]]) -> list[shown.ShownClock]:
    """Cued clock times shown without a date ("Published 18:58 · Updated 20:14")."""
    out: list[shown.ShownClock] = []
    for _element, text, today in elements:
        if not today:
            out.extend(shown.shown_clocks(text))
        if len(out) >= 4:
            break
    return out


# --- htmldate ----------------------------------------------------------------------------

def _htmldate(tree: lxml.html.HtmlElement) -> list[DctCandidate]:
    """htmldate's extensive search, without the URL (the URL is a candidate of its own)."""
    import htmldate  # imported here: a few hundred ms, and only pages need it

    try:
        # htmldate copies a tree it is given before pruning it, so the page's tree stays as it is
        found = htmldate.find_date(tree, extensive_search=True, original_date=True, url="", outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a heuristic library on hostile markup: no date, not a failure
        return []
    if not found:
        return []
    return [DctCandidate(found, DctOrigin.HTMLDATE, "published", "htmldate extensive search", STRENGTH_HTMLDATE)]

"""The detail pane: everything known about the selected event, expression or article.

For an event or expression: the expression text, value, mod, interval, granularity, anchor,
explanation, rule, sentence and article. For an article: its source, DCT value, origin and
confidence, the dateline text, the page's zone, why that DCT won and the candidates that lost
(web pages), the document mode and its reason, counts, errors and orphaned corrections.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from ...core.lanes import STORY_LANE
from ...core.lang.en.dates import human
from ...core.model import DCT, Event, TimeExpression
from ...core.session import Entry, Session
from ...core.stories import Member, Story
from ..selection import Selection
from ..timeline.story_merging import known_stories


def _row(name: str, value: object) -> str:
    text = "—" if value is None or value == "" else escape(str(value))
    return f"<tr><th align='left' valign='top' style='padding-right:10px'>{escape(name)}</th><td>{text}</td></tr>"


def dct_evidence_rows(dct: DCT | None) -> list[str]:
    """The page's zone, why the DCT won, and every other candidate with why it lost."""
    if dct is None or not (dct.candidates or dct.utc_offset):
        return []
    zone = " ".join(z for z in (dct.zone, f"UTC{dct.utc_offset}" if dct.utc_offset else None) if z)
    rows = [_row("Zone", zone or "not known"), _row("Why", dct.reason or None)]
    for c in dct.candidates:
        if c.verdict != "chosen":
            value = c.value + (c.utc_offset or "")
            rows.append(_row("Candidate", f"{value} · {c.origin} {c.kind} · {c.source} — {c.verdict}"))
    return rows


def _interval(iv: object) -> str | None:
    if iv is None:
        return None
    start, end = iv.start, iv.end  # type: ignore[attr-defined]
    return f"{start.isoformat(sep=' ')} → {end.isoformat(sep=' ')}"


def _why_no_event(entry: Entry, timex: TimeExpression) -> str:
    """Why an expression has no event of its own: its sentence is placed by another expression,
    or it has no interval to place."""
    for event in entry.analysis.events:
        if event.start <= timex.start < event.end and event.timex and event.timex != timex.id:
            other = entry.timex_by_id.get(event.timex)
            by = f"“{other.text}” ({other.value})" if other is not None else event.timex
            return f"none of its own: the sentence is event {event.id}, placed by {by}"
    if timex.interval is None:
        return "none: this expression cannot be placed on the timeline"
    return "none: no sentence around this expression was taken as an event"


def story_html(story: Story, session: Session) -> str:
    """A story event: its date and why, the readings with their sources, and every source
    sentence with its article and how that article words the date."""
    titles = {e.key: e.article.title or e.key for e in session.entries}
    warn = "<span style='color:#c0392b'>⚠ </span>" if story.disagreement else ""
    rows = [_row("date", human(story.readings[0].value or "") if story.readings[0].value else
                 _interval(story.interval)),
            _row("why", story.reason), _row("sources", story.sources),
            _row("shaped by you", "yes (split or merge)" if story.user else "")]
    readings = "".join(
        f"<li>{escape(human(r.value) if r.value else str(r.interval.start.date()))}: "
        f"{r.articles} {'article' if r.articles == 1 else 'articles'} ({escape(', '.join(r.members))})</li>"
        for r in story.readings)
    sources = "".join(
        f"<li><a href='source:{n}'><b>{escape(titles.get(m.article, m.article))}</b></a> <small>({escape(m.ref)}"
        f"{', “' + escape(m.reading) + '”' if m.reading else ''}"
        f"{' → ' + escape(human(m.value)) if m.value else ''})</small><br>{escape(m.sentence or m.label)}</li>"
        for n, m in enumerate(story.members))
    actions = ("<p><a href='story:split'>Split this story…</a> · <a href='story:merge'>Merge with…</a></p>"
               if story.sources > 1 else "")
    return (f"<h3>{warn}{escape(story.label)}</h3><table>{''.join(rows)}</table>{actions}"
            f"<p><b>Readings of the date</b></p><ul>{readings}</ul>"
            f"<p><b>Every source sentence</b> <small>(click a source to read it in the article pane)"
            f"</small></p><ol>{sources}</ol>")


def source_selection(session: Session, member: Member) -> Selection:
    """A story's source as a selection of its article's event, found by its span (the event's
    id may have changed since the merge, when the article was derived again)."""
    try:
        events = session.entry(member.article).analysis.events
    except KeyError:
        return Selection(member.article, event=member.event)
    same = next((e.id for e in events if (e.start, e.end) == (member.start, member.end)), member.event)
    return Selection(member.article, event=same)


def _no_dct(entry: Entry) -> str:
    mode = entry.analysis.mode
    if mode is not None and mode.value == "narrative":
        return "none — read as a narrative, dates follow the story; Edit › Set DCT… gives it a present"
    return "none — relative expressions cannot be resolved; use Edit › Set DCT…"


def _mode(entry: Entry) -> str | None:
    """How the article's time is read, and why: "narrative — no document date: … (Edit › Document mode…)"."""
    mode = entry.analysis.mode
    if mode is None:
        return None
    return f"{mode.value} — {mode.reason} (Edit › Document mode… to change)"


class DetailPane(QWidget):
    #: a story's source was clicked: a :class:`Selection` of that article's event, for the article pane
    sourceRequested = Signal(object)
    #: "split" or "merge" was clicked on the shown story event
    storyActionRequested = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._selection: Selection | None = None
        self._story: Story | None = None
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.set_selection(None)

    def set_session(self, session: Session) -> None:
        self._session = session
        self.set_selection(None)

    def set_selection(self, selection: Selection | None) -> None:
        self._selection = selection
        self.browser.setHtml(self.html())

    def refresh(self) -> None:
        self.set_selection(self._selection)

    def story(self) -> Story | None:
        """The story event shown, if one is."""
        return self._story

    def _link(self, url: QUrl) -> None:
        kind, _, rest = url.toString().partition(":")
        if kind == "story" and rest in ("split", "merge"):
            self.storyActionRequested.emit(rest)
        elif kind == "source" and self._story is not None and rest.isdigit() \
                and int(rest) < len(self._story.members):
            self.sourceRequested.emit(source_selection(self._session, self._story.members[int(rest)]))

    def html(self) -> str:
        sel = self._selection
        self._story = None
        if sel is not None and sel.key == STORY_LANE:
            self._story = next((s for s in known_stories(self._session) if s.id == sel.event), None)
            if self._story is not None:
                return story_html(self._story, self._session)
        resolved = sel.resolve(self._session) if sel else None
        if resolved is None:
            return ("<p style='color:gray'>Select an event on the timeline, an expression in the article "
                    "or a row in the table to see how its date was worked out.</p>")
        entry, event, timex = resolved
        if event is None and timex is None:
            return self._article_html(entry)
        return self._event_html(entry, event, timex)

    def _event_html(self, entry: Entry, event: Event | None, timex: TimeExpression | None) -> str:
        title = event.label if event is not None else (timex.text if timex else "")
        rows: list[str] = []
        if timex is not None:
            anchor = timex.anchor
            if anchor and anchor != "dct":
                anchored = entry.timex_by_id.get(anchor)
                anchor = f"{anchor} “{anchored.text}” ({anchored.value})" if anchored else anchor
            elif anchor == "dct" and entry.article.dct is not None:
                anchor = f"DCT {entry.article.dct.value}"
            rows += [
                _row("Expression", f"“{timex.text}”"),
                _row("Type", str(timex.type)),
                _row("Value", timex.value or "unresolved"),
                _row("Mod", timex.mod),
                _row("Interval", _interval(timex.interval)),
                _row("Granularity", str(timex.granularity) if timex.granularity else None),
                _row("Anchor", anchor),
                _row("Explanation", timex.explanation),
                _row("Rule", timex.rule),
                _row("Corrected", "yes, by you" if timex.corrected else None),
            ]
        if event is not None:
            if timex is None:
                rows.append(_row("Interval", _interval(event.interval)))
            rows.append(_row("Event", f"{event.id}" + (" (added by you)" if event.user_added else "")))
            rows.append(_row("Label", event.label + (" (yours: Edit › Edit label…)" if event.corrected else "")))
            rows.append(_row("Sentence", entry.article.text[event.start:event.end]))
        elif timex is not None:
            rows.append(_row("Event", _why_no_event(entry, timex)))
        rows.append(_row("Article", entry.article.title))
        rows.append(_row("Source", entry.article.source))
        return f"<h3>{escape(title)}</h3><table cellspacing='2'>{''.join(rows)}</table>"

    def _article_html(self, entry: Entry) -> str:
        a = entry.article
        dct = a.dct
        dateline = a.text[dct.start:dct.end] if dct and dct.start is not None and dct.end is not None else None
        rows = [
            _row("Source", a.source),
            _row("Format", a.format),
            _row("DCT", dct.value if dct else _no_dct(entry)),
            _row("Origin", str(dct.origin) if dct else None),
            _row("Confidence", f"{dct.confidence:.0%}" if dct else None),
            _row("Dateline", dateline),
            _row("Last updated", dct.updated if dct else None),
            *dct_evidence_rows(dct),
            _row("Mode", _mode(entry)),
            _row("Expressions", len(entry.analysis.timexes)),
            _row("Events", len(entry.analysis.events)),
        ]
        for err in entry.errors:
            rows.append(_row("Problem", err))
        for c in entry.orphans:
            rows.append(_row("Orphaned correction", f"{c.kind}: “{c.text}” → {c.value or ''}"))
        return f"<h3>{escape(a.title or entry.key)}</h3><table cellspacing='2'>{''.join(rows)}</table>"

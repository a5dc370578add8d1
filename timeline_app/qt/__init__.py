"""The desktop app: Qt widgets over :class:`timeline_app.core.session.Session`.

Views only subscribe to the session (through :mod:`.session_adapter`) and to the shared
:mod:`.selection`; they never compute dates. :class:`.timeline_view.TimelineView` is usable
without the main window (for image export).
"""

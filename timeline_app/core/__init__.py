"""The Qt-free core: ingest, dateline, tagger, normalization, events, session, export of data."""

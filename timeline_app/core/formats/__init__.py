"""Results → files: one registry of data writers (JSON, JSONL, CSV, TimeML, ICS, TimelineJS)."""

"""The ``.timeline`` project file: schema, tables, SQLite plumbing, lock, autosave."""

"""Editing: corrections of the tagger's results, their dialogs, and undo."""

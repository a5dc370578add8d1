"""The panes beside the timeline: article, details, event table, vague tray, problems."""

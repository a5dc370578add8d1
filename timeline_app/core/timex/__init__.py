"""Text → TIMEX3: the tagger, the meanings it builds, anchors with the calendar arithmetic, normalization, explanations."""

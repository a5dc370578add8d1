"""timeline-app: turn news articles into timelines."""

__version__ = "0.1.0"

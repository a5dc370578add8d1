"""Story events: the same happening, reported by many articles, merged into one (no Qt)."""

from .index import StoryIndex, StoryJob
from .members import members_of, members_of_results
from .merger import THRESHOLD, Decision, cluster, merge, merged, stories_of_results
from .model import Member, Reading, Story

__all__ = ["THRESHOLD", "Decision", "Member", "Reading", "Story", "StoryIndex", "StoryJob", "cluster", "members_of",
           "members_of_results", "merge", "merged", "stories_of_results"]

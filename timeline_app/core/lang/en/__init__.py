"""English: tense cues, abbreviations and cue words, beside the rule files in ``resources/rules/en/``."""

from ..language import Language
from . import story_cues

LANGUAGE = Language(code="en", story=story_cues.CUES)

"""English: tense cues, abbreviations and cue words, beside the rule files in ``resources/rules/en/``."""

from ..language import Language
from . import boilerplate_lines, builder_words, dateline_words, explanations, period_words, story_cues

LANGUAGE = Language(code="en", story=story_cues.CUES, dateline=dateline_words.WORDS,
                    boilerplate=boilerplate_lines.LINES, periods=period_words.CUES,
                    builders=builder_words.WORDS, explanations=explanations.PHRASES)

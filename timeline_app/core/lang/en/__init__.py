"""English: tense cues, abbreviations and cue words, beside the rule files in ``resources/rules/en/``."""

from ..language import Language, Sentences
from . import boilerplate_lines, builder_words, dateline_words, explanations, period_words, story_cues
from .abbreviations import ABBREVIATIONS
from .labels import event_label, is_event_sentence
from .landmarks import landmark

LANGUAGE = Language(code="en", story=story_cues.CUES, dateline=dateline_words.WORDS,
                    boilerplate=boilerplate_lines.LINES, periods=period_words.CUES,
                    builders=builder_words.WORDS, explanations=explanations.PHRASES,
                    sentences=Sentences(abbreviations=frozenset(ABBREVIATIONS), event_label=event_label,
                                        is_event_sentence=is_event_sentence, landmark=landmark))

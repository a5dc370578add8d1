"""English: tense cues and abbreviations, beside the rule files in ``resources/rules/en/``."""

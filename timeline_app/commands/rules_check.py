"""Load the rule files once before a command tags anything.

A broken rule file is one problem, not one per article: the command names the file and line
and stops, instead of printing an empty result for every input.
"""

from __future__ import annotations

import sys

from ..rules.loader import RuleError, default_ruleset


def rules_load(command: str) -> bool:
    """True when the rules load; otherwise report why on stderr and return False."""
    try:
        default_ruleset()
    except RuleError as exc:
        print(f"timeline-app {command}: the rule files cannot be used: {exc}", file=sys.stderr)
        return False
    return True

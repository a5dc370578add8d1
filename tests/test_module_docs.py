"""Every module opens with its one-line job, so a folder listing and a docstring say where things are."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "timeline_app"


def test_every_module_says_its_job_in_its_first_line() -> None:
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        if not doc or not doc.splitlines()[0].strip():
            missing.append(str(path.relative_to(PACKAGE.parent)))
    assert not missing, f"modules without a first-line docstring: {missing}"

"""Placeholder: replaced by the dateline work."""

from __future__ import annotations

from .model import DCT


def detect(text: str) -> DCT | None:
    return None

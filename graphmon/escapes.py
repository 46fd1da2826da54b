"""Showing characters that must not reach a reader as themselves (terminal escape sequences,
characters XML cannot hold) as visible escapes instead."""

from __future__ import annotations

import re


def visible(text: str, unwanted: re.Pattern[str]) -> str:
    """``text`` with each character matching ``unwanted`` written as ``\\xNN`` (below U+0100)
    or ``\\uNNNN``.

    >>> visible("a\\x1bb\\u202e", re.compile("[\\x1b\\u202e]"))
    'a\\\\x1bb\\\\u202e'
    """
    if unwanted.search(text) is None:
        return text
    return unwanted.sub(lambda found: f"\\x{ord(found[0]):02x}" if ord(found[0]) < 0x100
                        else f"\\u{ord(found[0]):04x}", text)

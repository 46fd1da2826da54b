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


CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (terminal escapes among them) and bidirectional overrides, but not tab, line
feed or carriage return: what must not reach a terminal or a renderer as itself in multi-line text."""

_ESCAPE_LIKE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})")


def visible_unambiguous(text: str, unwanted: re.Pattern[str]) -> str:
    r"""`visible`, with each backslash written ``\x5c`` too when ``text`` itself holds what reads
    like an escape (``\x1b`` typed out), so that it never looks like a text whose character was
    escaped.

    >>> visible_unambiguous(r"\x1bRED", re.compile("\x1b")), visible_unambiguous("\x1bRED", re.compile("\x1b"))
    ('\\x5cx1bRED', '\\x1bRED')
    """
    if _ESCAPE_LIKE.search(text) is None:
        return visible(text, unwanted)
    return visible(text, re.compile(f"(?:{unwanted.pattern})|\\\\"))

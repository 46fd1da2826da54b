"""The store's own Cypher, kept in ``graphmon/store/cypher/*.cypher`` (shipped as package data)."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def statement(name: str) -> str:
    """The text of ``cypher/NAME.cypher``."""
    return resources.files("graphmon.store").joinpath("cypher", f"{name}.cypher").read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """The statements of a file holding several, each ended by ``;`` at the end of a line;
    comment lines are dropped."""
    lines = [line for line in statement(name).splitlines() if not line.lstrip().startswith("//")]
    parts = (part.strip().rstrip(";").strip() for part in "\n".join(lines).split(";\n"))
    return [part for part in parts if part]

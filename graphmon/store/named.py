"""Named read queries: ``queries/NAME.cypher``, each opening with a comment header.

The header is the file's leading ``//`` lines: the first states what the query answers, the
next ones may say more, and each parameter has a line ``// param: NAME TYPE [DEFAULT]`` with
TYPE one of ``string``, ``int``, ``float``, ``bool``. A parameter without a default is
required; a default of ``null`` makes it optional with no value.

Values given as text (``--param k=v`` on the command line) are converted to the declared type;
unknown, missing and badly typed parameters raise `graphmon.errors.QueryError`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from graphmon.errors import QueryError

ParamType = Literal["string", "int", "float", "bool"]
PARAM_TYPES: tuple[ParamType, ...] = ("string", "int", "float", "bool")
PARAM_LINE = re.compile(r"^//\s*param:\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>\w+)(?:\s+(?P<default>.+?))?\s*$")
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
TRUE, FALSE = ("true", "1", "yes"), ("false", "0", "no")


@dataclass(frozen=True)
class QueryParam:
    """One declared parameter; ``required`` when the header gives no default."""

    name: str
    type: ParamType
    default: Any = None
    required: bool = True

    def describe(self) -> str:
        """``limit int = 50``, ``run_id string`` or ``platform string = null``."""
        if self.required:
            return f"{self.name} {self.type}"
        return f"{self.name} {self.type} = {'null' if self.default is None else self.default}"


@dataclass(frozen=True)
class NamedQuery:
    """A query file: its name (the file name), what it answers (``summary``: the header's first
    sentence; ``description``: all of its prose), its parameters and text."""

    name: str
    path: Path
    summary: str
    description: str
    params: tuple[QueryParam, ...]
    text: str

    def bind(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Check ``values`` against the header and convert text to the declared types;
        defaults fill what is not given.

        Raises `QueryError` for an unknown parameter, a missing required one or a value that
        is not of its type.
        """
        declared = {param.name: param for param in self.params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            raise QueryError(f"query {self.name}: unknown parameter {', '.join(unknown)}; it takes "
                             f"{self._signature()}")
        bound = {}
        for param in self.params:
            if param.name in values:
                bound[param.name] = _convert(self.name, param, values[param.name])
            elif param.required:
                raise QueryError(f"query {self.name}: missing parameter {param.name} ({param.type}); "
                                 f"add --param {param.name}=VALUE (it takes {self._signature()})")
            else:
                bound[param.name] = param.default
        return bound

    def _signature(self) -> str:
        return ", ".join(param.describe() for param in self.params) or "no parameters"


def parse_query(path: Path, text: str | None = None) -> NamedQuery:
    """Read the query file at ``path`` (or ``text`` as its content)."""
    name = path.stem
    if not NAME.match(name):
        raise QueryError(f"{path}: query names are lower-case letters, digits and _ ; rename the file")
    body = path.read_text(encoding="utf-8") if text is None else text
    header: list[str] = []
    for line in body.splitlines():
        if not line.strip().startswith("//"):
            break
        header.append(line.strip())
    params = tuple(_param(path, line) for line in header if re.match(r"^//\s*param:", line))
    prose = [line[2:].strip() for line in header if not re.match(r"^//\s*param:", line)]
    if not prose or not prose[0]:
        raise QueryError(f"{path}: no header; start the file with a // line saying what the query answers")
    if not body[sum(len(line) + 1 for line in header):].strip():
        raise QueryError(f"{path}: the file has a header but no query")
    text = " ".join(line for line in prose if line)
    sentence = re.match(r"^(.+?[.?!])(\s|$)", text)
    return NamedQuery(name=name, path=path, summary=sentence[1] if sentence else text, description=text,
                      params=params, text=body)


def shipped_queries_dir() -> Path:
    """The folder of the queries that ship with graphmon (``queries/`` of the source tree, installed
    as ``graphmon/queries``)."""
    return Path(str(resources.files("graphmon").joinpath("queries")))


def load_queries(extra_dirs: Iterable[str | Path] = ()) -> dict[str, NamedQuery]:
    """The shipped queries, then those of ``extra_dirs`` (a later file of the same name wins),
    by name."""
    found: dict[str, NamedQuery] = {}
    for folder in (shipped_queries_dir(), *map(Path, extra_dirs)):
        if not folder.is_dir():
            if folder != shipped_queries_dir():
                raise QueryError(f"{folder}: no such folder of queries")
            continue
        for path in sorted(folder.glob("*.cypher")):
            query = parse_query(path)
            found[query.name] = query
    return found


def find_query(name: str, queries: Mapping[str, NamedQuery]) -> NamedQuery:
    """The query called ``name``; `QueryError` listing the known ones otherwise."""
    try:
        return queries[name]
    except KeyError:
        known = ", ".join(sorted(queries)) or "none"
        raise QueryError(f"no query named {name!r}; known queries: {known} (graphmon query --list)") from None


def _param(path: Path, line: str) -> QueryParam:
    match = PARAM_LINE.match(line)
    if not match or match["type"] not in PARAM_TYPES:
        raise QueryError(f"{path}: bad parameter line {line!r}; write // param: NAME TYPE [DEFAULT] with TYPE one "
                         f"of {', '.join(PARAM_TYPES)}")
    kind: ParamType = match["type"]
    default = match["default"]
    if default is None:
        return QueryParam(match["name"], kind)
    probe = QueryParam(match["name"], kind)
    value = None if default == "null" else _convert(path.stem, probe, default)
    return QueryParam(match["name"], kind, default=value, required=False)


def _convert(query: str, param: QueryParam, value: Any) -> Any:
    """``value`` as ``param.type``; text is parsed, typed values are checked; ``None`` passes."""
    if value is None:
        return None
    try:
        if param.type == "string":
            if not isinstance(value, str):
                raise TypeError
            return value
        if param.type == "bool":
            return _bool(value)
        if isinstance(value, bool):
            raise TypeError
        if param.type == "int":
            if isinstance(value, float) or (isinstance(value, str) and not re.fullmatch(r"\s*[-+]?\d+\s*", value)):
                raise ValueError
            whole = int(value)
            if not -(2**63) <= whole < 2**63:  # Cypher integers are 64-bit
                raise ValueError
            return whole
        number = float(value)
        if math.isnan(number):
            raise ValueError
        return number
    except (TypeError, ValueError):
        raise QueryError(f"query {query}: parameter {param.name} must be {_article(param.type)}, "
                         f"got {str(value)[:60]!r}") from None


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in TRUE + FALSE:
        return value.strip().lower() in TRUE
    raise ValueError


def _article(kind: str) -> str:
    return {"int": "an int", "float": "a float (a number)", "bool": "a bool (true or false)", "string": "a string"}[kind]

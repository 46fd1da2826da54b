"""Input formats: their names, which files each reads, and telling them apart.

Auto-detection looks at the columns of a table (a CrowdTangle export has ``Post Created`` and
``Facebook Id`` or ``User Name``) or at the first JSON record (a Twitter v2 response has
``data``/``includes``, a v2 tweet ``author_id``; a v1.1 tweet ``user``; a Telegram export
``messages`` or ``chats``). Anything else that is a table is read as canonical events. The
CooRTweet table is canonical events too; ``coortweet`` only insists on its exact columns.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from graphmon.errors import ConfigError
from graphmon.ingest.files import Source
from graphmon.ingest.jsondoc import sniff
from graphmon.ingest.tables import TABLE_KINDS, table_columns

InputFormat = Literal["auto", "events", "coortweet", "twitter-v2", "twitter-v1", "telegram", "crowdtangle"]
FORMATS: tuple[str, ...] = get_args(InputFormat)
TABLE_FORMATS = ("events", "coortweet", "crowdtangle")
JSON_FORMATS = ("twitter-v2", "twitter-v1", "telegram")


def check_format_name(input_format: str) -> None:
    """Raise `ConfigError` for a name that is not an `InputFormat`."""
    if input_format not in FORMATS:
        raise ConfigError(f"unknown input format {input_format!r}; use one of {', '.join(FORMATS)}")


def detect_format(source: Source) -> str:
    """The format of `source` (never ``auto``); raises `InputError` when it cannot be told."""
    if source.kind in ("csv", "tsv", "parquet"):
        columns = set(table_columns(source))
        if "Post Created" in columns and {"Facebook Id", "User Name"} & columns:
            return "crowdtangle"
        return "events"
    shape = json_shape(sniff(source, telling=TELLING_KEYS))
    if shape:
        return shape
    if source.kind == "jsonl":
        return "events"
    raise source.error(
        "is JSON of a kind graphmon does not know; give the input format "
        f"({', '.join(JSON_FORMATS)}), or canonical events as JSON Lines"
    )


# Top-level keys that tell a JSON document's format by themselves: their values, the bulk of a
# large export, need not be decoded to tell it (`sniff` stops at the first of them).
TELLING_KEYS = {"data": "twitter-v2", "includes": "twitter-v2", "messages": "telegram", "chats": "telegram"}


def json_shape(value: Any) -> str | None:
    """The platform format a decoded JSON record (or document) looks like, if any."""
    if isinstance(value, list):
        return json_shape(value[0]) if value else None
    if not isinstance(value, dict):
        return None
    told = next((TELLING_KEYS[key] for key in TELLING_KEYS if key in value), None)
    if told:
        return told
    if isinstance(value.get("user"), dict):
        return "twitter-v1"
    if "author_id" in value and "id" in value:
        return "twitter-v2"
    return None


def check_kind(source: Source, input_format: str) -> None:
    """Raise `InputError` when `source` cannot hold `input_format`: a table format in a JSON
    document, a JSON format in a table, or JSON that looks like another platform's."""
    if input_format in TABLE_FORMATS and source.kind not in TABLE_KINDS:
        raise source.error(
            f"is a JSON document, but {input_format} input is a table (CSV, Parquet or JSON Lines)"
        )
    if input_format in JSON_FORMATS and source.kind not in ("json", "jsonl"):
        raise source.error(
            f"is a {source.kind.upper()} file, but {input_format} input is JSON (.json or .jsonl)"
        )
    if input_format in JSON_FORMATS:
        shape = json_shape(sniff(source, telling=TELLING_KEYS))
        if shape and shape != input_format:
            raise source.error(
                f"looks like {shape} input, not {input_format}; give the input "
                f"format {shape}, or let it be detected"
            )

"""Pure preparation of what the store writes: canonical tables -> columns of parameters.

Bulk writes send one batch as a map of equal-length lists (``{"account_id": [...], ...}``) and
``UNWIND range(0, size($account_id) - 1) AS i`` over it: columns pack and unpack about twice as
fast as a list of row maps. A column that is all null in a batch is sent as an empty list
(``$text[i]`` is then null for every ``i``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from typing import Any

import polars as pl

from graphmon.errors import ConfigError
from graphmon.events import ACCOUNT_SCHEMA
from graphmon.ingest.checks import plural
from graphmon.store.labels import object_label

PROFILE_COLUMNS = tuple(name for name in ACCOUNT_SCHEMA if name != "account_id")
MAX_KEY_BYTES = 8_000
"""Neo4j's range indexes (behind graphmon's uniqueness constraints) hold keys of at most about
8 kB (UTF-8), the parts of a composite key together."""
KEYS = {"Account": ("account_id",), "Object": ("object_type", "object_id"), "Post": ("account_id", "content_id")}


def check_index_keys(events: pl.DataFrame, profiles: Sequence[pl.DataFrame] = ()) -> None:
    """Raise `ConfigError` before anything is written when a node's key is too long for Neo4j's
    index (it would fail the load half-way, or the constraints after a bulk import)."""
    tables = [("events", events)] + [("profiles", table) for table in profiles if table.height]
    for label, parts in KEYS.items():
        for name, table in tables:
            if not set(parts) <= set(table.columns):
                continue
            size = pl.sum_horizontal(pl.col(part).str.len_bytes().fill_null(0) for part in parts)
            too_long = table.filter(size > MAX_KEY_BYTES)
            if too_long.height:
                value = " + ".join(repr(str(too_long[part][0])[:40] + "…") for part in parts)
                raise ConfigError(f"the {label} key ({', '.join(parts)}) is over {MAX_KEY_BYTES:,} bytes, more than "
                                  f"Neo4j can index, in {plural(too_long.height, 'row')} of the {name}, e.g. {value}; "
                                  "shorten or hash such ids before loading them")


def event_accounts(events: pl.DataFrame) -> pl.DataFrame:
    """``account_id, platform`` (its first non-null platform), one row per account, sorted."""
    return (events.group_by("account_id")
            .agg(pl.col("platform").drop_nulls().first())
            .sort("account_id"))


def event_objects(events: pl.DataFrame) -> pl.DataFrame:
    """``object_type, object_id, label`` (from the allowlist), one row per object, sorted."""
    return (events.select("object_type", "object_id").unique()
            .with_columns(object_label(pl.col("object_type")).alias("label"))
            .sort("object_type", "object_id"))


def event_shares(events: pl.DataFrame) -> pl.DataFrame:
    """One row per event with ``post_timestamp``: the earliest time of its post (account_id,
    content_id) in this table, sorted by post so that a post's shares travel together."""
    return (events.with_columns(pl.col("timestamp").min().over("account_id", "content_id").alias("post_timestamp"))
            .select("account_id", "content_id", "post_timestamp", "platform", "text",
                    "object_type", "object_id", "timestamp")
            .sort("account_id", "content_id", "timestamp", "object_type", "object_id"))


def column_batches(frame: pl.DataFrame, batch_size: int) -> Iterator[dict[str, list[Any]]]:
    """Slices of ``frame`` as maps of column lists; all-null columns become empty lists."""
    for start in range(0, frame.height, batch_size):
        part = frame.slice(start, batch_size)
        yield {name: ([] if part[name].null_count() == part.height else part[name].to_list())
               for name in part.columns}


def profile_rows(accounts: pl.DataFrame) -> list[dict[str, Any]]:
    """Accounts table (ACCOUNT_SCHEMA) -> ``[{"account_id": …, "profile": {non-null columns}}]``."""
    present = [name for name in PROFILE_COLUMNS if name in accounts.columns]
    return [{"account_id": row["account_id"],
             "profile": {name: row[name] for name in present if row[name] is not None}}
            for row in accounts.select("account_id", *present).iter_rows(named=True)]


def plain(value: Any) -> Any:
    """A value Neo4j can store as a property: scalars and lists of scalars as they are, maps and
    nested lists as JSON text, NaN as null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def properties(record: dict[str, Any], *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """A record's storable, non-null properties."""
    converted = {key: plain(value) for key, value in record.items() if key not in skip}
    return {key: value for key, value in converted.items() if value is not None}


def cluster_rows(clusters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ranked cluster records -> ``[{"cluster_id", "properties"}]``; ``rank`` is the position."""
    return [{"cluster_id": record["cluster_id"],
             "properties": {**properties(record, skip=("accounts", "cluster_id")), "rank": rank}}
            for rank, record in enumerate(clusters)]


def member_rows(accounts: pl.DataFrame) -> list[dict[str, Any]]:
    """Cluster members -> ``[{"account_id", "cluster_id", "properties"}]`` (per-run figures)."""
    figures = [name for name in ("anonymity_score", "anonymity_factors", "shares", "objects", "degree", "strength",
                                 "first_share", "last_share") if name in accounts.columns]
    members = accounts.filter(pl.col("cluster_id").is_not_null()).sort("cluster_id", "account_id")
    return [{"account_id": row["account_id"], "cluster_id": row["cluster_id"],
             "properties": properties({name: _factors(name, row[name]) for name in figures})}
            for row in members.select("account_id", "cluster_id", *figures).iter_rows(named=True)]


def anonymity_rows(accounts: pl.DataFrame) -> list[dict[str, Any]]:
    """Accounts with an anonymity score -> ``[{"account_id", "anonymity_score", "anonymity_factors"}]``."""
    if "anonymity_score" not in accounts.columns:
        return []
    scored = accounts.filter(pl.col("anonymity_score").is_not_null()).sort("account_id")
    factors = "anonymity_factors" in scored.columns
    return [{"account_id": row["account_id"], "anonymity_score": row["anonymity_score"],
             "anonymity_factors": _factors("anonymity_factors", row.get("anonymity_factors")) if factors else []}
            for row in scored.iter_rows(named=True)]


def edge_rows(edges: pl.DataFrame) -> list[dict[str, Any]]:
    """Coordination edges -> ``[{"account_a", "account_b", "properties"}]`` (weights and evidence counts)."""
    return [{"account_a": row["account_a"], "account_b": row["account_b"],
             "properties": properties(row, skip=("account_a", "account_b"))}
            for row in edges.sort("account_a", "account_b").iter_rows(named=True)]


def _factors(name: str, value: Any) -> Any:
    if name == "anonymity_factors" and isinstance(value, str):
        return [factor for factor in value.split(";") if factor]
    return value

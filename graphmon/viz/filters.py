"""What an investigator narrows the views to: cluster size, anonymity, time, platform, object type."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import polars as pl


@dataclass(frozen=True)
class ViewFilter:
    """A filter over clusters and their evidence; ``None`` means no limit.

    ``since``/``until`` are unix seconds: a cluster passes when its active span overlaps them and
    evidence rows when both shares fall inside. ``platforms``/``object_types`` keep clusters that
    have any of them (clusters without platform data pass) and evidence rows of those object types.
    """

    min_size: int = 0
    max_size: int | None = None
    min_anonymity: float = 0.0
    unknown_anonymity: bool = True
    since: float | None = None
    until: float | None = None
    platforms: frozenset[str] | None = None
    object_types: frozenset[str] | None = None


def filter_clusters(clusters: list[dict[str, Any]], view: ViewFilter) -> list[dict[str, Any]]:
    """The records of ``clusters`` that pass ``view``, in their order.

    >>> records = [{"size": 3, "anonymity_score": 0.9}, {"size": 9, "anonymity_score": None}]
    >>> [r["size"] for r in filter_clusters(records, ViewFilter(min_size=5))]
    [9]
    >>> [r["size"] for r in filter_clusters(records, ViewFilter(unknown_anonymity=False))]
    [3]
    """
    return [record for record in clusters if _passes(record, view)]


def _passes(record: dict[str, Any], view: ViewFilter) -> bool:
    size = record["size"]
    if size < view.min_size or (view.max_size is not None and size > view.max_size):
        return False
    anonymity = record.get("anonymity_score")
    if anonymity is None and not view.unknown_anonymity:
        return False
    if anonymity is not None and anonymity < view.min_anonymity:
        return False
    platforms = record.get("platforms") or []
    if view.platforms is not None and platforms and not view.platforms.intersection(platforms):
        return False
    types = record.get("object_types") or {}
    if view.object_types is not None and not view.object_types.intersection(types):
        return False
    return _overlaps(record.get("first_share"), record.get("last_share"), view)


def _overlaps(first: str | None, last: str | None, view: ViewFilter) -> bool:
    if first is None or last is None:
        return True
    if view.until is not None and to_unix(first) > view.until:
        return False
    return view.since is None or to_unix(last) >= view.since


def to_unix(iso: str) -> float:
    """Unix seconds of an ISO 8601 time (``Z`` or an offset; a naive time is taken as UTC).

    >>> to_unix("1970-01-02T00:00:00Z")
    86400.0
    """
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def filter_evidence(evidence: pl.DataFrame, view: ViewFilter) -> pl.DataFrame:
    """The evidence rows inside ``view``'s time range and object types."""
    keep = pl.lit(True)
    if view.since is not None:
        keep = keep & (pl.min_horizontal("timestamp_a", "timestamp_b") >= view.since)
    if view.until is not None:
        keep = keep & (pl.max_horizontal("timestamp_a", "timestamp_b") <= view.until)
    if view.object_types is not None:
        keep = keep & pl.col("object_type").is_in(sorted(view.object_types))
    return evidence.filter(keep)

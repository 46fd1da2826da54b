"""One cluster's accounts, evidence and shares, as the cluster views and exports need them."""

from __future__ import annotations

from typing import Any

import polars as pl

from graphmon.viz.data import ReportData
from graphmon.viz.filters import ViewFilter, filter_evidence
from graphmon.viz.text import escape_text, follow_delays, handle_expr, shorten, unique_labels

SHARE_COLUMNS = ("account_id", "content_id", "object_type", "object_id", "timestamp")


def cluster_members(data: ReportData, cluster_id: int) -> pl.DataFrame:
    """The accounts of cluster ``cluster_id`` with a ``handle`` column, strongest first."""
    return (data.accounts.filter(pl.col("cluster_id") == cluster_id).with_columns(handle_expr())
            .sort(["strength", "account_id"], descending=[True, False]))


def cluster_evidence(data: ReportData, cluster_id: int, view: ViewFilter = ViewFilter()) -> pl.DataFrame:
    """The co-shares between members of cluster ``cluster_id`` (both accounts in it), within
    ``view``'s time range and object types."""
    members = data.accounts.filter(pl.col("cluster_id") == cluster_id).select("account_id")
    inside = (data.evidence.join(members.rename({"account_id": "account_a"}), on="account_a", how="semi")
              .join(members.rename({"account_id": "account_b"}), on="account_b", how="semi"))
    return filter_evidence(inside, view)


def evidence_shares(evidence: pl.DataFrame) -> pl.DataFrame:
    """The distinct shares behind ``evidence`` rows: ``account_id, content_id, object_type,
    object_id, timestamp``, one row per share, in time order.

    >>> ev = pl.DataFrame({"account_a": ["a"], "account_b": ["b"], "object_type": ["url"],
    ...     "object_id": ["u"], "content_id_a": ["1"], "content_id_b": ["2"],
    ...     "timestamp_a": [10.0], "timestamp_b": [12.0], "delta_s": [2.0]})
    >>> evidence_shares(ev)["account_id"].to_list()
    ['a', 'b']
    """
    side = [
        evidence.select(pl.col(f"account_{s}").alias("account_id"), pl.col(f"content_id_{s}").alias("content_id"),
                        "object_type", "object_id", pl.col(f"timestamp_{s}").alias("timestamp"))
        for s in ("a", "b")
    ]
    return pl.concat(side).unique(["account_id", "content_id", "object_type", "object_id"]).sort(
        "timestamp", "account_id")


def account_labels(members: pl.DataFrame, *, limit: int = 32) -> dict[str, str]:
    """``account_id`` -> an escaped, shortened, unique label (its handle) for figure axes."""
    ids = members["account_id"].to_list()
    labels = unique_labels([escape_text(shorten(h, limit)) for h in members["handle"].to_list()])
    return dict(zip(ids, labels))


def object_labels(object_ids: list[str], *, limit: int = 40) -> list[str]:
    """Escaped, shortened, unique labels for object ids (URLs get long)."""
    return unique_labels([escape_text(shorten(o, limit)) for o in object_ids])


def source_handles(data: ReportData, records: list[dict[str, Any]]) -> dict[str, str]:
    """``@screen_name`` of each likely source of ``records``' top objects that has one."""
    sources = {o["likely_source"] for r in records for o in (r.get("top_objects") or []) if "likely_source" in o}
    if not sources:
        return {}
    named = (data.accounts.filter(pl.col("account_id").is_in(list(sources))).select("account_id", handle_expr())
             .filter(pl.col("handle") != pl.col("account_id")))
    return dict(named.iter_rows())


def origin_rows(record: dict[str, Any], handles: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The cluster's top objects and where each came from, as table rows of raw strings (the
    report's template and Dash escape them); a source with a handle in ``handles`` is shown as
    ``@handle (account id)``. None for a report written before sources were traced."""
    rows = []
    for o in record.get("top_objects") or []:
        if "likely_source" not in o:
            return []
        source = str(o["likely_source"])
        handle = (handles or {}).get(source)
        rows.append({"object_id": str(o["object_id"]), "label": shorten(str(o["object_id"]), 60),
                     "object_type": o["object_type"], "shares": o["shares"], "members": o["members"],
                     "source": f"{handle} ({source})" if handle else source,
                     "where": "member" if o["source_in_cluster"] else "outside the cluster",
                     "first_shared": str(o["first_shared"])[:19].replace("T", " "), "delays": follow_delays(o)})
    return rows

"""The tables every view is drawn from, taken from an analysis or read back from a report folder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from graphmon.analysis import Analysis
from graphmon.report.load import Report

ACCOUNT_COLUMNS: dict[str, pl.DataType] = {
    "account_id": pl.String(), "cluster_id": pl.Int64(), "shares": pl.Int64(), "strength": pl.Float64(),
    "degree": pl.Int64(), "anonymity_score": pl.Float64(), "anonymity_factors": pl.String(),
    "screen_name": pl.String(), "display_name": pl.String(), "created_at": pl.Float64(),
    "platform": pl.String(), "first_share": pl.Float64(), "last_share": pl.Float64(),
}
EDGE_COLUMNS: dict[str, pl.DataType] = {
    "account_a": pl.String(), "account_b": pl.String(), "weight": pl.Float64(), "co_shares": pl.Int64(),
    "median_delta_s": pl.Float64(), "object_types": pl.String(),
}
EVIDENCE_COLUMNS: dict[str, pl.DataType] = {
    "account_a": pl.String(), "account_b": pl.String(), "object_type": pl.String(), "object_id": pl.String(),
    "content_id_a": pl.String(), "content_id_b": pl.String(), "timestamp_a": pl.Float64(),
    "timestamp_b": pl.Float64(), "delta_s": pl.Float64(),
}


@dataclass(frozen=True)
class ReportData:
    """A report's clusters document and its account, edge and evidence tables, with the columns
    the views use present and typed (missing ones are null)."""

    document: dict[str, Any]
    accounts: pl.DataFrame
    edges: pl.DataFrame
    evidence: pl.DataFrame

    @property
    def clusters(self) -> list[dict[str, Any]]:
        """Cluster records in rank order."""
        return list(self.document.get("clusters", []))

    def cluster(self, cluster_id: int) -> dict[str, Any]:
        """One cluster's record; ``KeyError`` for an unknown id."""
        for record in self.clusters:
            if record["cluster_id"] == cluster_id:
                return record
        raise KeyError(cluster_id)


def from_analysis(result: Analysis, document: dict[str, Any]) -> ReportData:
    """The view tables of an analysis and its clusters document."""
    return ReportData(document=document, accounts=conform(result.accounts, ACCOUNT_COLUMNS),
                      edges=conform(result.edges, EDGE_COLUMNS), evidence=conform(result.evidence, EVIDENCE_COLUMNS))


def from_report(report: Report) -> ReportData:
    """The view tables of a report folder read back with :class:`graphmon.report.Report`."""
    return ReportData(document=report.document, accounts=conform(report.accounts(), ACCOUNT_COLUMNS),
                      edges=conform(report.edges(), EDGE_COLUMNS), evidence=conform(report.evidence(), EVIDENCE_COLUMNS))


def conform(table: pl.DataFrame, columns: dict[str, pl.DataType]) -> pl.DataFrame:
    """``table`` with each of ``columns`` present (null where missing) and cast to its type; other
    columns are kept as they are.

    >>> conform(pl.DataFrame({"a": ["1"]}), {"a": pl.Int64(), "b": pl.String()}).dtypes
    [Int64, String]
    """
    fixes = [
        (pl.col(name).cast(dtype, strict=False) if name in table.columns else pl.lit(None, dtype)).alias(name)
        for name, dtype in columns.items()
    ]
    return table.with_columns(fixes)

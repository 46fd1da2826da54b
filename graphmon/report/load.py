"""Reading a report folder back, for scripts and the query commands."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from graphmon.errors import InputError

ANONYMOUS_THRESHOLD = 0.6


@dataclass(frozen=True)
class Report:
    """A report written by ``graphmon analyze``.

    >>> report = Report.load("report")                      # doctest: +SKIP
    >>> [c["cluster_id"] for c in report.clusters(min_size=5, anonymous=True)]  # doctest: +SKIP
    """

    path: Path
    document: dict[str, Any]

    @classmethod
    def load(cls, path: str | Path) -> Report:
        """Open the report in folder ``path``; raises ``InputError`` when it is not one."""
        folder = Path(path)
        target = folder / "clusters.json"
        try:
            document = json.loads(target.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(str(folder), "no clusters.json here: is this a graphmon report folder?") from None
        except json.JSONDecodeError as exc:
            raise InputError(str(target), f"not valid JSON ({exc.msg})", row=exc.lineno) from None
        if not isinstance(document, dict) or "clusters" not in document:
            raise InputError(str(target), "not a graphmon clusters document (no 'clusters' list)")
        return cls(path=folder, document=document)

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.document["params"])

    def clusters(self, *, min_size: int = 2, anonymous: bool = False) -> list[dict[str, Any]]:
        """Clusters in rank order, at least ``min_size`` accounts; with ``anonymous`` only those
        whose anonymity score is at least 0.6."""
        found = [c for c in self.document["clusters"] if c["size"] >= min_size]
        if anonymous:
            found = [c for c in found if (c["anonymity_score"] or 0.0) >= ANONYMOUS_THRESHOLD]
        return found

    def cluster(self, cluster_id: int) -> dict[str, Any]:
        """One cluster's record; raises ``KeyError`` for an unknown id."""
        for record in self.document["clusters"]:
            if record["cluster_id"] == cluster_id:
                return dict(record)
        raise KeyError(cluster_id)

    def accounts(self) -> pl.DataFrame:
        """``accounts.csv`` as a table."""
        return pl.read_csv(self.path / "accounts.csv", infer_schema_length=10_000,
                           schema_overrides={"account_id": pl.String})

    def edges(self) -> pl.DataFrame:
        """``edges.csv`` as a table."""
        return pl.read_csv(self.path / "edges.csv", infer_schema_length=10_000,
                           schema_overrides={"account_a": pl.String, "account_b": pl.String})

    def evidence(self, account_a: str | None = None, account_b: str | None = None) -> pl.DataFrame:
        """``evidence.csv``: every co-share behind the reported edges, or behind one edge."""
        table = pl.read_csv(self.path / "evidence.csv", infer_schema_length=10_000, schema_overrides={
            "account_a": pl.String, "account_b": pl.String, "object_id": pl.String,
            "content_id_a": pl.String, "content_id_b": pl.String})
        if account_a is not None and account_b is not None:
            low, high = sorted((account_a, account_b))
            table = table.filter((pl.col("account_a") == low) & (pl.col("account_b") == high))
        return table

    def members(self, cluster_id: int) -> pl.DataFrame:
        """The accounts of one cluster with their figures."""
        self.cluster(cluster_id)
        return self.accounts().filter(pl.col("cluster_id") == cluster_id)

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
        except UnicodeDecodeError:
            raise InputError(str(target), "is not UTF-8 text: is this a graphmon report folder?") from None
        except OSError as exc:
            raise InputError(str(target), f"cannot be read: {exc.strerror or exc}") from None
        _check_document(document, str(target))
        return cls(path=folder, document=document)

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.document["params"])

    def clusters(self, *, min_size: int = 2, anonymous: bool = False) -> list[dict[str, Any]]:
        """Clusters in rank order, at least ``min_size`` accounts; with ``anonymous`` only those
        whose anonymity score is at least 0.6 over at least half of their members (see
        `is_anonymous`)."""
        found = [c for c in self.document["clusters"] if c["size"] >= min_size]
        if anonymous:
            found = [c for c in found if is_anonymous(c)]
        return found

    def cluster(self, cluster_id: int) -> dict[str, Any]:
        """One cluster's record; raises ``KeyError`` for an unknown id."""
        for record in self.document["clusters"]:
            if record["cluster_id"] == cluster_id:
                return dict(record)
        raise KeyError(cluster_id)

    def accounts(self) -> pl.DataFrame:
        """``accounts.csv`` as a table."""
        return self._table("accounts.csv", {"account_id": pl.String, "cluster_id": pl.Int64})

    def edges(self) -> pl.DataFrame:
        """``edges.csv`` as a table."""
        return self._table("edges.csv", {"account_a": pl.String, "account_b": pl.String})

    def evidence(self, account_a: str | None = None, account_b: str | None = None) -> pl.DataFrame:
        """``evidence.csv``: every co-share behind the reported edges, or behind one edge."""
        table = self._table("evidence.csv", {
            "account_a": pl.String, "account_b": pl.String, "object_id": pl.String,
            "content_id_a": pl.String, "content_id_b": pl.String})
        if account_a is not None and account_b is not None:
            low, high = sorted((account_a, account_b))
            table = table.filter((pl.col("account_a") == low) & (pl.col("account_b") == high))
        return table

    def _table(self, name: str, types: dict[str, Any]) -> pl.DataFrame:
        """One CSV file of the report; `InputError` when it is missing or damaged."""
        path = self.path / name
        try:
            table = pl.read_csv(path, infer_schema_length=10_000, schema_overrides=types)
        except FileNotFoundError:
            raise InputError(str(path), "is missing from the report folder; rerun graphmon analyze") from None
        except (OSError, pl.exceptions.PolarsError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise InputError(str(path), f"cannot be read as the report's table ({first}); rerun graphmon analyze") from None
        missing = [column for column in types if column not in table.columns]
        if missing:
            raise InputError(str(path), f"lacks the column {missing[0]}; rerun graphmon analyze", row=1, column=missing[0])
        return table

    def members(self, cluster_id: int) -> pl.DataFrame:
        """The accounts of one cluster with their figures."""
        self.cluster(cluster_id)
        return self.accounts().filter(pl.col("cluster_id") == cluster_id)


SCHEMA_VERSION = "1"
RECORD_TYPES: dict[str, tuple[type, ...]] = {"cluster_id": (int,), "size": (int,), "accounts": (list,),
                                             "anonymity_score": (int, float, type(None))}


def _check_document(document: Any, path: str) -> None:
    """The checks a query needs (the full schema is checked when a report is written): the
    version, and the fields each cluster record is queried by."""
    if not isinstance(document, dict) or not isinstance(document.get("clusters"), list):
        raise InputError(path, "not a graphmon clusters document (no 'clusters' list)")
    if document.get("schema_version") != SCHEMA_VERSION:
        raise InputError(path, f"has schema version {document.get('schema_version')!r}; this graphmon reads "
                               f"version {SCHEMA_VERSION!r}: query it with the graphmon that wrote it, or rerun the analysis")
    for number, record in enumerate(document["clusters"]):
        if not isinstance(record, dict):
            raise InputError(path, f"cluster record {number} is not an object")
        for key, types in RECORD_TYPES.items():
            if key not in record:
                raise InputError(path, f"cluster record {number} has no {key!r}")
            value = record[key]
            if isinstance(value, bool) or not isinstance(value, types):
                raise InputError(path, f"cluster record {number}: {key!r} is {value!r:.60}, not a valid value")


def is_anonymous(record: dict[str, Any]) -> bool:
    """A cluster record's ``kind`` is ``anonymous network`` (anonymity at least 0.6 over at least
    half of its members, `graphmon.detect.ranking`); a record without a kind is taken at its score."""
    if "kind" in record:
        return bool(record["kind"] == "anonymous network")
    return (record["anonymity_score"] or 0.0) >= ANONYMOUS_THRESHOLD

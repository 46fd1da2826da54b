"""The Neo4j store (SPEC §4): schema, bulk loads, streaming events out, runs, named queries.

Every value travels as a parameter; every write is an idempotent ``MERGE`` on a constrained key
inside a managed transaction (``execute_write``, retried on transient failures and lost
connections), so loading twice changes nothing and a load cut short completes when run again.
Reads run with read routing. Driver failures become `StoreError` / `QueryError` naming the URI.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from typing import TYPE_CHECKING, Any, LiteralString, Self

import polars as pl
from neo4j import READ_ACCESS, Driver, GraphDatabase, ManagedTransaction, RoutingControl
from neo4j.exceptions import ConfigurationError, DriverError, Neo4jError
from neo4j.graph import Node, Relationship

from graphmon import __version__
from graphmon.errors import ConfigError, GraphmonError
from graphmon.events import ACCOUNT_SCHEMA, EVENT_SCHEMA
from graphmon.store import rows
from graphmon.store.config import DEFAULT_BATCH_SIZE, StoreConfig
from graphmon.store.failures import translate
from graphmon.store.named import NamedQuery, find_query, load_queries
from graphmon.store.statements import statement, statements

if TYPE_CHECKING:
    from graphmon.analysis import Analysis

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]
"""``progress(phase, rows_done, rows_total)``, called after each batch."""
DELETE_BATCH = 10_000
STREAM_CHUNK_ROWS = 200_000


@dataclass(frozen=True)
class EventFilter:
    """Which events `Neo4jStore.stream_events` returns: ``since <= timestamp < until`` (unix
    seconds), the post's ``platform``, ``object_types``; None or empty means any."""

    since: float | None = None
    until: float | None = None
    platform: str | None = None
    object_types: tuple[str, ...] = ()

    def parameters(self) -> dict[str, Any]:
        """The query parameters of this filter."""
        return {"since": self.since, "until": self.until, "platform": self.platform,
                "object_types": list(self.object_types) or None}


@dataclass(frozen=True)
class LoadCounts:
    """What a load created (from the server's counters) and how much it sent."""

    accounts_created: int = 0
    objects_created: int = 0
    posts_created: int = 0
    relationships_created: int = 0
    labels_added: int = 0
    properties_set: int = 0
    rows_sent: int = 0
    batches: int = 0

    def __add__(self, other: LoadCounts) -> LoadCounts:
        return LoadCounts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    @property
    def created_anything(self) -> bool:
        """Whether any node or relationship was created."""
        return bool(self.accounts_created or self.objects_created or self.posts_created or self.relationships_created)


@dataclass(frozen=True)
class _Written:
    """The server's counters of some write transactions."""

    nodes: int = 0
    relationships: int = 0
    labels: int = 0
    properties: int = 0
    rows: int = 0
    batches: int = 0

    def __add__(self, other: _Written) -> _Written:
        return _Written(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


@dataclass(frozen=True)
class RunCounts:
    """What `Neo4jStore.write_run` wrote for one run."""

    run_id: str
    clusters: int
    members: int
    edges: int
    accounts_scored: int


@dataclass(frozen=True)
class StoredRun:
    """A run as `Neo4jStore.read_run` reads it: the Run's properties; each cluster's stored record
    (``{"cluster_id", "record"}``), member (``{"account_id", "cluster_id", "figures",
    "profile"}``) and edge (``{"account_a", "account_b", "figures"}``); and every stored share of
    the members, as the canonical events table."""

    run_id: str
    properties: dict[str, Any]
    clusters: list[dict[str, Any]]
    members: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    shares: pl.DataFrame


@dataclass(frozen=True)
class QueryResult:
    """The rows of a named query, as plain Python values, with their column order."""

    name: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]


class Neo4jStore:
    """graphmon's graph in one Neo4j database.

    >>> from graphmon.store import Neo4jStore, StoreConfig           # doctest: +SKIP
    >>> with Neo4jStore.connect(StoreConfig.resolve()) as store:      # doctest: +SKIP
    ...     store.ensure_schema()
    ...     counts = store.load_events(read_events(["shares.csv"]).events)
    """

    def __init__(self, config: StoreConfig, *, batch_size: int = DEFAULT_BATCH_SIZE,
                 max_retry_time_s: float = 30.0, connection_timeout_s: float = 15.0,
                 queries: Mapping[str, NamedQuery] | None = None) -> None:
        if batch_size < 1:
            raise ConfigError(f"batch_size must be >= 1, got {batch_size}")
        self.config = config
        self.batch_size = batch_size
        self._queries = dict(queries) if queries is not None else None
        try:
            self._driver: Driver = GraphDatabase.driver(
                config.uri, auth=config.auth, max_transaction_retry_time=max_retry_time_s,
                connection_timeout=connection_timeout_s, user_agent=f"graphmon/{__version__}",
                notifications_min_severity="OFF")
        except (ConfigurationError, ValueError, DriverError) as exc:
            raise translate(exc, config, "opening the driver") from None

    @classmethod
    def connect(cls, config: StoreConfig, *, batch_size: int = DEFAULT_BATCH_SIZE, max_retry_time_s: float = 30.0,
                connection_timeout_s: float = 15.0, queries: Mapping[str, NamedQuery] | None = None) -> Neo4jStore:
        """A store whose server, credentials and database have been checked (see the constructor
        for the options: rows per write transaction, how long the driver retries a transaction
        after transient failures or a lost connection, the connection timeout, the named queries)."""
        store = cls(config, batch_size=batch_size, max_retry_time_s=max_retry_time_s,
                    connection_timeout_s=connection_timeout_s, queries=queries)
        try:
            store.check()
        except GraphmonError:
            store.close()
            raise
        return store

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the driver's connections."""
        self._driver.close()

    @property
    def queries(self) -> dict[str, NamedQuery]:
        """The named queries this store runs (the shipped ones unless given)."""
        if self._queries is None:
            self._queries = load_queries()
        return self._queries

    def check(self) -> None:
        """Reach the server, log in and open the database, or raise `StoreError` saying which failed."""
        with self._failures("connecting"):
            self._driver.verify_connectivity()  # once, without the retries of managed transactions
            with self._driver.session(database=self.config.database, default_access_mode=READ_ACCESS) as session:
                session.run("RETURN 1").consume()

    def ensure_schema(self) -> None:
        """Create graphmon's constraints and indexes where missing and wait until they are online."""
        with self._failures("creating constraints and indexes"):
            for text in statements("schema"):
                self._driver.execute_query(_query(text), database_=self.config.database)
            self._driver.execute_query("CALL db.awaitIndexes(300)", database_=self.config.database)

    # --- loading -------------------------------------------------------------------------

    def load_events(self, events: pl.DataFrame, *, progress: Progress | None = None) -> LoadCounts:
        """Write share events (the canonical table) as accounts, objects, posts and shares.

        Three passes of batched ``MERGE``: distinct accounts, distinct objects (with their type
        label), then one row per event creating the post, ``POSTED`` and ``SHARES``. Idempotent,
        and resumable: a batch is one transaction, so rerunning after a failure completes the load.
        """
        _check_columns(events, EVENT_SCHEMA, "events")
        accounts = self._write_columns("accounts", "load_event_accounts", rows.event_accounts(events), progress)
        objects = self._write_columns("objects", "load_objects", rows.event_objects(events), progress)
        shares = self._write_columns("shares", "load_shares", rows.event_shares(events), progress)
        total = accounts + objects + shares
        return LoadCounts(accounts_created=accounts.nodes, objects_created=objects.nodes, posts_created=shares.nodes,
                          relationships_created=total.relationships, labels_added=total.labels,
                          properties_set=total.properties, rows_sent=total.rows, batches=total.batches)

    def load_accounts(self, accounts: pl.DataFrame, *, progress: Progress | None = None) -> LoadCounts:
        """Write account profiles (SPEC §2) onto ``:Account`` nodes, creating missing accounts."""
        _check_columns(accounts, {"account_id": pl.String()}, "accounts")
        profiles = rows.profile_rows(accounts)
        total = _Written()
        for start in range(0, len(profiles), self.batch_size):
            batch = profiles[start:start + self.batch_size]
            total += self._write("writing account profiles", "load_profiles", {"rows": batch}, rows=len(batch))
            if progress:
                progress("profiles", min(start + self.batch_size, len(profiles)), len(profiles))
        return LoadCounts(accounts_created=total.nodes, labels_added=total.labels, properties_set=total.properties,
                          rows_sent=total.rows, batches=total.batches)

    def _write_columns(self, phase: str, name: str, frame: pl.DataFrame, progress: Progress | None) -> _Written:
        total = _Written()
        done = 0
        for batch in rows.column_batches(frame, self.batch_size):
            size = len(next(iter(batch.values())))
            total += self._write(f"loading {phase} (rows {done + 1:,}-{done + size:,} of {frame.height:,})", name,
                                 batch, rows=size)
            done += size
            if progress:
                progress(phase, done, frame.height)
        return total

    def _write(self, action: str, name: str, parameters: dict[str, Any], *, rows: int) -> _Written:
        """One managed write transaction (retried by the driver on transient failures)."""
        with self._failures(action, resumable=True), self._session() as session:
            summary = session.execute_write(_consume, statement(name), parameters)
        counters = summary.counters
        return _Written(nodes=counters.nodes_created, relationships=counters.relationships_created,
                        labels=counters.labels_added, properties=counters.properties_set, rows=rows, batches=1)

    # --- reading -------------------------------------------------------------------------

    def stream_events(self, filters: EventFilter = EventFilter(), *,
                      chunk_rows: int = STREAM_CHUNK_ROWS) -> pl.DataFrame:
        """The stored share events matching ``filters``, as the canonical events table, in a
        stable order (timestamp, account_id, object_type, object_id, content_id). Rows become
        typed columns every ``chunk_rows`` rows, so memory follows the table, not Python objects."""
        frame = self._read_frame("streaming events", statement("stream_events"), filters.parameters(), EVENT_SCHEMA,
                                 chunk_rows=chunk_rows)
        return frame.sort("timestamp", "account_id", "object_type", "object_id", "content_id")

    def stream_accounts(self) -> pl.DataFrame:
        """The stored account profiles (those written by `load_accounts`) as ACCOUNT_SCHEMA."""
        records = self._read("reading account profiles", statement("stream_accounts"), {})
        return pl.DataFrame(records, schema=ACCOUNT_SCHEMA, orient="row").sort("account_id")

    def counts(self) -> dict[str, int]:
        """Nodes and relationships of each graphmon kind in the database."""
        with self._failures("counting the graph"):
            result = self._driver.execute_query(_query(statement("graph_counts")), database_=self.config.database,
                                                routing_=RoutingControl.READ)
        record = result.records[0]
        return dict(zip(record.keys(), record.values()))

    def _read_frame(self, action: str, text: str, parameters: dict[str, Any], schema: Mapping[str, pl.DataType], *,
                    chunk_rows: int = STREAM_CHUNK_ROWS) -> pl.DataFrame:
        """The rows of a read query that returns one record per account: ``account_id``, and the
        other columns of ``schema`` as lists of that account's rows. They become a DataFrame
        of ``schema``, converted from Python values every ``chunk_rows`` rows."""
        if chunk_rows < 1:
            raise ConfigError(f"chunk_rows must be >= 1, got {chunk_rows}")
        listed = [name for name in schema if name != "account_id"]

        def work(tx: ManagedTransaction) -> pl.DataFrame:
            frames: list[pl.DataFrame] = []
            columns: dict[str, list[Any]] = {name: [] for name in schema}
            for record in tx.run(_query(text), parameters):  # record[name], not record.data(): no copies
                columns["account_id"].extend([record["account_id"]] * len(record[listed[0]]))
                for name in listed:
                    columns[name].extend(record[name])
                if len(columns["account_id"]) >= chunk_rows:
                    frames.append(pl.DataFrame(columns, schema=schema))
                    columns = {name: [] for name in schema}
            frames.append(pl.DataFrame(columns, schema=schema))
            return pl.concat(frames, rechunk=True)

        with self._failures(action), self._session() as session:
            frame: pl.DataFrame = session.execute_read(work)
        return frame

    def _read(self, action: str, text: str, parameters: dict[str, Any]) -> list[list[Any]]:
        def work(tx: ManagedTransaction) -> list[list[Any]]:
            return [record.values() for record in tx.run(_query(text), parameters)]

        with self._failures(action), self._session() as session:
            found: list[list[Any]] = session.execute_read(work)
        return found

    def stored_kinds(self) -> tuple[list[str], list[str]]:
        """The object types and the platforms of the stored events, sorted."""
        object_types, platforms = self._read("listing stored object types and platforms",
                                             statement("stored_kinds"), {})[0]
        return list(object_types), list(platforms)

    def stored_shares(self, shares: pl.DataFrame) -> int:
        """How many of ``shares`` (``account_id, object_type, object_id, timestamp``) the store holds."""
        found = self._read("counting stored shares", statement("stored_shares"),
                           {"shares": shares.select("account_id", "object_type", "object_id", "timestamp").to_dicts()})
        return int(found[0][0])

    # --- analysis runs -------------------------------------------------------------------

    def write_run(self, analysis: Analysis, run_id: str, *, created_at: datetime, source: str = "",
                  filters: EventFilter | None = None) -> RunCounts:
        """Write an analysis as run ``run_id``: ``Run``, ``Cluster``, ``MEMBER_OF``,
        ``COORDINATED_WITH`` (weights and evidence counts) and accounts' anonymity scores.

        A run already stored under this id is deleted first, so writing a run again replaces it.
        The run is marked ``status: 'writing'`` until everything is written, then ``'complete'``;
        a write that failed half-way is repaired by writing the run again.
        """
        if not run_id or not run_id.strip():
            raise ConfigError("run_id must not be empty")
        self.delete_run(run_id)
        properties = rows.properties({
            "created_at": created_at.isoformat(), "graphmon_version": __version__, "method": analysis.params.method,
            "window_s": analysis.params.window_s, "params": analysis.params.to_dict(), "source": source or None,
            "input_events": analysis.input.get("events"), "input_accounts": analysis.input.get("accounts"),
            "input_first": analysis.input.get("first"), "input_last": analysis.input.get("last"),
            "filters": filters.parameters() if filters is not None else None})
        parameters = {"run_id": run_id}
        self._write(f"starting run {run_id}", "run_begin", {**parameters, "properties": properties}, rows=1)
        scored = rows.anonymity_rows(analysis.accounts)
        clusters = rows.cluster_rows(analysis.clusters)
        members = rows.member_rows(analysis.accounts)
        edges = rows.edge_rows(analysis.edges)
        for name, items in (("run_accounts", scored), ("run_clusters", clusters), ("run_members", members),
                            ("run_edges", edges)):
            for start in range(0, len(items), self.batch_size):
                batch = items[start:start + self.batch_size]
                self._write(f"writing run {run_id} ({name.removeprefix('run_')})", name,
                            {**parameters, "rows": batch}, rows=len(batch))
        self._write(f"finishing run {run_id}", "run_finish",
                    {**parameters, "clusters": len(clusters), "edges": len(edges), "members": len(members)}, rows=1)
        return RunCounts(run_id=run_id, clusters=len(clusters), members=len(members), edges=len(edges),
                         accounts_scored=len(scored))

    def delete_run(self, run_id: str) -> None:
        """Delete run ``run_id`` (its Run, clusters, memberships and edges), in batches."""
        for name in ("run_delete_edges", "run_delete_clusters"):
            while True:
                with self._failures(f"deleting run {run_id}", resumable=True), self._session() as session:
                    deleted = session.execute_write(_single, statement(name), {"run_id": run_id,
                                                                               "limit": DELETE_BATCH})
                if not deleted:
                    break
        self._write(f"deleting run {run_id}", "run_delete", {"run_id": run_id}, rows=1)

    def complete_run(self, run_id: str) -> dict[str, Any]:
        """Run ``run_id``'s properties; ``ConfigError`` when there is no such run, or when its
        writing was cut short (what it holds would be partial)."""
        found = self._read(f"reading run {run_id}", statement("read_run"), {"run_id": run_id})
        if not found:
            raise ConfigError(f"no run {run_id!r} in Neo4j at {self.config.uri}; `graphmon query runs` lists the "
                              "stored runs")
        properties = dict(found[0][0])
        if properties.get("status") != "complete":
            raise ConfigError(f"run {run_id!r} in Neo4j at {self.config.uri} is incomplete (status "
                              f"{properties.get('status')!r}): its writing was cut short; write it again with "
                              f"graphmon analyze ... --to-neo4j --run-id {run_id}")
        return properties

    def read_run(self, run_id: str) -> StoredRun:
        """Run ``run_id`` as stored, with the shares of its cluster members (for the evidence);
        raises ``ConfigError`` when there is no such run."""
        parameters = {"run_id": run_id}
        properties = self.complete_run(run_id)
        part = {name: self._read(f"reading run {run_id} ({name})", statement(f"read_run_{name}"), parameters)
                for name in ("clusters", "members", "edges")}
        shares = self._read_frame(f"reading run {run_id} (shares)", statement("read_run_shares"),
                                  {**parameters, **_run_share_filter(properties).parameters()}, EVENT_SCHEMA)
        return StoredRun(
            run_id=run_id, properties=properties,
            clusters=[{"cluster_id": cid, "record": dict(record)} for cid, record in part["clusters"]],
            members=[{"account_id": aid, "cluster_id": cid, "figures": dict(figures), "profile": dict(profile)}
                     for aid, cid, figures, profile in part["members"]],
            edges=[{"account_a": a, "account_b": b, "figures": dict(figures)} for a, b, figures in part["edges"]],
            shares=shares.sort("timestamp", "account_id", "object_type", "object_id", "content_id"))

    # --- named queries -------------------------------------------------------------------

    def run_query(self, query: str | NamedQuery, parameters: Mapping[str, Any] | None = None) -> QueryResult:
        """Run a named query (by name or as loaded) with read routing; ``parameters`` are checked
        against its header (text values are converted to the declared types)."""
        named = query if isinstance(query, NamedQuery) else find_query(query, self.queries)
        bound = named.bind(parameters or {})

        def work(tx: ManagedTransaction) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
            result = tx.run(_query(named.text), bound)
            found = [dict(zip(record.keys(), map(_plain, record.values()))) for record in result]
            return tuple(result.keys()), found

        with self._failures(f"running query {named.name}", query_path=str(named.path)), self._session() as session:
            columns, found = session.execute_read(work)
        return QueryResult(name=named.name, columns=columns, rows=found)

    # --- plumbing ------------------------------------------------------------------------

    @contextmanager
    def _session(self) -> Iterator[Any]:
        with self._driver.session(database=self.config.database) as session:
            yield session

    @contextmanager
    def _failures(self, action: str, *, query_path: str | None = None, resumable: bool = False) -> Iterator[None]:
        try:
            yield
        except GraphmonError:
            raise
        except (Neo4jError, DriverError, OSError) as exc:
            log.debug("Neo4j failure while %s", action, exc_info=True)
            raise translate(exc, self.config, action, query_path=query_path, resumable=resumable) from None


def _run_share_filter(properties: Mapping[str, Any]) -> EventFilter:
    """The shares a run was made from: its stored filters (``analyze --from-neo4j``) within its
    input's time span (a millisecond wider each side, as the span is stored as ISO text)."""
    stored = properties.get("filters")
    chosen = json.loads(stored) if isinstance(stored, str) else {}
    first, last = (_unix(properties.get(key)) for key in ("input_first", "input_last"))
    since = max((t for t in (chosen.get("since"), None if first is None else first - 1e-3) if t is not None),
                default=None)
    until = min((t for t in (chosen.get("until"), None if last is None else last + 1e-3) if t is not None),
                default=None)
    return EventFilter(since=since, until=until, platform=chosen.get("platform"),
                       object_types=tuple(chosen.get("object_types") or ()))


def _unix(iso: Any) -> float | None:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() if isinstance(iso, str) and iso else None


def _query(text: str) -> LiteralString:
    """Query text from graphmon's own files (never built from input)."""
    return text


def _consume(tx: ManagedTransaction, text: str, parameters: dict[str, Any]) -> Any:
    return tx.run(_query(text), parameters).consume()


def _single(tx: ManagedTransaction, text: str, parameters: dict[str, Any]) -> Any:
    return tx.run(_query(text), parameters).single(strict=True)[0]


def _check_columns(frame: pl.DataFrame, schema: Mapping[str, pl.DataType], what: str) -> None:
    missing = [name for name in schema if name not in frame.columns]
    if missing:
        raise ConfigError(f"the {what} table lacks column {', '.join(missing)}; pass the table read_events/"
                          "read_accounts returns")


def _plain(value: Any) -> Any:
    """Query values as plain Python: nodes and relationships as property maps, times as ISO text."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, (Node, Relationship)):
        return {key: _plain(value[key]) for key in value}
    return value

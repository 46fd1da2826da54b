"""Neo4j options shared by ``ingest``, ``query`` and ``analyze --from-neo4j/--to-neo4j``, and the
steps ``analyze`` takes with them."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import click
import polars as pl

from graphmon.cli.options import parse_list
from graphmon.errors import ConfigError, StoreError
from graphmon.ingest import ReadResult, read_profiles
from graphmon.ingest.checks import plural
from graphmon.store import StoreConfig
from graphmon.store.config import ENV_DATABASE, ENV_PASSWORD, ENV_URI, ENV_USER

if TYPE_CHECKING:
    from graphmon.analysis import Analysis
    from graphmon.store.neo4j import EventFilter


def neo4j_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--neo4j-uri/--neo4j-user/--neo4j-password/--neo4j-database``; each falls back to its
    GRAPHMON_NEO4J_* environment variable, then to the local server's defaults."""
    decorators = [
        click.option("--neo4j-uri", metavar="URI", help=f"Neo4j to use [env {ENV_URI}; default bolt://127.0.0.1:7687]."),
        click.option("--neo4j-user", metavar="USER", help=f"Neo4j user [env {ENV_USER}; default neo4j]."),
        click.option("--neo4j-password", metavar="PASSWORD",
                     help=f"Neo4j password [env {ENV_PASSWORD}, which keeps it out of the process list; "
                          "default: no authentication]."),
        click.option("--neo4j-database", metavar="NAME", help=f"Neo4j database [env {ENV_DATABASE}; default neo4j]."),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def store_config(neo4j_uri: str | None, neo4j_user: str | None, neo4j_password: str | None,
                 neo4j_database: str | None) -> StoreConfig:
    """The connection from the flags, then the environment (read in `StoreConfig.resolve` only).

    The driver's own log lines (retries, defunct connections) are shown with ``graphmon -v`` only:
    without it a failure is the one line that names the URI and the fix.
    """
    if not logging.getLogger().isEnabledFor(logging.INFO):
        logging.getLogger("neo4j").setLevel(logging.CRITICAL)
    return StoreConfig.resolve(uri=neo4j_uri, user=neo4j_user, password=neo4j_password, database=neo4j_database)


def analysis_store_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``analyze``'s ``--from-neo4j`` (with its filters), ``--to-neo4j`` and ``--run-id``."""
    decorators = [
        click.option("--from-neo4j", is_flag=True,
                     help="Analyse the events stored in Neo4j (by graphmon ingest) instead of INPUT files; "
                          "profiles come from the store too unless --accounts is given."),
        click.option("--since", metavar="TIME",
                     help="--from-neo4j: only events at or after TIME (ISO 8601, UTC unless a zone is given, "
                          "or unix seconds)."),
        click.option("--until", metavar="TIME", help="--from-neo4j: only events before TIME."),
        click.option("--platform", metavar="PLATFORM", help="--from-neo4j: only events of this platform (e.g. tw)."),
        click.option("--object-type", "object_types", multiple=True, metavar="TYPE",
                     help="--from-neo4j: only objects of this type (repeat it, or TYPE,TYPE)."),
        click.option("--to-neo4j", is_flag=True,
                     help="Also write the run to Neo4j (Run, Cluster, MEMBER_OF, COORDINATED_WITH) under --run-id; "
                          "a stored run of the same id is replaced."),
        click.option("--run-id", metavar="ID",
                     help="--to-neo4j: the run's id [default: run-YYYYMMDDTHHMMSSZ, the time of the run]."),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def check_analysis_sources(inputs: tuple[str, ...], *, from_neo4j: bool, to_neo4j: bool, since: str | None,
                           until: str | None, platform: str | None, object_types: tuple[str, ...],
                           run_id: str | None) -> None:
    """Reject combinations of input options that cannot mean anything."""
    if from_neo4j and inputs:
        raise ConfigError("give INPUT files or --from-neo4j, not both")
    if not from_neo4j and (since or until or platform or object_types):
        raise ConfigError("--since, --until, --platform and --object-type filter the events of --from-neo4j; "
                          "add --from-neo4j")
    if run_id is not None and not to_neo4j:
        raise ConfigError("--run-id names the run written by --to-neo4j; add --to-neo4j")
    if run_id is not None and not run_id.strip():
        raise ConfigError("--run-id must not be empty")
    if run_id is not None and (len(run_id) > 1_000 or not run_id.isprintable()):
        raise ConfigError("--run-id must be one line of printable text of at most 1,000 characters "
                          f"(got {len(run_id):,} characters)")


SHARES_CHECKED = 1000  # co-shares of a run written to Neo4j looked up in the store, for the missing-shares warning
STORED_ONCE = ("Neo4j stores each share once: exact duplicate rows of the ingested files, which CooRTweet "
               "counts, are counted once here (analyse the files themselves to count them)")


def stream_from_store(config: StoreConfig, *, accounts_path: str | None, since: str | None, until: str | None,
                      platform: str | None, object_types: tuple[str, ...], counts_duplicates: bool = False) -> ReadResult:
    """The stored events matching the filters (and the stored profiles of their accounts, unless
    ``accounts_path`` names a table to use instead), shaped as `read_events` returns files.

    The store holds each share once, so exact duplicate input rows are gone: with
    ``counts_duplicates`` (a method that would count them, as CooRTweet does) the result says so."""
    from graphmon.store.neo4j import Neo4jStore

    filters = event_filter(since=since, until=until, platform=platform, object_types=object_types)
    with Neo4jStore.connect(config) as store:
        events = store.stream_events(filters)
        if not events.height:
            kinds, platforms = store.stored_kinds()
            held = (f"it holds object types {', '.join(kinds) or '(none)'} and platforms "
                    f"{', '.join(platforms) or '(none recorded)'}")
            raise ConfigError(f"no events in Neo4j at {config.uri} match the filters ({held}); load some with "
                              "graphmon ingest, or widen --since/--until/--platform/--object-type")
        profiles, profile_notes = read_profiles(accounts_path) if accounts_path else (store.stream_accounts(), ())
    profiles = profiles.join(events.select("account_id").unique(), on="account_id", how="semi")
    notes = (*profile_notes, *((STORED_ONCE,) if counts_duplicates else ()))
    return ReadResult(events=events, accounts=profiles, rows_read=events.height, duplicates_dropped=0, notes=notes)


def event_filter(*, since: str | None, until: str | None, platform: str | None,
                 object_types: tuple[str, ...]) -> EventFilter:
    """The ``--since/--until/--platform/--object-type`` options as a store filter."""
    from graphmon.store.neo4j import EventFilter

    return EventFilter(since=parse_time(since, "--since"), until=parse_time(until, "--until"),
                       platform=platform or None,
                       object_types=tuple(kind for value in object_types for kind in parse_list(value)))


def write_run_to_store(config: StoreConfig, result: Analysis, *, run_id: str | None, created_at: datetime,
                       source: str, filters: EventFilter | None = None) -> str:
    """Write the analysis as a run (with the filters its events were streamed out with, if any);
    returns the line telling what was written."""
    from graphmon.store.neo4j import Neo4jStore

    chosen = run_id.strip() if run_id else f"run-{created_at:%Y%m%dT%H%M%SZ}"
    with Neo4jStore.connect(config) as store:
        store.ensure_schema()
        try:
            written = store.write_run(result, chosen, created_at=created_at, source=source, filters=filters)
        except StoreError as exc:
            raise StoreError(f"{exc} (run {chosen} is stored incomplete, status 'writing'; add --run-id {chosen} "
                             "to replace it)") from None
        # a sample of the run's co-shares (both sides of its first evidence rows)
        sample = pl.concat([result.evidence.head(SHARES_CHECKED // 2).select(
            pl.col(f"account_{side}").alias("account_id"), "object_type", "object_id",
            pl.col(f"timestamp_{side}").alias("timestamp")) for side in ("a", "b")]).unique(maintain_order=True)
        stored = store.stored_shares(sample) if sample.height else 0
    if stored < sample.height:
        held = "none" if stored == 0 else f"only {stored:,} of {sample.height:,} checked"
        click.echo(f"graphmon: warning: the store holds {held} of the shares behind this run's edges, so the queries "
                   "edge_evidence and cluster_objects miss its evidence; load its input with graphmon ingest", err=True)
    return (f"run {chosen} written to {config.uri}: {plural(written.clusters, 'cluster')}, "
            f"{plural(written.members, 'membership')}, {plural(written.edges, 'coordination edge')}")


def check_store(config: StoreConfig) -> None:
    """Fail early, before a long analysis, when the store cannot be reached."""
    from graphmon.store.neo4j import Neo4jStore

    Neo4jStore.connect(config).close()


def parse_time(value: str | None, option: str) -> float | None:
    """``--since/--until``: unix seconds, or ISO 8601 (a date or a time; UTC unless it names a zone).

    >>> parse_time("2021-06-16T21:24:51Z", "--since")
    1623878691.0
    >>> parse_time("2021-06-16", "--until")
    1623801600.0
    >>> parse_time("1623878691.5", "--since")
    1623878691.5
    >>> parse_time("20210616", "--until")
    1623801600.0
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    # plain decimal numbers are unix seconds, but eight digits are a basic ISO date (20210616)
    if re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)", text) and not re.fullmatch(r"\d{8}", text):
        return float(text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{option} {value!r} is not a time: give ISO 8601 (2021-06-16 or 2021-06-16T21:24:51Z) "
                          "or unix seconds") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)  # a time without a zone is UTC
    return moment.timestamp()

"""``graphmon ingest``: read share events (and profiles) and build the graph in Neo4j, or write
the files of an offline bulk import (``--import-files``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
import polars as pl
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from graphmon.cli.options import check_out_dir, input_options, parse_list, parse_mapping
from graphmon.cli.store_options import neo4j_options, store_config
from graphmon.errors import ConfigError
from graphmon.ingest import ReadResult, read_events, read_profiles
from graphmon.store import StoreConfig
from graphmon.store.bulk import IMPORT_FILES, ImportFiles, write_import_files
from graphmon.store.rows import check_index_keys
from graphmon.store.config import DEFAULT_BATCH_SIZE

if TYPE_CHECKING:
    from graphmon.store import LoadCounts, Neo4jStore


@click.command()
@input_options
@click.option("--batch-size", type=click.IntRange(min=1, max=10_000_000), default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Rows per write transaction.")
@click.option("--import-files", "import_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Write the files of an offline bulk import (neo4j-admin database import full) into DIR "
                   "instead of loading through Neo4j; needs no server.")
@click.option("--schema-only", is_flag=True,
              help="Only create graphmon's constraints and indexes (after a bulk import); no INPUT.")
@neo4j_options
def ingest(inputs: tuple[str, ...], accounts_path: str | None, mapping: tuple[str, ...], objects: str | None,
           input_format: str, batch_size: int, import_dir: str | None, schema_only: bool, neo4j_uri: str | None,
           neo4j_user: str | None, neo4j_password: str | None, neo4j_database: str | None) -> None:
    """Load share events from INPUT files (and profiles from --accounts) into Neo4j.

    Reads INPUT as `graphmon analyze` does, creates graphmon's constraints and indexes, then
    writes accounts, objects, posts and shares in batches. Loading the same files again changes
    nothing; after an interruption, run the same command again to complete the load.

    For the first load of a big collection into an empty database, --import-files DIR writes the
    same graph as files for Neo4j's offline importer (scripts/neo4j-local import DIR, or DIR/import.sh
    for your own server), then run graphmon ingest --schema-only.
    """
    if schema_only:
        if inputs or accounts_path or import_dir:
            raise ConfigError("--schema-only creates constraints and indexes only: give no INPUT, --accounts "
                              "or --import-files")
        config = store_config(neo4j_uri, neo4j_user, neo4j_password, neo4j_database)
        with _connect(config) as store:
            store.ensure_schema()
        click.echo(f"constraints and indexes online in {config.uri}")
        return
    if not inputs:
        raise ConfigError("no INPUT given: name one or more event files (CSV, CSV.gz, Parquet, JSON Lines)")
    if import_dir is not None:
        check_out_dir(import_dir, report_files=IMPORT_FILES, inputs=(*inputs, accounts_path), option="--import-files")
        read = _read(inputs, mapping, objects, input_format)
        profiles = _profiles(read, accounts_path)
        check_index_keys(read.events, profiles)
        written = write_import_files(read.events, import_dir, profiles=profiles)
        click.echo(_import_summary(written, read.events.height))
        return
    config = store_config(neo4j_uri, neo4j_user, neo4j_password, neo4j_database)
    with _connect(config, batch_size=batch_size) as store:  # fail fast, before reading
        read = _read(inputs, mapping, objects, input_format)
        profiles = _profiles(read, accounts_path)
        check_index_keys(read.events, profiles)
        store.ensure_schema()
        counts = _load(store, read, profiles)
    click.echo(_summary(counts, read.events.height, sum(table.height for table in profiles), config))


def _connect(config: StoreConfig, *, batch_size: int = DEFAULT_BATCH_SIZE) -> Neo4jStore:
    """The store, importing the driver only now: ``--import-files`` needs no server."""
    from graphmon.store import Neo4jStore

    return Neo4jStore.connect(config, batch_size=batch_size)


def _read(inputs: tuple[str, ...], mapping: tuple[str, ...], objects: str | None, input_format: str) -> ReadResult:
    # Posts are keyed by (account_id, content_id): without a content_id column, a key made of the
    # moment of the share keeps a later load of the same events, however split into files, from
    # duplicating them, and keeps the objects of one post (a wide table's row) together.
    read = read_events(inputs, mapping=parse_mapping(mapping), objects=parse_list(objects),
                       input_format=input_format, missing_content_ids="moment")  # type: ignore[arg-type]
    for note in read.notes:
        click.echo(f"note: {note}", err=True)
    return read


def _profiles(read: ReadResult, accounts_path: str | None) -> list[pl.DataFrame]:
    """The profiles the input carried, then those of --accounts (applied in this order)."""
    given = None
    if accounts_path:
        given, notes = read_profiles(accounts_path)
        for note in notes:
            click.echo(f"note: {note}", err=True)
    return [table for table in (read.accounts, given) if table is not None and table.height]


def _load(store: Neo4jStore, read: ReadResult, profiles: list[pl.DataFrame]) -> LoadCounts:
    console = Console(stderr=True)
    with Progress(TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as progress:
        tasks: dict[str, TaskID] = {}

        def advance(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = progress.add_task(phase, total=total)
            progress.update(tasks[phase], completed=done)

        counts = store.load_events(read.events, progress=advance)
        for table in profiles:
            counts += store.load_accounts(table, progress=advance)
    return counts


def _summary(counts: LoadCounts, events: int, profiles: int, config: StoreConfig) -> str:
    created = (f"created {counts.accounts_created:,} accounts, {counts.posts_created:,} posts, "
               f"{counts.objects_created:,} objects and {counts.relationships_created:,} relationships")
    if not counts.created_anything:
        created = "created nothing new (already loaded)"
    extra = f" and {profiles:,} profiles" if profiles else ""
    return f"{events:,} events{extra} loaded into {config.uri}: {created}"


def _import_summary(written: ImportFiles, events: int) -> str:
    profiles = f", {written.profiles:,} with profiles" if written.profiles else ""
    return "\n".join([
        (f"{events:,} events written as import files to {written.directory}: {written.accounts:,} accounts"
         f"{profiles}, {written.posts:,} posts, {written.objects:,} objects and {written.relationships:,} "
         "relationships"),
        f"local server: scripts/neo4j-local import {written.directory}",
        "your own Neo4j 5 (server stopped, database empty; also in import.sh):",
        f"  {written.command()}",
        "  then start it and run: graphmon ingest --schema-only",
    ])

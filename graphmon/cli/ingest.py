"""``graphmon ingest``: read share events (and profiles) and build the graph in Neo4j."""

from __future__ import annotations

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from graphmon.cli.options import input_options, parse_list, parse_mapping
from graphmon.cli.store_options import neo4j_options, store_config
from graphmon.errors import ConfigError
from graphmon.ingest import read_accounts, read_events
from graphmon.store import LoadCounts, Neo4jStore
from graphmon.store.neo4j import DEFAULT_BATCH_SIZE


@click.command()
@input_options
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Rows per write transaction.")
@neo4j_options
def ingest(inputs: tuple[str, ...], accounts_path: str | None, mapping: tuple[str, ...], objects: str | None,
           input_format: str, batch_size: int, neo4j_uri: str | None, neo4j_user: str | None,
           neo4j_password: str | None, neo4j_database: str | None) -> None:
    """Load share events from INPUT files (and profiles from --accounts) into Neo4j.

    Reads INPUT as `graphmon analyze` does, creates graphmon's constraints and indexes, then
    writes accounts, objects, posts and shares in batches. Loading the same files again changes
    nothing; after an interruption, run the same command again to complete the load.
    """
    if not inputs:
        raise ConfigError("no INPUT given: name one or more event files (CSV, CSV.gz, Parquet, JSON Lines)")
    config = store_config(neo4j_uri, neo4j_user, neo4j_password, neo4j_database)
    with Neo4jStore.connect(config, batch_size=batch_size) as store:  # fail fast, before reading
        read = read_events(inputs, mapping=parse_mapping(mapping), objects=parse_list(objects),
                           input_format=input_format)  # type: ignore[arg-type]
        profiles = [table for table in (read.accounts, read_accounts(accounts_path) if accounts_path else None)
                    if table is not None and table.height]
        for note in read.notes:
            click.echo(f"note: {note}", err=True)
        store.ensure_schema()
        with Progress(TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=True) as progress:
            tasks: dict[str, TaskID] = {}

            def advance(phase: str, done: int, total: int) -> None:
                if phase not in tasks:
                    tasks[phase] = progress.add_task(phase, total=total)
                progress.update(tasks[phase], completed=done)

            counts = store.load_events(read.events, progress=advance)
            for table in profiles:
                counts += store.load_accounts(table, progress=advance)
    click.echo(_summary(counts, read.events.height, sum(table.height for table in profiles), config.uri))


def _summary(counts: LoadCounts, events: int, profiles: int, uri: str) -> str:
    created = (f"created {counts.accounts_created:,} accounts, {counts.posts_created:,} posts, "
               f"{counts.objects_created:,} objects and {counts.relationships_created:,} relationships")
    if not counts.created_anything:
        created = "created nothing new (already loaded)"
    extra = f" and {profiles:,} profiles" if profiles else ""
    return f"{events:,} events{extra} loaded into {uri}: {created}"

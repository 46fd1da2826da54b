"""``graphmon analyze``: read events, detect coordinated clusters, write the report."""

from __future__ import annotations

import dataclasses
import logging
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import cast

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from graphmon import __version__
from graphmon.analysis import analyze as run_analysis
from graphmon.cli.options import check_out_dir, input_options, parse_list, parse_mapping
from graphmon.cli.store_options import (
    analysis_store_options,
    check_analysis_sources,
    check_store,
    event_filter,
    neo4j_options,
    store_config,
    stream_from_store,
    write_run_to_store,
)
from graphmon.cli.tables import cluster_table
from graphmon.errors import ConfigError
from graphmon.ingest import read_events, read_profiles
from graphmon.ingest.checks import plural
from graphmon.params import METHODS, Method, Params
from graphmon.report.write import REPORT_FILES, build_report, write_report
from graphmon.viz.html import write_html_report

log = logging.getLogger(__name__)
STEPS = ("reading input", "detecting coordination", "writing report")


@click.command()
@input_options
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Report folder.")
@click.option("--window", "window_s", type=float, default=Params.window_s, show_default=True,
              help="Seconds within which two shares of one object are a co-share.")
@click.option("--min-participation", type=int, default=Params.min_participation, show_default=True,
              help="Distinct co-shared objects an edge needs (coortweet: CooRTweet's min_participation).")
@click.option("--edge-weight", type=float, default=Params.edge_weight, show_default=True,
              help="coortweet method: weight quantile an edge must exceed.")
@click.option("--method", type=click.Choice(METHODS), default=Params.method, show_default=True)
@click.option("--fdr", type=float, default=Params.fdr, show_default=True,
              help="default method: false-discovery rate of the edge test.")
@click.option("--min-consistency", type=float, default=Params.min_consistency, show_default=True,
              help="default method: share of common objects two accounts must co-share within the window.")
@click.option("--min-dominance", type=float, default=Params.min_dominance, show_default=True,
              help="default method: share of the shares around a cluster's co-shares its members made.")
@click.option("--max-object-accounts", type=int, default=Params.max_object_accounts, show_default=True,
              help="default method: objects shared by more accounts are not paired.")
@click.option("--resolution", type=float, default=Params.resolution, show_default=True,
              help="default method: Leiden resolution.")
@click.option("--min-cluster-size", type=int, default=Params.min_cluster_size, show_default=True)
@click.option("--seed", type=int, default=Params.seed, show_default=True)
@analysis_store_options
@neo4j_options
def analyze(inputs: tuple[str, ...], accounts_path: str | None, mapping: tuple[str, ...], objects: str | None,
            input_format: str, out_dir: str, window_s: float, min_participation: int, edge_weight: float,
            method: str, fdr: float, min_consistency: float,
            min_dominance: float, max_object_accounts: int, resolution: float, min_cluster_size: int, seed: int,
            from_neo4j: bool, since: str | None, until: str | None, platform: str | None,
            object_types: tuple[str, ...], to_neo4j: bool, run_id: str | None, neo4j_uri: str | None,
            neo4j_user: str | None, neo4j_password: str | None, neo4j_database: str | None) -> None:
    """Find coordinated account clusters in INPUT files (or, with --from-neo4j, in the events
    stored in Neo4j) and write a report to --out; --to-neo4j also writes the run to Neo4j."""
    check_analysis_sources(inputs, from_neo4j=from_neo4j, to_neo4j=to_neo4j, since=since, until=until,
                           platform=platform, object_types=object_types, run_id=run_id)
    if not inputs and not from_neo4j:
        raise ConfigError("no INPUT given: name one or more event files (CSV, CSV.gz, Parquet, JSON Lines)")
    check_out_dir(out_dir, report_files=REPORT_FILES, inputs=(*inputs, accounts_path))
    config = store_config(neo4j_uri, neo4j_user, neo4j_password, neo4j_database) if from_neo4j or to_neo4j else None
    if config is not None and to_neo4j and not from_neo4j:
        check_store(config)
    run_started = datetime.now(timezone.utc)
    params = Params(window_s=window_s, min_participation=min_participation, edge_weight=edge_weight,
                    method=cast(Method, method), fdr=fdr, min_consistency=min_consistency,
                    min_dominance=min_dominance, max_object_accounts=max_object_accounts, resolution=resolution, min_cluster_size=min_cluster_size,
                    seed=seed)
    console = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=console,
                  transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task(STEPS[0], total=len(STEPS))
        started = time.perf_counter()
        if config is not None and from_neo4j:
            read = stream_from_store(config, accounts_path=accounts_path, since=since, until=until,
                                     platform=platform, object_types=object_types,
                                     counts_duplicates=params.method == "coortweet")
            profiles = read.accounts
        else:
            read = read_events(inputs, mapping=parse_mapping(mapping), objects=parse_list(objects),
                               input_format=input_format, keep_duplicates=params.method == "coortweet")  # type: ignore[arg-type]
            profiles = read.accounts
            if accounts_path:
                profiles, profile_notes = read_profiles(accounts_path)
                read = dataclasses.replace(read, notes=(*read.notes, *profile_notes))
        log.info("reading: %.2f s", time.perf_counter() - started)
        progress.update(task, advance=1, description=STEPS[1])
        result = run_analysis(read.events, accounts=profiles, params=params, notes=read.notes)
        progress.update(task, advance=1, description=STEPS[2])
        started = time.perf_counter()
        document = build_report(result, generated_at=run_started, version=__version__,
                                input_extra={"rows_read": read.rows_read, "duplicates_dropped": read.duplicates_dropped})
        out = write_report(result, document, out_dir,
                           also=[lambda folder: write_html_report(result, document, folder)])
        log.info("writing: %.2f s", time.perf_counter() - started)
        progress.update(task, advance=1)
    Console().print(cluster_table(document["clusters"], limit=10))
    click.echo(f"{plural(len(document['clusters']), 'cluster')} from {plural(result.input['events'], 'event')}; "
               f"report: {Path(out) / 'clusters.json'} (open {Path(out) / 'report.html'} in a browser)")
    if config is not None and to_neo4j:
        filters = (event_filter(since=since, until=until, platform=platform, object_types=object_types)
                   if from_neo4j else None)
        click.echo(write_run_to_store(config, result, run_id=run_id, created_at=run_started, filters=filters,
                                      source="neo4j" if from_neo4j else ", ".join(Path(p).name for p in inputs)))

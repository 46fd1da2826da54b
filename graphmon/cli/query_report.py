"""``graphmon clusters`` and ``graphmon cluster``: query a report folder."""

from __future__ import annotations

import csv
import io
import json

import click
from rich.console import Console
from rich.table import Table

from graphmon.cli.tables import cluster_table, emit_data, objects_table, terminal_text
from graphmon.errors import ConfigError
from graphmon.report import Report

FORMATS = click.Choice(["table", "json", "csv"])
CSV_COLUMNS = ("cluster_id", "size", "coordination_score", "anonymity_score", "rank_score", "edges",
               "total_weight", "kind", "first_share", "last_share", "reason")


@click.command()
@click.argument("report_dir", type=click.Path(file_okay=False))
@click.option("--min-size", type=int, default=2, show_default=True, help="Only clusters at least this large.")
@click.option("--anonymous", is_flag=True, help="Only clusters with anonymity score >= 0.6.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def clusters(report_dir: str, min_size: int, anonymous: bool, fmt: str) -> None:
    """List the clusters of the report in REPORT_DIR, most suspicious first."""
    found = Report.load(report_dir).clusters(min_size=min_size, anonymous=anonymous)
    if fmt == "json":
        emit_data(json.dumps(found, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=[*CSV_COLUMNS, "accounts"], extrasaction="ignore")
        writer.writeheader()
        for record in found:
            writer.writerow({**record, "accounts": ";".join(record["accounts"])})
        emit_data(buffer.getvalue())
    else:
        Console().print(cluster_table(found))
        if not found:
            click.echo("no cluster matches" + (" (--anonymous: anonymity at least 0.6 over at least half of the "
                                               "members)" if anonymous else ""), err=True)


@click.command()
@click.argument("report_dir", type=click.Path(file_okay=False))
@click.argument("cluster_id", type=int)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def cluster(report_dir: str, cluster_id: int, fmt: str) -> None:
    """Show cluster CLUSTER_ID of the report in REPORT_DIR with its members and the objects it
    pushed, with who shared each first."""
    report = Report.load(report_dir)
    try:
        record = report.cluster(cluster_id)
    except KeyError:
        count = len(report.clusters())
        ids = f"ids run 0..{count - 1}" if count else "the report has no clusters"
        raise ConfigError(f"{report_dir}: no cluster {cluster_id} ({ids})") from None
    members = report.members(cluster_id)
    if fmt == "json":
        emit_data(json.dumps({**record, "members": members.to_dicts()}, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        emit_data(members.write_csv())
    else:
        console = Console()
        console.print(terminal_text(f"Cluster {cluster_id}: {record.get('reason', '')}"))
        table = Table()
        columns = [c for c in ("account_id", "screen_name", "anonymity_score", "anonymity_factors", "shares",
                               "degree", "strength") if c in members.columns]
        for name in columns:
            table.add_column(name)
        for row in members.select(columns).iter_rows():
            table.add_row(*(terminal_text(v) for v in row))
        console.print(table)
        console.print(objects_table(record))

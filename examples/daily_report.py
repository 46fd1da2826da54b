"""A daily script: run graphmon on today's collection and list the anonymous clusters.

    python examples/daily_report.py examples/data/german_elections.csv.gz \
        --objects url_id,hashtag_id,domain_id,phash_id --all --out /tmp/today

Prints one CSV line per anonymous cluster of five or more accounts (or every cluster with
--all: this example has no profiles, so no cluster is known to be anonymous), most suspicious first. Exit status: 0 when there is none, 1 when there is at least one
(so a scheduler can alert), 2 with one line on stderr when the input or an option is bad.
"""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import datetime, timezone

import graphmon
from graphmon.errors import GraphmonError
from graphmon.report import build_report, write_report

FOUND, FAILED = 1, 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--out", required=True)
    parser.add_argument("--objects", default="", help="wide tables: the object columns, e.g. url_id,hashtag_id")
    parser.add_argument("--all", action="store_true", help="list every cluster, not only anonymous ones")
    parser.add_argument("--min-size", type=int, default=5)
    args = parser.parse_args()

    try:
        read = graphmon.read_events(args.inputs, objects=[c for c in args.objects.split(",") if c])
        # The reader's notes (rows skipped, duplicates dropped) go into the report, as graphmon analyze does.
        analysis = graphmon.analyze(read.events, accounts=read.accounts, params=graphmon.Params(), notes=read.notes)
        document = build_report(analysis, generated_at=datetime.now(timezone.utc), version=graphmon.__version__,
                                input_extra={"rows_read": read.rows_read, "duplicates_dropped": read.duplicates_dropped})
        write_report(analysis, document, args.out)
    except GraphmonError as exc:
        print(f"daily_report: error: {exc}", file=sys.stderr)
        return FAILED

    report = graphmon.Report.load(args.out)
    found = report.clusters(min_size=args.min_size, anonymous=not args.all)
    writer = csv.writer(sys.stdout)
    writer.writerow(["cluster_id", "size", "coordination_score", "anonymity_score", "reason"])
    for cluster in found:
        writer.writerow([cluster["cluster_id"], cluster["size"], cluster["coordination_score"],
                         cluster["anonymity_score"], cluster["reason"]])
    return FOUND if found else 0


if __name__ == "__main__":
    sys.exit(main())

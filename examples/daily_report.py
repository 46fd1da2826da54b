"""A daily script: run graphmon on today's collection and list the anonymous clusters.

    python examples/daily_report.py examples/data/russian_coord_tweets.csv.gz --out /tmp/today

Prints one CSV line per anonymous cluster of five or more accounts (or every cluster with
--all), most suspicious first, and exits 1 when there is at least one, so a scheduler can alert.
"""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import datetime, timezone

import graphmon
from graphmon.report import build_report, write_report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--out", required=True)
    parser.add_argument("--all", action="store_true", help="list every cluster, not only anonymous ones")
    parser.add_argument("--min-size", type=int, default=5)
    args = parser.parse_args()

    read = graphmon.read_events(args.inputs)
    analysis = graphmon.analyze(read.events, accounts=read.accounts, params=graphmon.Params())
    document = build_report(analysis, generated_at=datetime.now(timezone.utc), version=graphmon.__version__)
    write_report(analysis, document, args.out)

    report = graphmon.Report.load(args.out)
    found = report.clusters(min_size=args.min_size, anonymous=not args.all)
    writer = csv.writer(sys.stdout)
    writer.writerow(["cluster_id", "size", "coordination_score", "anonymity_score", "reason"])
    for cluster in found:
        writer.writerow([cluster["cluster_id"], cluster["size"], cluster["coordination_score"],
                         cluster["anonymity_score"], cluster["reason"]])
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

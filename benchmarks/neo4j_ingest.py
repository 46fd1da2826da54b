"""Neo4j ingestion throughput and the time to stream events back out.

Usage::

    python benchmarks/neo4j_ingest.py [--scales 100k,1m] [--batch-sizes 5000,10000,20000]
        [--rust-python PATH] [--cache /tmp/graphmon-bench-neo4j] [--heap 2g] [--pagecache-mb 1024]
        [--compare-single-pass] [--out benchmarks/neo4j_results.json]
    python benchmarks/neo4j_ingest.py --bulk [--scales 100k,1m] [--repeat 2]
    python benchmarks/neo4j_ingest.py --stream [--scales 100k,1m] [--repeat 2] [--rust-python PATH]

For each scale it generates share events with ``benchmarks/generate.py`` (seed 1, ``low``
stealth; cached), then for each batch size and each driver build:

1. starts a fresh local server (``scripts/neo4j-local start`` on an empty data folder, auth off,
   ``NEO4J_LOCAL_HEAP``/``NEO4J_LOCAL_PAGECACHE_MB`` from ``--heap``/``--pagecache-mb``);
2. in a separate Python process (``sys.executable``: the pure-Python driver; ``--rust-python``: an
   interpreter whose ``neo4j`` has ``neo4j-rust-ext``) creates the schema, then times
   ``Neo4jStore.load_events`` alone: share events per second = events / wall seconds;
3. on the largest batch size, times ``Neo4jStore.stream_events()`` (all events back out as the
   canonical table) with each driver build;
4. stops the server and deletes its data.

``--compare-single-pass`` also times, at the smallest scale and 10,000 rows a batch, the other
batch shape: one ``UNWIND`` per batch of events that merges account, object, post and both
relationships at once (graphmon uses three passes: distinct accounts, distinct objects, then
posts and shares). The 1-minute load average is recorded with every row: other work on the
machine slows Neo4j down a lot (2 cores).

``--stream`` times step 3 alone, on a store filled by the bulk import (not timed), ``--repeat``
times with each driver build.

``--bulk`` times the offline path instead, end to end, on a local server that runs with an empty
database: ``graphmon ingest EVENTS --import-files DIR`` (reading the file and writing the CSV
files), then ``scripts/neo4j-local import DIR`` (check the database is empty, stop the server,
then one JVM imports, starts the server and creates the constraints and indexes, waiting until
they are online). Share events per second = events / (both wall times); the importer's own time
and the schema's are recorded too.

A rust interpreter can be made with::

    python -m venv --system-site-packages /tmp/venv-rust
    /tmp/venv-rust/bin/pip install --no-deps "neo4j==6.4.1" "neo4j-rust-ext==6.4.1.*"
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LAUNCHER = ROOT / "scripts" / "neo4j-local"
SCALES = {"100k": 100_000, "1m": 1_000_000}
SINGLE_PASS = """
UNWIND range(0, size($account_id) - 1) AS i
WITH $account_id[i] AS account_id, $content_id[i] AS content_id, $post_timestamp[i] AS post_timestamp,
     $platform[i] AS platform, $object_type[i] AS object_type, $object_id[i] AS object_id,
     $timestamp[i] AS timestamp, $label[i] AS label
MERGE (a:Account {account_id: account_id}) ON CREATE SET a.platform = platform
MERGE (o:Object {object_type: object_type, object_id: object_id})
FOREACH (_ IN CASE WHEN label = 'Url' THEN [1] ELSE [] END | SET o:Url)
FOREACH (_ IN CASE WHEN label = 'Retweet' THEN [1] ELSE [] END | SET o:Retweet)
FOREACH (_ IN CASE WHEN label = 'Hashtag' THEN [1] ELSE [] END | SET o:Hashtag)
MERGE (p:Post {account_id: account_id, content_id: content_id})
ON CREATE SET p.timestamp = post_timestamp, p.platform = platform
MERGE (a)-[:POSTED]->(p)
MERGE (p)-[:SHARES {timestamp: timestamp}]->(o)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command")
    worker = sub.add_parser("worker", help="(internal) one measurement against a running server")
    worker.add_argument("--uri", required=True)
    worker.add_argument("--events", required=True)
    worker.add_argument("--batch-size", type=int, required=True)
    worker.add_argument("--task", choices=["load", "stream", "single-pass"], required=True)
    parser.add_argument("--scales", default="100k,1m")
    parser.add_argument("--batch-sizes", default="5000,10000,20000")
    parser.add_argument("--rust-python", help="a Python whose neo4j driver has neo4j-rust-ext")
    parser.add_argument("--cache", default="/tmp/graphmon-bench-neo4j")
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache-mb", type=int, default=1024)
    parser.add_argument("--compare-single-pass", action="store_true")
    parser.add_argument("--bulk", action="store_true", help="time the offline bulk import path instead")
    parser.add_argument("--stream", action="store_true",
                        help="time streaming alone, from a bulk-imported store (not timed)")
    parser.add_argument("--repeat", type=int, default=1, help="--bulk, --stream: measurements per scale")
    parser.add_argument("--max-load", type=float, default=1.5,
                        help="--bulk: before each measurement, wait (up to 5 min) until the 1-minute load average "
                             "is below this")
    parser.add_argument("--out", default=str(HERE / "neo4j_results.json"))
    args = parser.parse_args()
    if args.command == "worker":
        print(json.dumps(run_worker(args.uri, Path(args.events), args.batch_size, args.task)))
        return
    if args.bulk:
        run_bulk(args)
        return
    if args.stream:
        run_stream(args)
        return
    run_all(args)


def run_all(args: argparse.Namespace) -> None:
    drivers = {"python": sys.executable}
    if args.rust_python:
        drivers["rust-ext"] = args.rust_python
    sizes = [int(size) for size in args.batch_sizes.split(",")]
    results = previous(Path(args.out), args.scales.split(","))
    for scale in args.scales.split(","):
        events = ensure_events(Path(args.cache), scale)
        for size in sizes:
            for driver, python in drivers.items():
                tasks = ["load", "stream"] if size == max(sizes) else ["load"]
                results += measure(python, driver, events, scale, size, tasks, args)
                save(results, Path(args.out))
        if args.compare_single_pass and scale == args.scales.split(",")[0]:
            for driver, python in drivers.items():
                results += measure(python, driver, events, scale, 10_000, ["single-pass"], args)
                save(results, Path(args.out))
    print(table(results))


def run_bulk(args: argparse.Namespace) -> None:
    """The offline path at each scale, ``--repeat`` times; replaces earlier bulk rows of those scales."""
    scales = args.scales.split(",")
    path = Path(args.out)
    results = json.loads(path.read_text())["results"] if path.exists() else []
    results = [row for row in results if not (row["task"] == "bulk" and row["scale"] in scales)]
    for scale in scales:
        events = ensure_events(Path(args.cache), scale)
        for _ in range(args.repeat):
            settle(args.max_load)
            results.append(measure_bulk(events, scale, args))
            print(json.dumps(results[-1]), flush=True)
            save(results, path)
    print(table(results))


def run_stream(args: argparse.Namespace) -> None:
    """``Neo4jStore.stream_events()`` alone: each scale bulk-imported once into a fresh local server
    (not timed), then streamed ``--repeat`` times with each driver build; replaces earlier
    stream rows of those scales."""
    scales = args.scales.split(",")
    drivers = {"python": sys.executable, **({"rust-ext": args.rust_python} if args.rust_python else {})}
    path = Path(args.out)
    results = json.loads(path.read_text())["results"] if path.exists() else []
    results = [row for row in results if not (row["task"] == "stream" and row["scale"] in scales)]
    for scale in scales:
        events = ensure_events(Path(args.cache), scale)
        work = Path(tempfile.mkdtemp(prefix="gm-neo4j-stream-"))
        data, files, port = work / "data", work / "files", str(free_port())
        env = {**os.environ, "NEO4J_LOCAL_HEAP": args.heap, "NEO4J_LOCAL_PAGECACHE_MB": str(args.pagecache_mb)}
        try:
            subprocess.run([sys.executable, "-m", "graphmon", "ingest", str(events), "--import-files", str(files)],
                           check=True, capture_output=True, cwd=ROOT)
            imported = subprocess.run([str(LAUNCHER), "import", str(files), "--data", str(data), "--port", port],
                                      env=env, check=True, capture_output=True, text=True)
            uri = imported.stdout.strip().splitlines()[-1]
            for _ in range(args.repeat):
                for driver, python in drivers.items():
                    settle(args.max_load)
                    load = os.getloadavg()[0]
                    out = subprocess.run([python, str(Path(__file__).resolve()), "worker", "--uri", uri, "--events",
                                          str(events), "--batch-size", "10000", "--task", "stream"],
                                         capture_output=True, text=True, check=True, cwd=ROOT,
                                         env={**os.environ, "PYTHONPATH": str(ROOT)})  # this graphmon
                    results.append({"scale": scale, "driver": driver, "batch_size": None, "task": "stream",
                                    "load_avg_1m": round(load, 2), **json.loads(out.stdout.strip().splitlines()[-1])})
                    print(json.dumps(results[-1]), flush=True)
                    save(results, path)
        finally:
            subprocess.run([str(LAUNCHER), "stop", "--data", str(data)], capture_output=True, check=False)
            shutil.rmtree(work, ignore_errors=True)
    print(table(results))


def settle(max_load: float, timeout_s: float = 300) -> None:
    """Wait until the 1-minute load average is below ``max_load`` (the previous run's JVMs count too)."""
    deadline = time.monotonic() + timeout_s
    while os.getloadavg()[0] >= max_load and time.monotonic() < deadline:
        time.sleep(5)


def measure_bulk(events: Path, scale: str, args: argparse.Namespace) -> dict[str, Any]:
    """Write the import files, then import into a running local server with an empty database."""
    work = Path(tempfile.mkdtemp(prefix="gm-neo4j-bulk-"))
    data, files = work / "data", work / "files"
    env = {**os.environ, "NEO4J_LOCAL_HEAP": args.heap, "NEO4J_LOCAL_PAGECACHE_MB": str(args.pagecache_mb)}
    port = str(free_port())
    subprocess.run([str(LAUNCHER), "start", "--data", str(data), "--port", port], env=env, capture_output=True,
                   check=True)
    try:
        load = os.getloadavg()[0]
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "graphmon", "ingest", str(events), "--import-files", str(files)],
                       check=True, capture_output=True, cwd=ROOT)
        written = time.perf_counter()
        imported = subprocess.run([str(LAUNCHER), "import", str(files), "--data", str(data), "--port", port],
                                  env=env, check=True, capture_output=True, text=True)
        done = time.perf_counter()
        uri = imported.stdout.strip().splitlines()[-1]
        found = graph_size(uri)
    finally:
        subprocess.run([str(LAUNCHER), "stop", "--data", str(data)], capture_output=True, check=False)
    report = (data / "import.log").read_text()
    server_log = (data / "neo4j.log").read_text()
    shutil.rmtree(work, ignore_errors=True)
    seconds = done - started
    return {"scale": scale, "driver": "-", "batch_size": None, "task": "bulk", "load_avg_1m": round(load, 2),
            "events": found["shares"], "seconds": round(seconds, 2), "events_per_s": round(found["shares"] / seconds),
            "write_files_s": round(written - started, 2), "import_start_schema_s": round(done - written, 2),
            "importer_s": importer_seconds(report), "schema_s": schema_seconds(server_log),
            "load_avg_1m_after": round(os.getloadavg()[0], 2),
            "posts": found["posts"], "relationships": found["posted"] + found["shares"]}


def graph_size(uri: str) -> dict[str, int]:
    from graphmon.store import Neo4jStore, StoreConfig

    with Neo4jStore.connect(StoreConfig(uri=uri)) as store:
        return store.counts()


def importer_seconds(log: str) -> float | None:
    """``IMPORT DONE in 16s 891ms.`` -> 16.89 (the importer's own report of its time)."""
    found = re.search(r"IMPORT DONE in (?:(\d+)m )?(\d+)s (\d+)ms", log)
    if not found:
        return None
    minutes, secs, millis = found.groups()
    return round(int(minutes or 0) * 60 + int(secs) + int(millis) / 1000, 2)


def schema_seconds(log: str) -> float | None:
    """``graphmon-neo4j schema: 8 statements, indexes online in 5.4 s`` -> 5.4."""
    found = re.search(r"^graphmon-neo4j schema: .* in ([0-9.]+) s$", log, re.MULTILINE)
    return float(found.group(1)) if found else None


def previous(path: Path, scales: list[str]) -> list[dict[str, Any]]:
    """Rows of an earlier run for other scales and the bulk rows (a run replaces the rows of the
    scales it measures)."""
    if not path.exists():
        return []
    return [row for row in json.loads(path.read_text())["results"]
            if row["scale"] not in scales or row["task"] == "bulk"]


def ensure_events(cache: Path, scale: str) -> Path:
    target = cache / f"{scale}-low-seed1"
    if not (target / "events.parquet").exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--events", str(SCALES[scale]), "--seed", "1",
                        "--out", str(target), "--stealth", "low"], check=True)
    return target / "events.parquet"


def measure(python: str, driver: str, events: Path, scale: str, batch_size: int, tasks: list[str],
            args: argparse.Namespace) -> list[dict[str, Any]]:
    """Start a fresh server, run the tasks in worker processes, stop it; one result row per task."""
    data = Path(tempfile.mkdtemp(prefix="gm-neo4j-bench-"))
    port = free_port()
    env = {**os.environ, "NEO4J_LOCAL_HEAP": args.heap, "NEO4J_LOCAL_PAGECACHE_MB": str(args.pagecache_mb)}
    started = subprocess.run([str(LAUNCHER), "start", "--data", str(data), "--port", str(port)], env=env,
                             capture_output=True, text=True, check=True)
    uri = started.stdout.strip().splitlines()[-1]
    rows = []
    try:
        for task in tasks:
            load = os.getloadavg()[0]
            out = subprocess.run([python, str(Path(__file__).resolve()), "worker", "--uri", uri, "--events",
                                  str(events), "--batch-size", str(batch_size), "--task", task],
                                 capture_output=True, text=True, check=True, cwd=ROOT)
            row = {"scale": scale, "driver": driver, "batch_size": batch_size, "task": task,
                   "load_avg_1m": round(load, 2), **json.loads(out.stdout.strip().splitlines()[-1])}
            print(json.dumps(row), flush=True)
            rows.append(row)
    finally:
        subprocess.run([str(LAUNCHER), "stop", "--data", str(data)], capture_output=True, check=False)
        shutil.rmtree(data, ignore_errors=True)
    return rows


def run_worker(uri: str, events_path: Path, batch_size: int, task: str) -> dict[str, Any]:
    from graphmon.ingest import read_events
    from graphmon.store import Neo4jStore, StoreConfig
    from graphmon.store import rows as store_rows

    events = read_events([events_path]).events
    with Neo4jStore.connect(StoreConfig(uri=uri), batch_size=batch_size) as store:
        store.ensure_schema()
        if task == "load":
            started = time.perf_counter()
            counts = store.load_events(events)
            seconds = time.perf_counter() - started
            return {"events": events.height, "seconds": round(seconds, 2),
                    "events_per_s": round(events.height / seconds), "posts": counts.posts_created,
                    "relationships": counts.relationships_created}
        if task == "stream":
            started = time.perf_counter()
            streamed = store.stream_events()
            seconds = time.perf_counter() - started
            return {"events": streamed.height, "seconds": round(seconds, 2),
                    "events_per_s": round(streamed.height / seconds)}
        shares = store_rows.event_shares(events).join(store_rows.event_objects(events),
                                                      on=["object_type", "object_id"])
        started = time.perf_counter()
        with store._driver.session(database="neo4j") as session:  # noqa: SLF001 - a benchmark-only statement
            for batch in store_rows.column_batches(shares.drop("text"), batch_size):
                session.execute_write(lambda tx, b=batch: tx.run(SINGLE_PASS, b).consume())
        seconds = time.perf_counter() - started
        return {"events": events.height, "seconds": round(seconds, 2), "events_per_s": round(events.height / seconds)}


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def save(results: list[dict[str, Any]], path: Path) -> None:
    path.write_text(json.dumps({"machine": machine(), "results": results}, indent=2) + "\n")


def machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "python": sys.version.split()[0],
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def table(results: list[dict[str, Any]]) -> str:
    lines = ["| scale | task | driver | batch | events | seconds | events/s | load avg |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results:
        batch = f"{r['batch_size']:,}" if r["batch_size"] else "–"
        lines.append(f"| {r['scale']} | {r['task']} | {r['driver']} | {batch} | {r['events']:,} | "
                     f"{r['seconds']} | {r['events_per_s']:,} | {r['load_avg_1m']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()

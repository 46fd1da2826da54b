"""Measure graphmon's speed, memory and accuracy, side by side with the Coordination Network Toolkit.

Usage::

    python benchmarks/run.py [--scales 100k,1m,10m] [--datasets low,mid,high,none] [--seed 1]
        [--cache /tmp/graphmon-bench] [--repeat 1] [--no-cnt] [--cnt-budget 600] [--cnt-timeout 1200]

For each scale and data set (``low``, ``mid``, ``high``: planted groups of that stealth level;
``none``: ``--no-planted`` data) it

1. generates the data with ``benchmarks/generate.py`` (cached in ``--cache``: a data set is made
   again only when the generator changed);
2. runs ``graphmon analyze DIR/events.parquet --accounts DIR/accounts.csv --out OUT`` as a
   subprocess, measuring its wall time and peak resident memory (``/usr/bin/time -v`` when
   present, else a small wrapper reading ``getrusage(RUSAGE_CHILDREN)``);
3. scores ``OUT/clusters.json`` with ``benchmarks/evaluate.py``.

On the first planted data set of each scale it also runs the Coordination Network Toolkit
(PyPI ``coordination-network-toolkit``) over the retweet events only: they are written to its CSV
input format (not timed), loaded with ``compute_networks DB preprocess --format csv`` and the
co-retweet network computed with ``compute_networks DB compute co_retweet --time_window 60
--n_cpus 2`` (its default ``min_edge_weight`` 1), each step timed separately; graphmon is then
also timed on the same retweet events alone. CNT is skipped at a scale where a linear
extrapolation from the largest scale it was measured at exceeds
``--cnt-budget`` seconds (default 600), and each of its steps is stopped after ``--cnt-timeout``.

With ``--repeat N`` every timed run (graphmon's, and CNT's load + compute) is made N times and the
run of median wall time is kept; the wall times of all N are recorded beside it (``wall_runs_s``).

Results accumulate in ``benchmarks/results.json`` (a re-run replaces the rows it measures) and
are rendered to ``benchmarks/results.md`` and printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from collections.abc import Callable
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import evaluate  # noqa: E402 (a sibling script, not a package)

SCALES = {"100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
DATASETS = ("low", "mid", "high", "none")
RESULTS_JSON = HERE / "results.json"
RESULTS_MD = HERE / "results.md"
README = HERE / "README.md"
GNU_TIME = Path("/usr/bin/time")
RUSAGE_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print('Maximum resident set size (kbytes):', r.ru_maxrss, file=sys.stderr)\n"
    "print('User time (seconds):', r.ru_utime, file=sys.stderr)\n"
    "print('System time (seconds):', r.ru_stime, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@dataclass
class Measured:
    """One measured subprocess."""

    command: str
    wall_s: float
    cpu_s: float | None
    peak_rss_mb: float | None
    returncode: int | None
    timed_out: bool
    log: str
    load_before: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def measure(cmd: list[str], *, log: Path, timeout_s: float, env: dict[str, str] | None = None) -> Measured:
    """Run ``cmd``, logging its output to ``log``; wall time and peak RSS of it and its children."""
    log.parent.mkdir(parents=True, exist_ok=True)
    stats = log.with_suffix(".rusage")
    if GNU_TIME.exists():
        full = [str(GNU_TIME), "-v", "-o", str(stats), *cmd]
    else:
        full = [sys.executable, "-c", RUSAGE_WRAPPER, *cmd]
    load = os.getloadavg()[0]
    started = time.perf_counter()
    timed_out = False
    with log.open("w") as out:
        proc = subprocess.Popen(full, stdout=out, stderr=subprocess.STDOUT if GNU_TIME.exists() else out,
                                env=env, start_new_session=True)
        try:
            code: int | None = proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
            code, timed_out = None, True
    wall = time.perf_counter() - started
    text = (stats.read_text() if stats.exists() else "") + log.read_text(errors="replace")[-20000:]
    rss, cpu = rusage_figures(text)
    if code is not None and GNU_TIME.exists() and "Exit status" in text:
        code = int(re.findall(r"Exit status: (\d+)", text)[-1])
    return Measured(" ".join(cmd), round(wall, 2), cpu, rss, code, timed_out, str(log), round(load, 2))


def rusage_figures(text: str) -> tuple[float | None, float | None]:
    """Peak RSS (MB) and user + system CPU time (s) from ``/usr/bin/time -v`` style output."""
    rss = re.findall(r"Maximum resident set size \(kbytes\): (\d+)", text)
    user = re.findall(r"User time \(seconds\): ([\d.]+)", text)
    system = re.findall(r"System time \(seconds\): ([\d.]+)", text)
    cpu = round(float(user[-1]) + float(system[-1]), 1) if user and system else None
    return (round(int(rss[-1]) / 1024, 1) if rss else None), cpu


def cpu_of(m: dict[str, Any]) -> float | None:
    """The CPU time of a stored measurement (read from its rusage file for older records)."""
    if m.get("cpu_s") is None:
        stats = Path(m.get("log", "")).with_suffix(".rusage")
        if stats.is_file():
            m["cpu_s"] = rusage_figures(stats.read_text())[1]
    return m.get("cpu_s")


def generator_stamp() -> str:
    """A hash of the generator's source: cached data sets are remade when it changes."""
    return hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:16]


def ensure_data(cache: Path, scale: str, dataset: str, seed: int) -> tuple[Path, dict[str, Any]]:
    """The data set's directory (generated if missing or stale) and its meta.json."""
    d = cache / f"{scale}-{dataset}-seed{seed}"
    stamp = d / "generator.stamp"
    if not (stamp.exists() and stamp.read_text() == generator_stamp() and (d / "meta.json").exists()):
        shutil.rmtree(d, ignore_errors=True)
        cmd = [sys.executable, str(HERE / "generate.py"), "--events", str(SCALES[scale]), "--seed",
               str(seed), "--out", str(d)]
        cmd += ["--no-planted"] if dataset == "none" else ["--stealth", dataset]
        print(f"generating {d.name} ...", flush=True)
        m = measure(cmd, log=cache / "logs" / f"generate-{d.name}.log", timeout_s=1800)
        if not m.ok:
            raise SystemExit(f"generation failed, see {m.log}")
        meta = json.loads((d / "meta.json").read_text())
        meta["generate_wall_s"], meta["generate_peak_rss_mb"] = m.wall_s, m.peak_rss_mb
        (d / "meta.json").write_text(json.dumps(meta, indent=1))
        stamp.write_text(generator_stamp())
    return d, json.loads((d / "meta.json").read_text())


def graphmon_command(events: Path, out: Path, accounts: Path | None) -> list[str]:
    """The ``graphmon analyze`` command line."""
    exe = shutil.which("graphmon")
    if exe is None:
        raise SystemExit("graphmon is not installed: pip install -e .")
    cmd = [exe, "analyze", str(events)]
    if accounts is not None:
        cmd += ["--accounts", str(accounts)]
    return cmd + ["--out", str(out)]


def median_run(runs: list[Any], wall: Callable[[Any], float]) -> Any:
    """The run of median wall time (the lower middle one of an even number)."""
    return sorted(runs, key=wall)[(len(runs) - 1) // 2]


def run_graphmon(data: Path, cache: Path, name: str, *, timeout_s: float, repeat: int = 1,
                 events: Path | None = None) -> tuple[Measured, dict[str, Any] | None, list[float]]:
    """Run graphmon analyze on a data set ``repeat`` times; returns the run of median wall time,
    the report's scores and every run's wall time."""
    out = cache / "reports" / name
    runs = []
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        runs.append(measure(graphmon_command(events or data / "events.parquet", out, data / "accounts.csv"),
                            log=cache / "logs" / f"graphmon-{name}.log", timeout_s=timeout_s))
        if not runs[-1].ok:
            return runs[-1], None, [r.wall_s for r in runs]
    m = median_run(runs, lambda r: r.wall_s)
    walls = [r.wall_s for r in runs]
    if not (out / "clusters.json").exists():
        return m, None, walls
    scores = evaluate.evaluate(evaluate.read_truth(data / "truth.csv"),
                               evaluate.read_clusters(out / "clusters.json"))
    report = json.loads((out / "clusters.json").read_text())
    scores["graphmon_version"] = report.get("graphmon_version")
    return m, scores, walls


def retweet_inputs(data: Path, work: Path) -> tuple[Path, Path, int]:
    """The data set's retweet events as CNT's CSV input and as canonical Parquet (not timed)."""
    import polars as pl

    work.mkdir(parents=True, exist_ok=True)
    rt = pl.read_parquet(data / "events.parquet").filter(pl.col("object_type") == "retweet")
    csv_path, parquet_path = work / "retweets-cnt.csv", work / "retweets.parquet"
    rt.write_parquet(parquet_path)
    rt.select(
        pl.col("content_id").alias("message_id"),
        pl.col("account_id").alias("user_id"),
        pl.col("account_id").alias("username"),
        pl.col("object_id").alias("repost_id"),
        pl.lit("").alias("reply_id"),
        pl.lit("").alias("message"),
        pl.col("timestamp"),
        pl.lit("").alias("urls"),
    ).write_csv(csv_path)
    return csv_path, parquet_path, rt.height


def run_cnt_repeated(data: Path, cache: Path, name: str, *, repeat: int, **options: Any) -> dict[str, Any]:
    """`run_cnt` ``repeat`` times; the run of median load + compute wall time, with every total."""
    runs = [run_cnt(data, cache, name, **options) for _ in range(repeat)]
    total = [r["load"]["wall_s"] + r.get("compute", {}).get("wall_s", float("inf")) for r in runs]
    kept: dict[str, Any] = median_run(runs, lambda r: r["load"]["wall_s"] + r.get("compute", {}).get("wall_s", float("inf")))
    kept["wall_runs_s"] = total
    return kept


def run_cnt(data: Path, cache: Path, name: str, *, window_s: int, n_cpus: int,
            timeout_s: float) -> dict[str, Any]:
    """Load and compute CNT's co-retweet network over the data set's retweet events."""
    exe = shutil.which("compute_networks")
    if exe is None:
        raise SystemExit("coordination-network-toolkit is not installed: "
                         "pip install coordination-network-toolkit==1.5.2")
    work = cache / "cnt" / name
    shutil.rmtree(work, ignore_errors=True)
    csv_path, _, n_rt = retweet_inputs(data, work)
    db = work / "cnt.db"
    load = measure([exe, str(db), "preprocess", "--format", "csv", str(csv_path)],
                   log=cache / "logs" / f"cnt-load-{name}.log", timeout_s=timeout_s)
    result: dict[str, Any] = {"retweet_events": n_rt, "load": asdict(load)}
    if not load.ok:
        return result
    compute = measure([exe, str(db), "compute", "co_retweet", "--time_window", str(window_s),
                       "--n_cpus", str(n_cpus)],
                      log=cache / "logs" / f"cnt-compute-{name}.log", timeout_s=timeout_s)
    result["compute"] = asdict(compute)
    if compute.ok:
        with sqlite3.connect(db) as con:
            result["edges"] = con.execute(
                "select count(*) from co_retweet_network where user_1 < user_2").fetchone()[0]
    return result


def machine() -> dict[str, Any]:
    """What the measurements ran on."""
    cpu = ""
    if Path("/proc/cpuinfo").exists():
        names = re.findall(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
        cpu = names[0] if names else ""
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = {}
    for pkg in ("graphmon", "coordination-network-toolkit", "polars", "numpy"):
        try:
            from importlib.metadata import version

            versions[pkg] = version(pkg)
        except Exception:  # noqa: BLE001 - a missing package is simply not listed
            pass
    return {"cores": os.cpu_count(), "memory_gb": round(mem_gb, 1), "cpu": cpu,
            "python": platform.python_version(), "versions": versions, "graphmon_source": source_state()}


def source_state() -> str:
    """The graphmon commit measured, and whether its package directory had uncommitted changes."""
    repo = HERE.parent
    try:
        head = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "graphmon"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"commit {head}" + (" with uncommitted changes in graphmon/" if dirty else "")


# ----------------------------------------------------------------------------------------------
# results


def load_results() -> dict[str, Any]:
    if RESULTS_JSON.exists():
        return json.loads(RESULTS_JSON.read_text())
    return {"graphmon": {}, "cnt": {}}


def fmt(x: Any, digits: int = 3) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return f"{x:,}" if isinstance(x, int) else str(x)


def scale_order(key: str) -> tuple[int, int]:
    scale, _, dataset = key.partition("/")
    return SCALES.get(scale, 0), DATASETS.index(dataset) if dataset in DATASETS else 9


def graphmon_table(rows: dict[str, Any]) -> list[str]:
    lines = [
        "| scale | data | events | accounts | generate (s) | analyze wall (s) | analyze CPU (s) "
        "| peak RSS (MB) | load avg | clusters | covert P | covert R | covert F1 | groups found "
        "| false clusters ≥5 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key in sorted(rows, key=scale_order):
        r = rows[key]
        s = r.get("scores") or {}
        cov = s.get("covert") or {}
        a = r["analyze"]
        status = "" if a["returncode"] == 0 else (
            " (timed out)" if a["timed_out"] else f" (failed, exit {a['returncode']})")
        found = f"{cov['groups_recovered']}/{cov['groups']}" if cov else "–"
        lines.append(
            f"| {r['scale']} | {r['dataset']} | {fmt(r['events'])} | {fmt(r['accounts'])} | "
            f"{fmt(r['generate_s'], 1)} | {fmt(a['wall_s'], 1)}{status} | {fmt(cpu_of(a), 1)} | "
            f"{fmt(a['peak_rss_mb'], 0)} | {fmt(a['load_before'], 1)} | "
            f"{fmt(s.get('clusters'))} | {fmt(cov.get('precision'))} | {fmt(cov.get('recall'))} | "
            f"{fmt(cov.get('f1'))} | {found} | {fmt(s.get('false_clusters'))} |"
        )
    return lines


def step(m: dict[str, Any]) -> str:
    """A CNT step's wall time, or why there is none."""
    if not m:
        return "–"
    if m.get("timed_out"):
        return f"> {m['wall_s']:.0f} (stopped)"
    return fmt(m["wall_s"], 1) if m.get("returncode") == 0 else f"failed (exit {m['returncode']})"


def ok_figure(m: dict[str, Any], figure: str) -> float | None:
    """``figure`` (``wall_s`` or ``cpu_s``) of a successful measurement, else None."""
    if not m or m.get("returncode") != 0:
        return None
    return cpu_of(m) if figure == "cpu_s" else m.get(figure)


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.1f}×" if a and b else "–"


def cnt_table(rows: dict[str, Any], gm: dict[str, Any]) -> list[str]:
    lines = [
        "| scale | retweet events | CNT load (s) | CNT compute (s) | CNT total wall (s) | CNT total CPU (s) "
        "| CNT peak RSS (MB) | CNT edges | graphmon, same retweets: wall (s) | graphmon, all events: "
        "wall (s) | graphmon, all events: CPU (s) | CNT / graphmon (wall) | CNT / graphmon (CPU) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key in sorted(rows, key=scale_order):
        r = rows[key]
        if r.get("skipped"):
            lines.append(f"| {r['scale']} | – | skipped: {r['skipped']} | | | | | | | | | | |")
            continue
        load, comp = r.get("load", {}), r.get("compute", {})
        walls = [ok_figure(load, "wall_s"), ok_figure(comp, "wall_s")]
        cpus = [ok_figure(load, "cpu_s"), ok_figure(comp, "cpu_s")]
        total = sum(walls) if None not in walls else None  # type: ignore[arg-type]
        total_cpu = sum(cpus) if None not in cpus else None  # type: ignore[arg-type]
        rss = max(load.get("peak_rss_mb") or 0, comp.get("peak_rss_mb") or 0) or None
        g_all = gm.get(r["graphmon_key"], {}).get("analyze", {})
        g_wall, g_cpu = ok_figure(g_all, "wall_s"), ok_figure(g_all, "cpu_s")
        g_rt = ok_figure(r.get("graphmon_retweets", {}), "wall_s")
        lines.append(
            f"| {r['scale']} | {fmt(r['retweet_events'])} | {step(load)} | {step(comp)} | {fmt(total, 1)} | "
            f"{fmt(total_cpu, 1)} | {fmt(rss, 0)} | {fmt(r.get('edges'))} | {fmt(g_rt, 1)} | "
            f"{fmt(g_wall, 1)} | {fmt(g_cpu, 1)} | {ratio(total, g_wall)} | {ratio(total_cpu, g_cpu)} |"
        )
    return lines


def targets_table(gm: dict[str, Any], cnt: dict[str, Any]) -> list[str]:
    """Each target with the measured figures and whether they meet it."""

    def verdict(ok: bool | None) -> str:
        return "–" if ok is None else ("met" if ok else "**not met**")

    lines = ["| target | measured | verdict |", "|---|---|---|"]
    big = [r for r in gm.values() if r["scale"] == "10m"]
    if big:
        walls = [r["analyze"]["wall_s"] for r in big if r["analyze"]["returncode"] == 0]
        rss = [r["analyze"]["peak_rss_mb"] or 0 for r in big if r["analyze"]["returncode"] == 0]
        failed = len(big) - len(walls)
        text = (f"wall {min(walls):.0f}-{max(walls):.0f} s, peak RSS {min(rss):.0f}-{max(rss):.0f} MB "
                f"over {len(walls)} data sets" if walls else "no successful run")
        text += f" ({failed} failed)" if failed else ""
        ok = bool(walls) and not failed and max(walls) <= 60 and max(rss) <= 4096
        lines.append(f"| 10M events end to end ≤ 60 s, peak RSS ≤ 4 GB | {text} | {verdict(ok)} |")
    for level in ("low", "mid"):
        rows = sorted((r for r in gm.values() if r["dataset"] == level), key=lambda r: SCALES[r["scale"]])
        f1 = [(r["scale"], ((r.get("scores") or {}).get("covert") or {}).get("f1")) for r in rows]
        if f1:
            text = ", ".join(f"{s}: {fmt(v)}" for s, v in f1)
            ok = all(v is not None and v >= 0.95 for _, v in f1)
            lines.append(f"| covert F1 ≥ 0.95 at `{level}` stealth | {text} | {verdict(ok)} |")
    none = sorted((r for r in gm.values() if r["dataset"] == "none"), key=lambda r: SCALES[r["scale"]])
    if none:
        fc = [(r["scale"], (r.get("scores") or {}).get("false_clusters")) for r in none]
        ok = all(v == 0 for _, v in fc)
        lines.append("| no false clusters of ≥ 5 accounts without planted groups | "
                     + ", ".join(f"{s}: {fmt(v)}" for s, v in fc) + f" | {verdict(ok)} |")
    one = next((r for r in cnt.values() if r["scale"] == "1m" and not r.get("skipped")), None)
    if one:
        walls = [ok_figure(one.get("load", {}), "wall_s"), ok_figure(one.get("compute", {}), "wall_s")]
        g = ok_figure(gm.get(one["graphmon_key"], {}).get("analyze", {}), "wall_s")
        if None not in walls and g:
            total = sum(walls)  # type: ignore[arg-type]
            lines.append(f"| graphmon ≥ 10× faster than CNT load + compute at 1M | CNT {total:.1f} s, "
                         f"graphmon {g:.1f} s: {total / g:.1f}× | {verdict(total / g >= 10)} |")
    return lines


def sources_line(gm: dict[str, Any]) -> list[str]:
    """A line naming the graphmon source of each row, when the rows were measured on several."""
    sources = {r.get("graphmon_source", "unknown") for r in gm.values()}
    if len(sources) <= 1:
        return []
    rows = "; ".join(f"{k}: {gm[k].get('graphmon_source', 'unknown')} ({gm[k].get('measured_at')})"
                     for k in sorted(gm, key=scale_order))
    return ["", f"The graphmon rows were measured on different sources: {rows}."]


def render(results: dict[str, Any]) -> str:
    m = results.get("machine", {})
    gm, cnt = results["graphmon"], results["cnt"]
    out = [
        "# graphmon benchmark results",
        "",
        f"Measured with `python benchmarks/run.py` (seed {results.get('seed')}); last run "
        f"{results.get('updated')}. Machine: {m.get('cores')} cores, {m.get('memory_gb')} GB, "
        f"{m.get('cpu')}; Python {m.get('python')}; "
        + ", ".join(f"{k} {v}" for k, v in m.get("versions", {}).items())
        + f"; graphmon source: {m.get('graphmon_source', 'unknown')}.",
        "",
        "Wall times are of the whole command (process start, reading, analysis, writing the report); "
        "CPU is its user + system time, children included; peak RSS is the largest resident set of "
        "the command or of any one of its children. *load avg* is the machine's 1-minute load "
        "average just before the command: above 2 (the number of cores) other work was competing "
        "for the processors, which inflates wall times (CPU times much less).",
        *sources_line(gm),
        "",
        "## Targets",
        "",
        *targets_table(gm, cnt),
        "",
        "## graphmon analyze",
        "",
        "Data: `low`, `mid`, `high` have planted covert groups of that stealth level (plus open "
        "newsroom groups); `none` has no planted groups (`--no-planted`). Covert P/R/F1: pairwise "
        "co-clustering scores over the covert groups (see `benchmarks/evaluate.py`); groups found: "
        "covert groups matched by a cluster with Jaccard ≥ 0.5; false clusters: reported clusters "
        "of ≥ 5 accounts with no planted account.",
        "",
        *graphmon_table(gm),
        "",
        "## Coordination Network Toolkit (co-retweet network, 60 s window)",
        "",
        "The same retweet events (of the `low` data set of each scale), CNT 1.5.2 with its default "
        "`min_edge_weight` 1 and `--n_cpus 2`. CNT load = `compute_networks DB preprocess --format "
        "csv` (CSV to SQLite), compute = `compute_networks DB compute co_retweet`. graphmon does "
        "more than CNT's compute step (all object types, significance tests, clustering, scoring, "
        "the report); the column *graphmon, same retweets* runs it on the retweet events alone.",
        "",
        *cnt_table(cnt, gm),
    ]
    notes = results.get("notes") or []
    if notes:
        out += ["", "## Notes", "", *[f"- {n}" for n in notes]]
    return "\n".join(out) + "\n"


def update_readme(table_md: str) -> None:
    """Replace the README's results block (between the markers) with the rendered tables."""
    if not README.exists():
        return
    text = README.read_text()
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    if start in text and end in text:
        body = table_md.split("\n", 2)[2].replace("\n## ", "\n### ")  # no title, headings nested
        text = text[: text.index(start) + len(start)] + "\n" + body + text[text.index(end):]
        README.write_text(text)


# ----------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="graphmon speed, memory and accuracy benchmarks")
    parser.add_argument("--scales", default="100k,1m,10m", help="comma-separated: 100k, 1m, 10m")
    parser.add_argument("--datasets", default=",".join(DATASETS),
                        help="comma-separated: low, mid, high (planted stealth), none (no planted)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/graphmon-bench"))
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per graphmon run")
    parser.add_argument("--repeat", type=int, default=1,
                        help="time each run this many times and keep the one of median wall time")
    parser.add_argument("--no-cnt", action="store_true", help="skip the Coordination Network Toolkit")
    parser.add_argument("--cnt-budget", type=float, default=600,
                        help="skip CNT where its linear extrapolation exceeds this many seconds")
    parser.add_argument("--cnt-timeout", type=float, default=1200, help="seconds per CNT step")
    parser.add_argument("--skip-graphmon", action="store_true",
                        help="keep the stored graphmon rows (e.g. to add CNT figures only)")
    parser.add_argument("--render-only", action="store_true",
                        help="measure nothing: render results.json to results.md (and the README)")
    parser.add_argument("--no-readme", action="store_true", help="do not update benchmarks/README.md")
    args = parser.parse_args(argv)
    scales = [s.strip().lower() for s in args.scales.split(",") if s.strip()]
    datasets = [d.strip().lower() for d in args.datasets.split(",") if d.strip()]
    for s in scales:
        if s not in SCALES:
            parser.error(f"unknown scale {s!r}; choose from {', '.join(SCALES)}")
    for d in datasets:
        if d not in DATASETS:
            parser.error(f"unknown data set {d!r}; choose from {', '.join(DATASETS)}")

    results = load_results()
    if not args.render_only:
        results.update(seed=args.seed, machine=machine())
    results.setdefault("notes", [])
    for scale in scales if not args.render_only else []:
        for dataset in datasets if not args.skip_graphmon else []:
            run_one(results, args, scale, dataset)
            save(results, args)
        if not args.no_cnt:
            run_cnt_for_scale(results, args, scale, datasets)
            save(results, args)
    save(results, args, touch=not args.render_only)
    print(render(results))
    return 0


def run_one(results: dict[str, Any], args: argparse.Namespace, scale: str, dataset: str) -> None:
    data, meta = ensure_data(args.cache, scale, dataset, args.seed)
    name = f"{scale}-{dataset}"
    print(f"graphmon analyze {name} ...", flush=True)
    m, scores, walls = run_graphmon(data, args.cache, name, timeout_s=args.timeout, repeat=args.repeat)
    results["graphmon"][f"{scale}/{dataset}"] = {
        "scale": scale, "dataset": dataset, "events": meta["events"], "accounts": meta["accounts"],
        "generate_s": meta.get("generate_wall_s", meta.get("seconds")),
        "generate_peak_rss_mb": meta.get("generate_peak_rss_mb", meta.get("peak_rss_mb")),
        "analyze": asdict(m), "wall_runs_s": walls, "scores": scores, "measured_at": now(),
        "graphmon_source": source_state(),
    }
    if scores:
        print(f"  {m.wall_s} s (runs: {walls}), {m.peak_rss_mb} MB\n" + evaluate.format_scores(scores), flush=True)
    else:
        print(f"  graphmon failed (exit {m.returncode}, timed out: {m.timed_out}); see {m.log}", flush=True)


def run_cnt_for_scale(results: dict[str, Any], args: argparse.Namespace, scale: str,
                      datasets: list[str]) -> None:
    planted = [d for d in datasets if d != "none"]
    if not planted:
        return
    dataset = "low" if "low" in planted else planted[0]
    key = f"{scale}/{dataset}"
    prior = [r for r in results["cnt"].values()
             if r.get("compute", {}).get("returncode") == 0 and SCALES[r["scale"]] < SCALES[scale]]
    if prior:
        biggest = max(prior, key=lambda r: SCALES[r["scale"]])
        total = biggest["load"]["wall_s"] + biggest["compute"]["wall_s"]
        factor = SCALES[scale] / SCALES[biggest["scale"]]
        if total * factor > args.cnt_budget:
            reason = (f"at {biggest['scale']} CNT took {total:.0f} s; at least ×{factor:.0f} here, "
                      f"i.e. > {total * factor / 60:.0f} min")
            results["cnt"][key] = {"scale": scale, "skipped": reason, "graphmon_key": key}
            return
    data, _ = ensure_data(args.cache, scale, dataset, args.seed)
    name = f"{scale}-{dataset}"
    print(f"CNT co_retweet {name} ...", flush=True)
    r = run_cnt_repeated(data, args.cache, name, repeat=args.repeat, window_s=60, n_cpus=os.cpu_count() or 2,
                         timeout_s=args.cnt_timeout)
    r.update(scale=scale, dataset=dataset, graphmon_key=key, measured_at=now())
    print(f"  load {r['load']['wall_s']} s, compute {r.get('compute', {}).get('wall_s')} s, "
          f"edges {r.get('edges')} (totals of the runs: {r['wall_runs_s']})", flush=True)
    if shutil.which("graphmon"):
        rt_parquet = args.cache / "cnt" / name / "retweets.parquet"
        print(f"graphmon analyze {name} retweets only ...", flush=True)
        m, _, walls = run_graphmon(data, args.cache, f"{name}-retweets", timeout_s=args.timeout,
                                   repeat=args.repeat, events=rt_parquet)
        r["graphmon_retweets"] = {**asdict(m), "wall_runs_s": walls}
    results["cnt"][key] = r


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def save(results: dict[str, Any], args: argparse.Namespace, *, touch: bool = True) -> None:
    if touch:
        results["updated"] = now()
    RESULTS_JSON.write_text(json.dumps(results, indent=1))
    md = render(results)
    RESULTS_MD.write_text(md)
    if not args.no_readme:
        update_readme(md)


if __name__ == "__main__":
    sys.exit(main())

"""Bad input through the command line: one clear line naming file, row and column, exit 2."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import ROOT

HEADER = "account_id,object_id,timestamp\n"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graphmon", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def make(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


CASES = {
    "missing column": ("a.csv", b"account_id,timestamp\nu1,1\n", ":1:object_id:"),
    "unparsable time": ("a.csv", (HEADER + "u1,x,1\nu2,x,soon\n").encode(), ":3:timestamp:"),
    "empty file": ("a.csv", b"", "empty"),
    "header only": ("a.csv", HEADER.encode(), "no data rows"),
    "wrong encoding": ("a.csv", (HEADER + "u1,x,1\n").encode() + "M\xfcller,x,2\n".encode("latin-1"), ":3"),
    "huge field": ("a.csv", (HEADER + "u1," + "x" * 10_000_000 + ",1\n").encode(), ":2:object_id:"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_gives_one_line_and_exit_2(tmp_path: Path, case: str) -> None:
    name, content, where = CASES[case]
    path = make(tmp_path, name, content)
    done = run("analyze", str(path), "--out", str(tmp_path / "out"))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("graphmon: error: ") and done.stderr.count("\n") == 1, repr(done.stderr)
    assert str(path) in done.stderr and where in done.stderr, done.stderr
    assert not (tmp_path / "out" / "clusters.json").exists()


def test_a_report_folder_that_cannot_be_made_is_refused_before_reading(tmp_path: Path) -> None:
    blocker = make(tmp_path, "a-file", b"")
    path = make(tmp_path, "a.csv", (HEADER + "u1,x,1\nu2,x,soon\n").encode())
    done = run("analyze", str(path), "--out", str(blocker / "report"))
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr == f"graphmon: error: --out {blocker / 'report'}: {blocker} is a file, not a folder\n"


def test_broken_gzip(tmp_path: Path) -> None:
    whole = gzip.compress((HEADER + "u1,x,1\n" * 5000).encode())
    path = make(tmp_path, "a.csv.gz", whole[: len(whole) // 2])
    done = run("analyze", str(path), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert str(path) in done.stderr and "gzip" in done.stderr.lower()


def test_missing_file_and_bad_option(tmp_path: Path) -> None:
    done = run("analyze", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "nope.csv" in done.stderr and "Traceback" not in done.stderr
    bad_window = run("analyze", str(ROOT / "examples/data/russian_coord_tweets.csv.gz"), "--window", "-5",
                     "--out", str(tmp_path / "out"))
    assert bad_window.returncode == 2 and "window_s must be > 0" in bad_window.stderr
    bad_map = run("analyze", str(ROOT / "examples/data/russian_coord_tweets.csv.gz"), "--map", "account_id",
                  "--out", str(tmp_path / "out"))
    assert bad_map.returncode == 2 and "--map takes CANONICAL=INPUT_COLUMN" in bad_map.stderr


def test_usage_errors_are_one_line_naming_the_help(tmp_path: Path) -> None:
    blocker = make(tmp_path, "a-file.csv", b"")
    for args, message in ((["analyze", str(blocker), "--out", str(blocker)], "Invalid value for '--out'"),
                          (["analyze", str(blocker), "--bogus"], "No such option '--bogus'"),
                          (["clusters", str(tmp_path), "--format", "xml"], "Invalid value for '--format'"),
                          (["analyze", "--out"], "Option '--out' requires an argument")):
        done = run(*args)
        assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
        assert done.stderr.startswith(f"graphmon: error: {message}") and f"(see graphmon {args[0]} --help)" in done.stderr
    own = run("--bogus")  # an option of graphmon itself
    assert own.returncode == 2 and own.stderr.count("\n") == 1 and "(see graphmon --help)" in own.stderr, own.stderr


def test_duplicates_are_dropped_counted_and_reported(tmp_path: Path) -> None:
    rows = [f"u{i % 7},obj{i % 3},{i}\n" for i in range(50)]
    path = make(tmp_path, "a.csv", (HEADER + "".join(rows) + "".join(rows[10:13])).encode())
    done = run("analyze", str(path), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    import json

    document = json.loads((tmp_path / "out" / "clusters.json").read_text())
    assert document["input"]["duplicates_dropped"] == 3 and document["input"]["events"] == 50
    assert any("duplicate" in note for note in document["input"]["notes"])
    assert "duplicate" in (tmp_path / "out" / "summary.md").read_text()


HOSTILE = ["<img src=x onerror=alert(1)>", "'; DROP TABLE accounts; --", "x' }) DETACH DELETE n //",
           "\u202eevil\u202c", "line\nbreak", "pipe|name", "\x1b]0;PWNED\x07\x1b[2Jclear"]


def test_hostile_names_round_trip_into_the_report(tmp_path: Path) -> None:
    import csv

    lines = [HEADER.strip()]
    for t in range(0, 600, 60):
        for i, name in enumerate(HOSTILE):
            quoted = '"' + name.replace('"', '""') + '"'
            lines.append(f"{quoted},obj{t},{t + i}")
    path = make(tmp_path, "a.csv", ("\n".join(lines) + "\n").encode())
    done = run("analyze", str(path), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    with open(tmp_path / "out" / "accounts.csv", newline="", encoding="utf-8") as handle:
        names = {row["account_id"] for row in csv.DictReader(handle)}
    assert names == set(HOSTILE)
    summary = (tmp_path / "out" / "summary.md").read_text()
    assert "|name" not in summary.replace("\\|name", "")


def test_hostile_names_cannot_drive_the_terminal(tmp_path: Path) -> None:
    from tests.synthetic import synthetic_events

    events, groups = synthetic_events(seed=1, planted=(len(HOSTILE),))
    events = events.with_columns(events["account_id"].replace(dict(zip(sorted(groups[0]), HOSTILE))))
    events.write_parquet(tmp_path / "e.parquet")
    done = run("analyze", str(tmp_path / "e.parquet"), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    shown = subprocess.run([sys.executable, "-m", "graphmon", "cluster", str(tmp_path / "out"), "0"], cwd=ROOT,
                           capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "250"})
    assert shown.returncode == 0, shown.stderr
    for output in (shown.stdout, done.stdout):
        assert not {"\x1b", "\x07", "\u202e"} & set(output), output
    assert "\\x1b]0;PWNED\\x07\\x1b[2Jclear" in shown.stdout and "\\u202eevil\\u202c" in shown.stdout


def test_a_damaged_report_folder_is_one_line(tmp_path: Path) -> None:
    rows = "".join(f"u{i % 7},x{i // 3},{i * 5}\n" for i in range(300))
    done = run("analyze", str(make(tmp_path, "a.csv", (HEADER + rows).encode())), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    (tmp_path / "out" / "accounts.csv").unlink()
    clusters = tmp_path / "out" / "clusters.json"
    document = clusters.read_text()
    for damage, command, message in [
        (None, ("cluster", "0"), "accounts.csv: is missing from the report folder"),
        (document.replace('"size": ', '"size": "big", "was": ', 1), ("clusters",), "cluster record 0: 'size' is 'big'"),
        (document.replace('"schema_version": "1"', '"schema_version": "99"'), ("clusters",), "schema version '99'"),
        ("\udcff", ("clusters",), "is not UTF-8 text"),
    ]:
        if damage is not None:
            clusters.write_bytes(damage.encode("utf-8", "surrogateescape"))
        failed = run(command[0], str(tmp_path / "out"), *command[1:])
        assert failed.returncode == 2 and failed.stderr.count("\n") == 1, failed.stderr
        assert message in failed.stderr, failed.stderr


def test_a_report_never_overwrites_its_inputs(tmp_path: Path) -> None:
    events = make(tmp_path, "edges.csv", (HEADER + "u1,x,1\nu2,x,2\n").encode())
    accounts = make(tmp_path, "accounts.csv", b"account_id,screen_name\nu1,precious\n")
    for args in ([str(events)], ["events.csv", "--accounts", str(accounts)]):
        done = run("analyze", *args, "--out", str(tmp_path))
        assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
        assert "the output would overwrite the input" in done.stderr
    (tmp_path / "linked").mkdir()
    (tmp_path / "linked" / "evidence.csv").symlink_to(events)
    done = run("analyze", str(events), "--out", str(tmp_path / "linked"))
    assert done.returncode == 2 and "(as evidence.csv)" in done.stderr, done.stderr
    assert accounts.read_bytes() == b"account_id,screen_name\nu1,precious\n" and not (tmp_path / "clusters.json").exists()
    assert events.read_bytes().startswith(HEADER.encode())
    assert "--out must name a folder" in run("analyze", str(events), "--out", " ").stderr


def test_a_report_file_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    rows = "".join(f"u{i % 7},x{i // 3},{i * 5}\n" for i in range(300))
    events = make(tmp_path, "a.csv", (HEADER + rows).encode())
    (tmp_path / "out" / "summary.md").mkdir(parents=True)
    done = run("analyze", str(events), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr == f"graphmon: error: {tmp_path / 'out' / 'summary.md'}: cannot be written: Is a directory\n"


@pytest.mark.parametrize("option", [("--window", "inf"), ("--resolution", "nan"), ("--resolution", "inf"),
                                    ("--seed", "-1")])
def test_non_finite_or_negative_parameters_are_refused(tmp_path: Path, option: tuple[str, str]) -> None:
    events = make(tmp_path, "a.csv", (HEADER + "u1,x,1\nu2,x,2\n").encode())
    done = run("analyze", str(events), *option, "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert f"{option[0][2:]}" in done.stderr and not (tmp_path / "out").exists()


def test_profiles_that_match_no_account_are_noted(tmp_path: Path) -> None:
    events = make(tmp_path, "a.csv", (HEADER + "u1,x,1\nu2,x,2\n").encode())
    for rows, note in ((b"U1,a\nU2,b\n", "none of the 2 profiles matches an account of the events"),
                       (b"u1,a\nU2,b\n", "1 of 2 profiles match no account of the events (not used)")):
        accounts = make(tmp_path, "accounts.csv", b"account_id,screen_name\n" + rows)
        done = run("analyze", str(events), "--accounts", str(accounts), "--out", str(tmp_path / "out"))
        assert done.returncode == 0, done.stderr
        notes = json.loads((tmp_path / "out" / "clusters.json").read_text())["input"]["notes"]
        assert [n for n in notes if "profiles" in n and n.startswith(note)] != [], notes


def test_skipped_and_repeated_profile_rows_are_in_the_report(tmp_path: Path) -> None:
    events = make(tmp_path, "a.csv", (HEADER + "u1,x,1\nu2,x,2\n").encode())
    accounts = make(tmp_path, "accounts.csv", b"account_id,screen_name\nu1,old\n,nobody\nu1,new\nu2,b\n")
    done = run("analyze", str(events), "--accounts", str(accounts), "--out", str(tmp_path / "out"))
    assert done.returncode == 0 and done.stderr == "", done.stderr
    notes = json.loads((tmp_path / "out" / "clusters.json").read_text())["input"]["notes"]
    assert f"{accounts}: 1 row with an empty account_id skipped" in notes
    assert f"{accounts}: 1 profile row repeated an account id given before; the last row of each account was used" in notes
    handles = pl.read_csv(tmp_path / "out" / "accounts.csv").select("account_id", "screen_name").sort("account_id")
    assert handles.rows() == [("u1", "new"), ("u2", "b")]


@pytest.mark.parametrize("run_id", ["a\nb", "x" * 1_001])
def test_a_run_id_that_cannot_be_a_key_is_refused_before_connecting(tmp_path: Path, run_id: str) -> None:
    events = make(tmp_path, "a.csv", (HEADER + "u1,x,1\nu2,x,2\n").encode())
    done = run("analyze", str(events), "--to-neo4j", "--run-id", run_id, "--out", str(tmp_path / "out"),
               "--neo4j-uri", "bolt://127.0.0.1:9")
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "--run-id must be one line of printable text of at most 1,000 characters" in done.stderr


def test_since_and_until_take_iso_dates_and_unix_seconds_only() -> None:
    from graphmon.cli.store_options import parse_time
    from graphmon.errors import ConfigError

    assert parse_time("20210616", "--since") == parse_time("2021-06-16", "--since") == 1623801600.0
    assert parse_time("1623878691.5", "--since") == 1623878691.5
    for bad in ("nan", "inf", "1_000", "soon"):
        with pytest.raises(ConfigError, match=f"--until '{bad}' is not a time"):
            parse_time(bad, "--until")

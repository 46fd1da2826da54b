"""Account and object ids that carry terminal escapes or HTML, in the outputs meant for scripts
(exact) and for people (shown, never obeyed); and what a query that matches nothing says."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from graphmon.cli import main
from graphmon.cli.tables import emit_data

DATA = Path(__file__).parents[1] / "data" / "store"
RED = "\x1b[31mRED"
IMG = "<img src=x onerror=alert(1)>|p"


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    events = pl.read_csv(DATA / "events.csv").with_columns(pl.col("account_id").replace({"x1": RED, "x2": IMG}))
    events.write_csv(folder / "events.csv")
    done = CliRunner().invoke(main, ["analyze", str(folder / "events.csv"), "--method", "coortweet", "--edge-weight", "0",
                                     "--out", str(folder / "report")])
    assert done.exit_code == 0, done.output
    return folder / "report"


def test_csv_and_json_keep_the_ids_exact_in_a_pipe(hostile_report: Path) -> None:
    runner = CliRunner()
    as_csv = runner.invoke(main, ["clusters", str(hostile_report), "--format", "csv"])
    assert as_csv.exit_code == 0 and RED in as_csv.output and IMG in as_csv.output
    members = runner.invoke(main, ["cluster", str(hostile_report), "0", "--format", "csv"])
    assert members.exit_code == 0 and RED in members.output
    as_json = runner.invoke(main, ["cluster", str(hostile_report), "0", "--format", "json"])
    assert "\\u001b[31mRED" in as_json.output


def test_a_terminal_sees_the_escapes_not_their_effect(capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    emit_data(f"account_id\n{RED}\n\u202eevil\n")
    assert capsys.readouterr().out == "account_id\n\\x1b[31mRED\n\\u202eevil\n"


def test_summary_shows_escapes_and_markup_as_text(hostile_report: Path) -> None:
    summary = (hostile_report / "summary.md").read_text(encoding="utf-8")
    assert "\x1b" not in summary and "<img" not in summary
    assert "\\\\x1b[31mRED" in summary  # the backslash itself escaped for Markdown
    assert "&lt;img src=x onerror=alert(1)&gt;\\|p" in summary


def test_no_match_is_said_on_stderr(hostile_report: Path) -> None:
    done = CliRunner().invoke(main, ["clusters", str(hostile_report), "--anonymous"])  # no profiles: none anonymous
    assert done.exit_code == 0
    assert "no cluster matches (--anonymous: anonymity at least 0.6 over at least half of the members)" in done.stderr


def test_an_id_that_spells_out_an_escape_never_looks_like_one() -> None:
    from graphmon.cli.tables import terminal_text

    assert terminal_text(RED) == "\\x1b[31mRED"
    assert terminal_text("\\x1b[31mRED") == "\\x5cx1b[31mRED"
    assert terminal_text("¯\\_(ツ)_/¯") == "¯\\_(ツ)_/¯"  # a plain backslash stays as it is

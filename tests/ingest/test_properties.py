"""Properties: hostile strings round-trip, row order is kept, no row is lost unaccounted."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from graphmon.ingest import read_events
from graphmon.ingest.duplicates import first_occurrences

HOSTILE = [
    "<script>alert(1)</script>",
    "'; DROP TABLE events; --",
    '"quoted", with comma',
    "two\nlines",
    "cr\r\nlf",
    "\u202eRTL override\u202c",
    "\u200f\u200e",
    "tab\tin",
    "emoji 🧨",
    "\\N",
    "NULL",
    "null",
    "=cmd|' /C calc'!A0",
    "  padded  ",
    "#",
    "Ω≈ç√",
]
# Text that is an id: anything printable or hostile that is not blank (blank ids are skipped by design).
texts = st.one_of(
    st.sampled_from(HOSTILE), st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))
)
ids = texts.filter(lambda value: any(char.isalnum() or char in "<'\"#=" for char in value))
rows = st.lists(st.tuples(ids, ids, st.integers(0, 2_000_000_000), texts), min_size=1, max_size=25)


def _read(name: str, content: str) -> pl.DataFrame:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(content, encoding="utf-8", newline="")
        return read_events([path], keep_duplicates=True).events


def _csv(events: list[tuple[str, str, int, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(["account_id", "object_id", "timestamp", "text", "content_id"])
    writer.writerows([(*event, f"c{number}") for number, event in enumerate(events)])
    return out.getvalue()


@settings(max_examples=60, deadline=None)
@given(rows)
def test_hostile_strings_round_trip_through_csv_in_order(events) -> None:
    read = _read("hostile.csv", _csv(events))
    assert read.select("account_id", "object_id", "timestamp", "text").rows() == [
        (account, obj, float(time), text) for account, obj, time, text in events
    ]
    assert read["content_id"].to_list() == [f"c{number}" for number in range(len(events))]


@settings(max_examples=60, deadline=None)
@given(rows)
def test_hostile_strings_round_trip_through_json_lines_in_order(events) -> None:
    lines = "".join(
        json.dumps({"account_id": account, "object_id": obj, "timestamp": time, "text": text}) + "\n"
        for account, obj, time, text in events
    )
    read = _read("hostile.jsonl", lines)
    assert read.select("account_id", "object_id", "timestamp", "text").rows() == [
        (account, obj, float(time), text) for account, obj, time, text in events
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", ""]), st.sampled_from(["x", "y", ""]), st.integers(0, 3)),
        min_size=1,
        max_size=30,
    )
)
def test_every_row_is_an_event_a_skip_or_a_dropped_duplicate(events) -> None:
    content = "account_id,object_id,timestamp,content_id\n" + "".join(
        f"{a},{o},{t},c\n" for a, o, t in events
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "e.csv"
        path.write_text(content)
        result = read_events([path])
    skipped = sum(int(note.split(": ")[1].split(" ")[0]) for note in result.notes if note.endswith("skipped"))
    assert result.rows_read == len(events)
    assert result.events.height + skipped + result.duplicates_dropped == len(events)
    kept = [(a, o, float(t)) for a, o, t in events if a and o]
    expected = list(dict.fromkeys(kept))
    assert result.events.select("account_id", "object_id", "timestamp").rows() == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", None]), st.integers(0, 3)), max_size=40))
def test_first_occurrences_matches_a_plain_scan(rows) -> None:
    frame = pl.DataFrame(rows, schema={"k": pl.String, "v": pl.Int64}, orient="row")
    seen: set[tuple[object, int]] = set()
    expected = []
    for row in rows:
        expected.append(row not in seen)
        seen.add(row)
    assert first_occurrences(frame, ["k", "v"]).to_list() == expected

"""CrowdTangle-style Facebook CSV exports."""

from __future__ import annotations

import json

import pytest

from graphmon.errors import InputError
from graphmon.ingest import read_events
from tests.ingest import DATA

HEADER = "Page Name,User Name,Facebook Id,Post Created,URL,Message,Link\n"


def test_posts_share_their_links_and_pages_become_accounts() -> None:
    path = DATA / "crowdtangle.csv"
    result = read_events([path])
    assert result.events.select(
        "account_id", "object_type", "object_id", "timestamp", "content_id", "platform"
    ).rows() == [
        (
            "100000000000001",
            "url",
            "https://example.de/artikel",
            1632153605.0,
            "https://www.facebook.com/100000000000001/posts/1",
            "fb",
        ),
        (
            "100000000000002",
            "url",
            "https://example.de/artikel",
            1632153630.0,
            "https://www.facebook.com/100000000000002/posts/9",
            "fb",
        ),
        (
            "100000000000003",
            "url",
            "https://example.de/anders",
            1632153660.0,
            "https://www.facebook.com/100000000000003/posts/1",
            "fb",
        ),
    ]
    assert result.events["text"][0] == 'Lesen! "Wichtig"'
    assert result.rows_read == 4
    assert result.notes == (f"{path}: 1 post without a Link gave no event",)
    assert result.accounts.select(
        "account_id", "screen_name", "display_name", "description", "created_at", "followers_count"
    ).rows() == [
        ("100000000000001", "heimatnews", "Heimat News", "Nachrichten, täglich", 1551430800.0, 1510),
        ("100000000000002", "buergerforum", "Bürger Forum", None, 1594098427.0, 320),
        ("100000000000003", None, "Neue Seite", None, None, None),
    ]


def test_user_name_stands_in_for_a_missing_facebook_id(write) -> None:
    path = write("ct.csv", HEADER + "P,pagename,,2021-01-01 00:00:00 EST,u,m,https://x.org\n")
    event = read_events([path]).events.row(0, named=True)
    assert (event["account_id"], event["timestamp"]) == ("pagename", 1609477200.0)


def test_an_unknown_zone_name_is_an_error_at_its_row(write) -> None:
    path = write(
        "ct.csv", HEADER + "P,p,1,2021-01-01 00:00:00 UTC,u,m,l\nP,p,1,2021-01-01 00:00:00 XYZT,u,m,l\n"
    )
    with pytest.raises(InputError) as caught:
        read_events([path])
    assert str(caught.value).startswith(f"{path}:3:Post Created: '2021-01-01 00:00:00 XYZT' is not a time")


def test_crowdtangle_format_needs_its_columns(write) -> None:
    path = write("ct.csv", "Page Name,Post Created,Link\nP,2021-01-01 00:00:00 UTC,l\n")
    with pytest.raises(InputError) as caught:
        read_events([path], input_format="crowdtangle")
    assert str(caught.value).startswith(f"{path}:1:Post Created: is not a CrowdTangle export")


def test_unreadable_page_figures_are_left_empty_and_noted(write) -> None:
    header = "Page Name,User Name,Facebook Id,Page Created,Followers at Posting,Post Created,URL,Message,Link\n"
    path = write("ct.csv", header + "P,p,1,long ago,many,2021-01-01 00:00:00 UTC,u1,m,l\n"
                                    "Q,q,2,2020-01-01 00:00:00 UTC,\"1,500\",2021-01-01 00:00:00 UTC,u2,m,l\n")
    result = read_events([path])
    assert result.accounts.select("account_id", "created_at", "followers_count").rows() == [
        ("1", None, None), ("2", 1577836800.0, 1500)]
    assert result.notes == (f"{path}: 1 account had a Page Created that could not be read; left empty",
                            f"{path}: 1 account had a Followers at Posting that could not be read; left empty")


def test_json_lines_columns_first_seen_after_the_sampled_records_are_read(write) -> None:
    def post(i: int, **more: str) -> str:
        return json.dumps({"Facebook Id": f"p{i}", "Post Created": "2021-01-01 00:00:00 UTC", "URL": f"u{i}",
                           "Link": f"l{i}", **more})

    late = [post(i, **{"Page Created": "junk", "Followers at Posting": "-5"}) if i == 1100 else post(i)
            for i in range(1101)]
    result = read_events([write("late.jsonl", "\n".join(late) + "\n")], input_format="crowdtangle")
    assert result.events.height == 1101
    assert result.accounts.filter(account_id="p1100").select("created_at", "followers_count").rows() == [(None, None)]
    assert [note.split(": ", 1)[1] for note in result.notes] == [
        "1 account had a Page Created that could not be read; left empty",
        "1 account had a negative followers_count; left empty"]
    untimed = [json.dumps({"Facebook Id": f"p{i}", "URL": f"u{i}", "Link": "l"}) for i in range(1100)]
    path = write("untimed.jsonl", "\n".join([*untimed, post(1100)]) + "\n")
    with pytest.raises(InputError) as caught:  # a required column seen only after the sample is found
        read_events([path], input_format="crowdtangle")
    assert "is not a CrowdTangle export" not in str(caught.value) and "Post Created" in str(caught.value)

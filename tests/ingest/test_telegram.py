"""Telegram Desktop JSON exports."""

from __future__ import annotations

import json

import pytest

from graphmon.errors import InputError
from graphmon.ingest import read_events
from tests.ingest import DATA


def test_channel_export_gives_forwards_links_hashtags_and_mentions() -> None:
    path = DATA / "telegram_channel.json"
    result = read_events([path])
    assert result.events.select(
        "account_id", "object_type", "object_id", "timestamp", "content_id"
    ).rows() == [
        ("channel1500000001", "forward", "Big Source", 1645686000.0, "1500000001/2"),
        ("channel1500000001", "url", "https://example.org/x", 1645686000.0, "1500000001/2"),
        ("channel1500000001", "url", "https://example.org/y", 1645686030.0, "1500000001/3"),
        ("channel1500000001", "hashtag", "breaking", 1645686030.0, "1500000001/3"),
        ("channel1500000001", "mention", "bigsource", 1645686030.0, "1500000001/3"),
    ]
    assert set(result.events["platform"]) == {"tg"}
    assert result.events["text"][2] == "Share this #Breaking via @BigSource"
    assert result.rows_read == 4
    assert result.notes == (
        f"{path}: 1 service message skipped",
        f"{path}: 1 message without a forward, link, hashtag or mention gave no event",
    )
    assert result.accounts.select("account_id", "display_name", "platform").rows() == [
        ("channel1500000001", "Daily Truth", "tg")
    ]


def test_full_export_reads_every_chat_and_reads_old_dates_as_utc() -> None:
    path = DATA / "telegram_full_export.json"
    result = read_events([path])
    assert result.events.select(
        "account_id", "object_type", "object_id", "timestamp", "content_id"
    ).rows() == [
        ("user5", "forward", "Big Source", 1609502400.0, "77/10"),
        ("user6", "hashtag", "same", 1609502420.0, "77/11"),
        ("user5", "forward", "Big Source", 1609502440.0, "78/10"),
    ]
    assert result.notes == (
        f"{path}: 3 messages without date_unixtime: their date, the local time of the "
        "computer that exported them, was read as UTC",
    )
    assert result.accounts.select("account_id", "display_name").rows() == [
        ("user5", "Ann A."),
        ("user6", "Ben"),
    ]


def test_a_bad_date_names_the_message(write) -> None:
    messages = [
        {
            "id": i,
            "type": "message",
            "date_unixtime": "1645686000",
            "from_id": "user1",
            "text_entities": [{"type": "hashtag", "text": "#x"}],
        }
        for i in range(1, 4)
    ]
    messages[1]["date_unixtime"] = "yesterday"
    path = write(
        "result.json", json.dumps({"name": "c", "type": "public_channel", "id": 5, "messages": messages})
    )
    with pytest.raises(InputError) as caught:
        read_events([path])
    assert str(caught.value).startswith(f"{path}:2:date_unixtime: 'yesterday' is not a time")


def test_messages_without_sender_are_skipped_with_a_note(write) -> None:
    path = write(
        "result.json",
        json.dumps(
            {
                "name": "c",
                "id": 5,
                "messages": [
                    {
                        "id": 1,
                        "type": "message",
                        "date_unixtime": "1",
                        "forwarded_from": "X",
                        "text_entities": [],
                    },
                    {
                        "id": 2,
                        "type": "message",
                        "date_unixtime": "2",
                        "from_id": "user2",
                        "forwarded_from": "X",
                        "text_entities": [],
                    },
                ],
            }
        ),
    )
    result = read_events([path])
    assert result.events["content_id"].to_list() == ["5/2"]
    assert result.notes == (f"{path}: 1 message with an empty from_id skipped",)


def test_messages_without_a_type_are_read_as_messages(write) -> None:
    path = write(
        "result.json",
        json.dumps(
            {
                "name": "c",
                "id": 5,
                "messages": [
                    {"id": 1, "date_unixtime": "1", "from_id": "user1", "forwarded_from": "X"},
                    {"id": 2, "type": "service", "date_unixtime": "2", "actor_id": "user1"},
                ],
            }
        ),
    )
    result = read_events([path])
    assert result.events.select("account_id", "object_id", "content_id").rows() == [("user1", "X", "5/1")]
    assert result.notes == (f"{path}: 1 service message skipped",)

"""Twitter/X API v2 (responses, twarc JSON Lines, flattened tweets) and v1.1 JSON."""

from __future__ import annotations

import json

import polars as pl
import pytest

from graphmon.errors import InputError
from graphmon.events import ACCOUNT_SCHEMA, EVENT_SCHEMA
from graphmon.ingest import read_events
from tests.ingest import DATA

RT_ID = "1404999999999999999"


def test_v2_response_gives_an_event_per_reference_and_entity() -> None:
    result = read_events([DATA / "twitter_v2_response.json"])
    assert result.events.schema == EVENT_SCHEMA
    assert result.events.select("account_id", "object_type", "object_id", "content_id").rows() == [
        ("111", "retweet", RT_ID, "1405000000000000001"),
        ("111", "url", "https://example.org/story", "1405000000000000001"),
        ("111", "hashtag", "election2021", "1405000000000000001"),
        ("111", "mention", "newsbot", "1405000000000000001"),
        ("222", "quote", RT_ID, "1405000000000000002"),
        ("222", "url", "https://t.co/xyz", "1405000000000000002"),
        ("111", "reply", RT_ID, "1405000000000000003"),
        ("111", "hashtag", "vote", "1405000000000000003"),
        ("111", "mention", "newsbot", "1405000000000000003"),
    ]
    assert set(result.events["platform"]) == {"tw"}
    assert result.events["timestamp"].unique(maintain_order=True).to_list() == [
        1623837600.0,
        1623837605.0,
        1623837660.0,
    ]
    assert result.events["text"][4] == "So true https://t.co/xyz"
    assert result.rows_read == 4
    assert result.notes == (
        f"{DATA / 'twitter_v2_response.json'}: 1 tweet without a retweet, quote, reply, "
        "link, hashtag or mention gave no event",
    )


def test_v2_users_become_accounts() -> None:
    accounts = read_events([DATA / "twitter_v2_response.json"]).accounts
    assert accounts.schema == ACCOUNT_SCHEMA
    assert accounts.rows() == [
        ("111", "patriot_4821", "Patriot", "", 1619827200.0, 3, 812, 5021, True, False, "tw"),
        (
            "222",
            "jane_doe",
            "Jane <b>Doe</b>",
            "Reporter. Views my own.",
            1265169906.0,
            15000,
            300,
            42000,
            False,
            True,
            "tw",
        ),
        ("999", "NewsBot", "News Bot", None, 1420070400.0, 100, 0, 9000, None, None, "tw"),
    ]


def test_twarc_jsonl_of_responses_merges_repeated_users() -> None:
    result = read_events([DATA / "twitter_v2_responses.jsonl"])
    assert result.events.select("account_id", "object_type", "object_id", "content_id").rows() == [
        ("7", "retweet", "10", "20"),
        ("8", "retweet", "10", "21"),
        ("7", "url", "https://example.com/q", "22"),
        ("7", "hashtag", "tag", "22"),
    ]
    assert result.rows_read == 3
    seven = result.accounts.filter(account_id="7").row(0, named=True)
    assert (seven["screen_name"], seven["followers_count"], seven["statuses_count"]) == (
        "seven_renamed",
        1,
        3,
    )


def test_flattened_v2_tweets_carry_their_author() -> None:
    result = read_events([DATA / "twitter_v2_flat.jsonl"])
    assert result.events.select("account_id", "object_type", "object_id").rows() == [
        ("5", "mention", "bob"),
        ("6", "retweet", "30"),
    ]
    assert result.accounts.select("account_id", "screen_name", "default_profile_image").rows() == [
        ("5", "alice", False),
        ("6", "bob", True),
    ]


def test_v1_tweets_use_extended_entities_and_embedded_users() -> None:
    result = read_events([DATA / "twitter_v1.jsonl"])
    assert result.events.select("account_id", "object_type", "object_id", "timestamp").rows() == [
        ("101", "retweet", "1050000000000000000", 1539202764.0),
        ("101", "url", "https://example.net/read", 1539202764.0),
        ("101", "hashtag", "news", 1539202764.0),
        ("101", "mention", "source", 1539202764.0),
        ("102", "quote", "1050000000000000000", 1539202770.0),
        ("102", "reply", "1050000000000000000", 1539202770.0),
        ("102", "url", "https://example.net/long", 1539202770.0),
        ("102", "hashtag", "extended", 1539202770.0),
    ]
    assert result.events["text"][-1] == "Long tweet in full with #Extended and https://t.co/2"
    assert result.events["content_id"][0] == "1050118621198921728"
    assert result.rows_read == 3
    assert result.accounts.select("account_id", "screen_name", "followers_count", "created_at").rows() == [
        ("900", "source", 50000, 1293840000.0),
        ("101", "bot_one_renamed", 5, 1609754400.0),
        ("102", "bot_two", 5, 1609754400.0),
    ]


def test_auto_detection_matches_the_named_format() -> None:
    for name, input_format in [
        ("twitter_v2_response.json", "twitter-v2"),
        ("twitter_v2_responses.jsonl", "twitter-v2"),
        ("twitter_v2_flat.jsonl", "twitter-v2"),
        ("twitter_v1.jsonl", "twitter-v1"),
    ]:
        assert read_events([DATA / name]).events.equals(
            read_events([DATA / name], input_format=input_format).events
        )


def test_v1_read_as_v2_is_refused_with_the_right_format_named() -> None:
    with pytest.raises(InputError, match="looks like twitter-v1 input, not twitter-v2"):
        read_events([DATA / "twitter_v1.jsonl"], input_format="twitter-v2")


def test_a_bad_tweet_time_names_the_line_and_field(write) -> None:
    good = {"id": "1", "author_id": "9", "created_at": "2022-01-01T00:00:00Z", "text": "x"}
    bad = dict(good, id="2", created_at="2022-01-01 00:00:00")
    path = write("t.jsonl", "\n".join(json.dumps({"data": [tweet]}) for tweet in (good, good, bad)) + "\n")
    with pytest.raises(InputError) as caught:
        read_events([path])
    assert str(caught.value).startswith(f"{path}:3:created_at: time '2022-01-01 00:00:00' has no time zone")


def test_a_bad_tweet_time_in_one_response_names_the_tweet(write) -> None:
    tweets = [{"id": str(i), "author_id": "9", "created_at": "2022-01-01T00:00:00Z"} for i in range(3)]
    tweets[2]["created_at"] = "soon"
    path = write("r.json", json.dumps({"data": tweets}, indent=1))
    with pytest.raises(InputError) as caught:
        read_events([path])
    assert (caught.value.row, caught.value.column) == (3, "created_at")


def test_tweets_without_author_are_skipped_with_a_note(write) -> None:
    path = write(
        "r.json",
        json.dumps(
            {
                "data": [
                    {
                        "id": "1",
                        "created_at": "2022-01-01T00:00:00Z",
                        "entities": {"hashtags": [{"tag": "A"}]},
                    },
                    {
                        "id": "2",
                        "author_id": "5",
                        "created_at": "2022-01-01T00:00:00Z",
                        "entities": {"hashtags": [{"tag": "A"}]},
                    },
                ]
            }
        ),
    )
    result = read_events([path])
    assert result.events["account_id"].to_list() == ["5"]
    assert result.notes == (f"{path}: 1 tweet with an empty author_id skipped",)


def test_a_response_file_without_tweets_is_an_error(write) -> None:
    path = write("empty.jsonl", json.dumps({"meta": {"result_count": 0}, "includes": {}}) + "\n")
    with pytest.raises(InputError, match="has no tweets"):
        read_events([path])


def test_an_oversized_tweet_text_is_located(write) -> None:
    tweets = [
        {"id": "1", "author_id": "9", "created_at": "2022-01-01T00:00:00Z", "text": "short"},
        {"id": "2", "author_id": "9", "created_at": "2022-01-01T00:00:00Z", "text": "long " * 400_000},
    ]
    path = write("big.jsonl", "".join(json.dumps(tweet) + "\n" for tweet in tweets))
    with pytest.raises(InputError) as caught:
        read_events([path])
    assert str(caught.value).startswith(f"{path}:2:text: field is 2,000,000 bytes long")


def test_a_single_tweet_lookup_response_is_read(tmp_path) -> None:
    """GET /2/tweets/:id returns ``data`` as the tweet itself, not a list."""
    response = json.loads((DATA / "twitter_v2_response.json").read_text())
    single = {"data": response["data"][0], "includes": response["includes"]}
    path = tmp_path / "one.json"
    path.write_text(json.dumps(single))
    whole = read_events([DATA / "twitter_v2_response.json"])
    one = read_events([path])
    assert one.events.rows() == whole.events.filter(whole.events["content_id"] == single["data"]["id"]).rows()
    assert one.rows_read == 1
    assert set(one.accounts["account_id"]) == set(read_events([DATA / "twitter_v2_response.json"]).accounts["account_id"])
    lines = tmp_path / "lookups.jsonl"
    lines.write_text(json.dumps(single) + "\n" + json.dumps({**single, "data": response["data"][1]}) + "\n")
    assert read_events([lines]).rows_read == 2


def test_a_value_of_the_wrong_json_type_is_named_by_line_and_field(tmp_path) -> None:
    lines = (DATA / "twitter_v1.jsonl").read_text().splitlines()
    second = json.loads(lines[1])
    second["user"]["followers_count"] = "12"
    v1 = tmp_path / "v1.jsonl"
    v1.write_text("\n".join([lines[0], json.dumps(second), *lines[2:]]) + "\n")
    with pytest.raises(InputError) as caught:
        read_events([v1])
    assert str(caught.value) == f'{v1}:2:user.followers_count: the value "12" is a JSON string where a whole number belongs'
    response = json.loads((DATA / "twitter_v2_response.json").read_text())
    response["data"][2]["referenced_tweets"] = {"type": "quoted", "id": "1"}
    v2 = tmp_path / "v2.json"
    v2.write_text(json.dumps(response))
    with pytest.raises(InputError) as caught:
        read_events([v2])
    assert str(caught.value).startswith(f"{v2}:data[2].referenced_tweets: the value {{")
    assert str(caught.value).endswith("is a JSON object where a list belongs")


def test_lists_of_responses_and_of_lookups_are_read(tmp_path) -> None:
    response = json.loads((DATA / "twitter_v2_response.json").read_text())
    whole = read_events([DATA / "twitter_v2_response.json"]).events.drop("text").sort(pl.all())
    lookups = [{"data": tweet, "includes": response["includes"]} for tweet in response["data"]]
    for name, document in (("responses.json", [response, {"data": [], "meta": {}}]), ("lookups.json", lookups)):
        path = tmp_path / name
        path.write_text(json.dumps(document))
        assert read_events([path]).events.drop("text").sort(pl.all()).equals(whole), name
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps(response) + "\n" + json.dumps(lookups[0]) + "\n")
    with pytest.raises(InputError) as caught:
        read_events([mixed])
    assert (caught.value.row, caught.value.column) == (2, "data")
    assert "is a JSON object where a list belongs" in caught.value.message


def test_the_value_named_is_the_one_polars_refused(tmp_path) -> None:
    """A value polars reads (1.0 as a count) is not blamed for one it refuses further on."""
    response = json.loads((DATA / "twitter_v2_response.json").read_text())
    response["includes"]["users"][0]["public_metrics"] = {"followers_count": 1.0}
    response["data"][1]["text"] = ["RT", "x"]
    path = tmp_path / "decoy.json"
    path.write_text(json.dumps(response))
    with pytest.raises(InputError) as caught:
        read_events([path])
    assert str(caught.value) == f'{path}:data[1].text: the value ["RT", "x"] is a JSON array where text belongs'


def test_a_list_member_that_is_not_an_object_is_named_by_position(tmp_path) -> None:
    path = tmp_path / "odd.json"
    path.write_text(json.dumps([{"id": "1", "author_id": "2", "created_at": "2021-06-16T10:00:00Z"}, 5]))
    with pytest.raises(InputError) as caught:
        read_events([path])
    assert str(caught.value) == f"{path}:[1]: the value 5 is a JSON number where an object belongs"
    v1_tweet = {"id_str": "1", "created_at": "Wed Oct 10 20:19:24 +0000 2018", "user": {"id_str": "5"},
                "entities": {"hashtags": [{"text": "x"}]}}
    path.write_text(json.dumps([v1_tweet, v1_tweet, None]))  # a null alone reads as an empty record
    with pytest.raises(InputError) as caught:
        read_events([path])
    assert str(caught.value) == f"{path}:[2]: the value null is a JSON null where an object belongs"


def test_unreadable_profile_values_are_left_empty_and_noted(write) -> None:
    tweet = {"id": "1", "author_id": "5", "created_at": "2022-01-01T00:00:00Z", "entities": {"hashtags": [{"tag": "A"}]}}
    users = [{"id": "5", "username": "u5", "created_at": "last spring", "public_metrics": {"followers_count": -3}},
             {"id": "6", "username": "u6", "created_at": "2020-01-01T00:00:00Z",
              "public_metrics": {"followers_count": 7}}]
    path = write("r.json", json.dumps({"data": [tweet], "includes": {"users": users}}))
    result = read_events([path])
    assert result.accounts.select("account_id", "created_at", "followers_count").rows() == [
        ("5", None, None), ("6", 1577836800.0, 7)]
    assert result.notes == (f"{path}: 1 account had a created_at that could not be read; left empty",
                            f"{path}: 1 account had a negative followers_count; left empty")


def test_a_profile_seen_in_many_tweets_is_noted_once(write) -> None:
    def tweet(i: int) -> str:
        return json.dumps({"id_str": str(i), "created_at": "Wed Oct 10 20:19:24 +0000 2018",
                           "user": {"id_str": "5", "screen_name": "a", "created_at": "someday"},
                           "entities": {"hashtags": [{"text": "x"}]}})

    path = write("v1.jsonl", "\n".join(tweet(i) for i in range(3)) + "\n")
    result = read_events([path], input_format="twitter-v1")
    assert result.notes == (f"{path}: 1 account had a user created_at that could not be read; left empty",)


def test_nulls_in_a_responses_data_list_are_noted(write) -> None:
    tweet = {"id": "1", "author_id": "5", "created_at": "2022-01-01T00:00:00Z", "entities": {"hashtags": [{"tag": "A"}]}}
    path = write("r.jsonl", json.dumps({"data": [tweet, None]}) + "\n" + json.dumps({"meta": {"result_count": 0}})
                 + "\n" + json.dumps({"data": [None, None]}) + "\n")
    result = read_events([path])
    assert result.events["account_id"].to_list() == ["5"]
    assert result.notes == (f"{path}: 3 nulls in 'data' lists skipped (not tweets)",)

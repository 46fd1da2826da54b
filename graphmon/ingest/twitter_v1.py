"""Twitter API v1.1 tweets: JSON Lines, one tweet object a line (or a JSON list of them).

Each tweet (account = ``user.id_str``, content_id = ``id_str``, platform ``tw``, the full text)
gives one event per
- ``retweeted_status.id_str``: ``retweet``; ``quoted_status_id_str``: ``quote``;
  ``in_reply_to_status_id_str``: ``reply``;
- ``entities.urls``: ``url`` (expanded_url, else url); ``entities.hashtags``: ``hashtag``
  (text lower-cased); ``entities.user_mentions``: ``mention`` (screen_name lower-cased).
``extended_tweet`` (long tweets from the streaming API) supplies the full text and entities.
``created_at`` reads like ``Wed Oct 10 20:19:24 +0000 2018``. The user objects of the tweets and
of the tweets they retweet or quote become accounts.
"""

from __future__ import annotations

import polars as pl

from graphmon.ingest.checks import INDEX, check_field_sizes, drop_empty
from graphmon.ingest.files import Source
from graphmon.ingest.jsondoc import read_records
from graphmon.ingest.objects import ObjectList, explode_with_note
from graphmon.ingest.part import Part, conform_accounts, conform_events, unreadable_profile_values
from graphmon.ingest.timestamps import parse_unix_seconds, to_unix_seconds

S = pl.String()
USER = pl.Struct(
    {
        "id_str": S,
        "id": S,
        "screen_name": S,
        "name": S,
        "description": S,
        "created_at": S,
        "followers_count": pl.Int64(),
        "friends_count": pl.Int64(),
        "statuses_count": pl.Int64(),
        "verified": pl.Boolean(),
        "default_profile_image": pl.Boolean(),
    }
)
ENTITIES = pl.Struct(
    {
        "urls": pl.List(pl.Struct({"url": S, "expanded_url": S})),
        "hashtags": pl.List(pl.Struct({"text": S})),
        "user_mentions": pl.List(pl.Struct({"screen_name": S})),
    }
)
EMBEDDED = pl.Struct({"id_str": S, "id": S, "user": USER})
TWEET = pl.Struct(
    {
        "id_str": S,
        "id": S,
        "created_at": S,
        "text": S,
        "full_text": S,
        "user": USER,
        "retweeted_status": EMBEDDED,
        "quoted_status": EMBEDDED,
        "quoted_status_id_str": S,
        "in_reply_to_status_id_str": S,
        "entities": ENTITIES,
        "extended_tweet": pl.Struct({"full_text": S, "entities": ENTITIES}),
    }
)


def read_twitter_v1(source: Source) -> Part:
    """Read Twitter API v1.1 tweets (see the module docstring)."""
    tweets = read_records(source, TWEET)
    rows_read = tweets.height
    user = pl.col("user").struct
    tweets = tweets.with_columns(_account=pl.coalesce(user.field("id_str"), user.field("id")))
    tweets, notes = drop_empty(tweets, ["_account"], source, noun="tweet", labels={"_account": "user.id_str"})
    tweets = tweets.with_columns(to_unix_seconds(tweets, "created_at", source))
    extended = pl.col("extended_tweet").struct
    frame = tweets.select(
        INDEX,
        account_id="_account",
        timestamp="created_at",
        platform=pl.lit("tw"),
        content_id=pl.coalesce("id_str", "id"),
        text=pl.coalesce(extended.field("full_text"), "full_text", "text"),
        _entities=pl.coalesce(extended.field("entities"), "entities"),
        _retweet=_embedded_id("retweeted_status"),
        _quote=pl.coalesce("quoted_status_id_str", _embedded_id("quoted_status")),
        _reply="in_reply_to_status_id_str",
    )
    check_field_sizes(frame, source)
    events, empty = explode_with_note(frame, object_lists(), source, noun="tweet",
                                      lacking="a retweet, quote, reply, link, hashtag or mention")
    notes.extend(empty)
    accounts, unread = accounts_of(tweets, source)
    return Part(conform_events(events), rows_read=rows_read, notes=(*notes, *unread), accounts=accounts)


def object_lists() -> list[ObjectList]:
    """The tweet's objects (ids, type), in event order."""
    element, entities = pl.element().struct, pl.col("_entities").struct
    return [
        (pl.col("_retweet"), "retweet"),
        (pl.col("_quote"), "quote"),
        (pl.col("_reply"), "reply"),
        (
            entities.field("urls").list.eval(
                pl.coalesce(element.field("expanded_url"), element.field("url"))
            ),
            "url",
        ),
        (entities.field("hashtags").list.eval(element.field("text").str.to_lowercase()), "hashtag"),
        (
            entities.field("user_mentions").list.eval(element.field("screen_name").str.to_lowercase()),
            "mention",
        ),
    ]


def _embedded_id(column: str) -> pl.Expr:
    return pl.coalesce(pl.col(column).struct.field("id_str"), pl.col(column).struct.field("id"))


def accounts_of(tweets: pl.DataFrame, source: Source) -> tuple[pl.DataFrame, list[str]]:
    """Accounts from the user objects in `tweets` (retweeted and quoted users first, so that the
    tweeting user's own profile wins), and notes of the values that could not be read (left
    empty: `unreadable_profile_values`)."""
    users = (
        pl.concat(
            [
                tweets.select(pl.col("quoted_status").struct.field("user")),
                tweets.select(pl.col("retweeted_status").struct.field("user")),
                tweets.select("user"),
            ]
        )
        .drop_nulls()
        .unnest("user")
    )
    profiles = users.select(
        pl.coalesce("id_str", "id").alias("account_id"),
        "screen_name",
        "description",
        "followers_count",
        "friends_count",
        "statuses_count",
        "verified",
        "default_profile_image",
        display_name="name",
        created_at=parse_unix_seconds(users["created_at"]),
        platform=pl.lit("tw"),
    )
    profiles, notes = unreadable_profile_values(profiles, {"created_at": ("user created_at", users["created_at"])},
                                                source)
    return conform_accounts(profiles), notes

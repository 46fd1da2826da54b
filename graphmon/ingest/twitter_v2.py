"""Twitter/X API v2 JSON: responses ``{"data": [...], "includes": {"users": [...]}}`` (one
document, a list of them, or JSON Lines of them as twarc writes; ``"data"`` may be one tweet, as a
single-tweet lookup returns it, in every response of a file), or tweets one a line (twarc's
flattened form, the author under ``author``).

Each tweet (content_id = its id, platform ``tw``, its text) gives one event per
- ``referenced_tweets``: ``retweeted`` -> ``retweet``, ``quoted`` -> ``quote``,
  ``replied_to`` -> ``reply``, the object being the referenced tweet's id;
- ``entities.urls``: ``url``, the expanded_url (else the url);
- ``entities.hashtags``: ``hashtag``, the tag lower-cased;
- ``entities.mentions``: ``mention``, the username lower-cased.
A retweet carries the entities of the tweet it retweets, so it shares those too. Users in
``includes.users`` (or ``author``) become accounts. Error rows: the line in JSON Lines, the
tweet's position in ``data`` in a single response.
"""

from __future__ import annotations

import polars as pl

from graphmon.errors import InputError
from graphmon.ingest.checks import INDEX, check_field_sizes, drop_empty, plural
from graphmon.ingest.files import Source
from graphmon.ingest.jsondoc import read_records, sniff
from graphmon.ingest.objects import ObjectList, explode_with_note
from graphmon.ingest.part import Part, conform_accounts, conform_events, unreadable_profile_values
from graphmon.ingest.timestamps import parse_unix_seconds, to_unix_seconds

S = pl.String()
REFERENCE_TYPES = {"retweeted": "retweet", "quoted": "quote", "replied_to": "reply"}
ENTITIES = pl.Struct(
    {
        "urls": pl.List(pl.Struct({"url": S, "expanded_url": S})),
        "hashtags": pl.List(pl.Struct({"tag": S})),
        "mentions": pl.List(pl.Struct({"username": S})),
    }
)
USER = pl.Struct(
    {
        "id": S,
        "username": S,
        "name": S,
        "description": S,
        "created_at": S,
        "verified": pl.Boolean(),
        "profile_image_url": S,
        "public_metrics": pl.Struct(
            {"followers_count": pl.Int64(), "following_count": pl.Int64(), "tweet_count": pl.Int64()}
        ),
    }
)
TWEET_FIELDS = {
    "id": S,
    "author_id": S,
    "created_at": S,
    "text": S,
    "referenced_tweets": pl.List(pl.Struct({"type": S, "id": S})),
    "entities": ENTITIES,
}
RESPONSE = pl.Struct(
    {"data": pl.List(pl.Struct(TWEET_FIELDS)), "includes": pl.Struct({"users": pl.List(USER)})}
)
ONE_TWEET_RESPONSE = pl.Struct({"data": pl.Struct(TWEET_FIELDS), "includes": pl.Struct({"users": pl.List(USER)})})
FLAT_TWEET = pl.Struct({**TWEET_FIELDS, "author": USER})


def read_twitter_v2(source: Source) -> Part:
    """Read Twitter API v2 tweets (see the module docstring)."""
    tweets, users, nulls = _tweets_and_users(source)
    rows_read = tweets.height
    if rows_read == 0:
        raise source.error("has no tweets (no 'data' in any response)")
    tweets, notes = drop_empty(tweets, ["author_id"], source, noun="tweet")
    if nulls:
        notes.insert(0, f"{source.path}: {plural(nulls, 'null')} in 'data' lists skipped (not tweets)")
    tweets = tweets.with_columns(to_unix_seconds(tweets, "created_at", source))
    frame = tweets.select(
        INDEX,
        account_id="author_id",
        timestamp="created_at",
        content_id="id",
        text="text",
        platform=pl.lit("tw"),
        _refs="referenced_tweets",
        _entities="entities",
    )
    check_field_sizes(frame, source)
    events, empty = explode_with_note(frame, object_lists(), source, noun="tweet",
                                      lacking="a retweet, quote, reply, link, hashtag or mention")
    notes.extend(empty)
    accounts, unread = accounts_of(users, source)
    return Part(conform_events(events), rows_read=rows_read, notes=(*notes, *unread), accounts=accounts)


def object_lists() -> list[ObjectList]:
    """The tweet's objects (ids, type), in event order."""
    element, entities, references = pl.element().struct, pl.col("_entities").struct, pl.col("_refs")
    return [
        (
            references.list.eval(element.field("id")),
            references.list.eval(element.field("type").replace_strict(REFERENCE_TYPES, default=None)),
        ),
        (
            entities.field("urls").list.eval(
                pl.coalesce(element.field("expanded_url"), element.field("url"))
            ),
            "url",
        ),
        (entities.field("hashtags").list.eval(element.field("tag").str.to_lowercase()), "hashtag"),
        (entities.field("mentions").list.eval(element.field("username").str.to_lowercase()), "mention"),
    ]


def _tweets_and_users(source: Source) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """The tweets, the user objects, and how many members of 'data' lists were null."""
    nulls = 0
    if _holds_tweets(source):
        tweets = read_records(source, FLAT_TWEET)
        return tweets, tweets.select(pl.col("author").struct.unnest()), nulls
    try:
        responses = read_records(source, RESPONSE)
        nulls = int(responses.select(pl.col("data").list.eval(pl.element().is_null()).list.sum().sum()).item() or 0)
        tweets = responses.select(INDEX, "data").explode("data")
    except InputError as err:  # single-tweet lookups (GET /2/tweets/:id): "data" is the tweet itself
        if (err.column or "").rpartition(".")[2] != "data":
            raise
        try:
            responses = read_records(source, ONE_TWEET_RESPONSE)
        except InputError:
            raise err from None  # lookups mixed with other responses: the first odd one is named
        tweets = responses.select(INDEX, "data")
    tweets = tweets.drop_nulls("data").unnest("data")
    if source.kind == "json":
        tweets = tweets.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias(INDEX))
    users = responses.select(pl.col("includes").struct.field("users")).explode("users").drop_nulls()
    return tweets, users.unnest("users"), nulls


def _holds_tweets(source: Source) -> bool:
    """True for tweets a record (twarc's flattened lines, a JSON list), not API responses."""
    first = sniff(source)
    if source.kind == "json":  # a list of tweets, not a response or a list of responses
        return isinstance(first, list) and bool(first) and isinstance(first[0], dict) and "data" not in first[0]
    return isinstance(first, dict) and "author_id" in first


def accounts_of(users: pl.DataFrame, source: Source) -> tuple[pl.DataFrame, list[str]]:
    """Accounts from v2 user objects (a frame with USER's fields), and notes of the values that
    could not be read (left empty: `unreadable_profile_values`)."""
    metrics = pl.col("public_metrics").struct
    profiles = users.select(
        account_id="id",
        screen_name="username",
        display_name="name",
        description="description",
        created_at=parse_unix_seconds(users["created_at"]),
        followers_count=metrics.field("followers_count"),
        friends_count=metrics.field("following_count"),
        statuses_count=metrics.field("tweet_count"),
        verified="verified",
        platform=pl.lit("tw"),
        default_profile_image=pl.col("profile_image_url").str.contains(
            "default_profile_images", literal=True
        ),
    )
    profiles, notes = unreadable_profile_values(profiles, {"created_at": ("created_at", users["created_at"])},
                                                source)
    return conform_accounts(profiles), notes

"""CrowdTangle-style Facebook CSV exports (one post a row).

Each post gives one ``url`` event for its ``Link``: account = ``Facebook Id`` (else
``User Name``), time = ``Post Created`` (``2021-09-20 18:00:05 CEST``: the zone names of
`ZONE_OFFSETS`, or ISO 8601 with an offset), content_id = the post's ``URL``, text =
``Message``, platform ``fb``. Pages and groups become accounts: ``User Name`` as screen_name,
``Page Name`` (or ``Group Name``, ``Account``) as display_name, ``Page Description``,
``Page Created`` and ``Followers at Posting``; their values from the last row of each account.
"""

from __future__ import annotations

import polars as pl

from graphmon.ingest.checks import INDEX, as_text, drop_empty
from graphmon.ingest.files import Source
from graphmon.ingest.objects import explode_with_note
from graphmon.ingest.part import Part, conform_accounts, conform_events, unreadable_profile_values
from graphmon.ingest.tables import columns_with, read_table, table_columns
from graphmon.ingest.timestamps import parse_unix_seconds, to_unix_seconds

# CrowdTangle writes the zone of the dashboard by its abbreviation; CST is taken as US Central.
ZONE_OFFSETS = {
    "UTC": "+00:00",
    "GMT": "+00:00",
    "WET": "+00:00",
    "WEST": "+01:00",
    "BST": "+01:00",
    "CET": "+01:00",
    "CEST": "+02:00",
    "EET": "+02:00",
    "EEST": "+03:00",
    "MSK": "+03:00",
    "EST": "-05:00",
    "EDT": "-04:00",
    "CST": "-06:00",
    "CDT": "-05:00",
    "MST": "-07:00",
    "MDT": "-06:00",
    "PST": "-08:00",
    "PDT": "-07:00",
    "AKST": "-09:00",
    "AKDT": "-08:00",
    "HST": "-10:00",
    "JST": "+09:00",
    "KST": "+09:00",
    "AEST": "+10:00",
    "AEDT": "+11:00",
}
COLUMNS = (
    "Facebook Id",
    "User Name",
    "Page Name",
    "Group Name",
    "Account",
    "Page Description",
    "Page Created",
    "Followers at Posting",
    "Post Created",
    "URL",
    "Message",
    "Link",
)
ZONED = r"^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?) ([A-Za-z]{2,5})$"


def read_crowdtangle(source: Source) -> Part:
    """Read a CrowdTangle post export (see the module docstring)."""
    found = table_columns(source)
    ids = [] if {"Facebook Id", "User Name"} & set(found) else ["Facebook Id"]
    found = columns_with(source, found, ["Post Created", *ids])
    # JSON Lines: every column is read, as one may first appear after the sampled records
    present = [column for column in COLUMNS if column in found or source.kind == "jsonl"]
    if "Post Created" not in found or not {"Facebook Id", "User Name"} & set(found):
        listed = ", ".join(repr(column) for column in found)
        raise source.error(
            "is not a CrowdTangle export: it needs 'Post Created' and 'Facebook Id' or "
            f"'User Name' (found: {listed})",
            row=source.header_row,
            column="Post Created",
        )
    posts = read_table(source, present)
    posts = posts.with_columns(as_text(posts, name, source) for name in present)
    posts = posts.with_columns(
        pl.lit(None, dtype=pl.String).alias(name) for name in COLUMNS if name not in present
    )
    rows_read = posts.height
    posts = posts.with_columns(_account=pl.coalesce("Facebook Id", "User Name"))
    posts, notes = drop_empty(
        posts, ["_account"], source, noun="post", labels={"_account": "Facebook Id and User Name"}
    )
    posts = posts.with_columns(_time=with_offsets(pl.col("Post Created")))
    posts = posts.with_columns(to_unix_seconds(posts, "_time", source, label="Post Created"))
    frame = posts.select(
        INDEX,
        "Link",
        account_id="_account",
        timestamp="_time",
        content_id="URL",
        text="Message",
        platform=pl.lit("fb"),
    )
    events, empty = explode_with_note(frame, [(pl.col("Link"), "url")], source, noun="post", lacking="a Link")
    notes.extend(empty)
    accounts, unread = accounts_of(posts, source)
    return Part(conform_events(events), rows_read=rows_read, notes=(*notes, *unread), accounts=accounts)


def with_offsets(created: pl.Expr) -> pl.Expr:
    """``2021-09-20 18:00:05 CEST`` -> ``2021-09-20 18:00:05+02:00``; other text unchanged.

    An unknown zone name is left in place, so that the time fails to parse at its row.
    """
    parts = created.str.strip_chars().str.extract_groups(ZONED)
    offset = parts.struct.field("2").str.to_uppercase().replace_strict(ZONE_OFFSETS, default=None)
    return pl.when(offset.is_not_null()).then(parts.struct.field("1") + offset).otherwise(created)


def accounts_of(posts: pl.DataFrame, source: Source) -> tuple[pl.DataFrame, list[str]]:
    """One account per page or group, and notes of the values that could not be read (an
    unreadable Page Created or follower count is left empty: `unreadable_profile_values`)."""
    profiles = posts.select(
        account_id="_account",
        screen_name="User Name",
        description="Page Description",
        display_name=pl.coalesce("Page Name", "Group Name", "Account"),
        created_at=parse_unix_seconds(posts.select(with_offsets(pl.col("Page Created"))).to_series()),
        followers_count=pl.col("Followers at Posting")
        .str.replace_all(",", "")
        .cast(pl.Int64, strict=False),
        platform=pl.lit("fb"),
    )
    profiles, notes = unreadable_profile_values(
        profiles, {"created_at": ("Page Created", posts["Page Created"]),
                   "followers_count": ("Followers at Posting", posts["Followers at Posting"])}, source)
    return conform_accounts(profiles), notes

"""Files for Neo4j's offline bulk importer (``neo4j-admin database import full``).

The first load of a big collection into an empty database is much faster offline than through
``UNWIND … MERGE``: `write_import_files` writes the graph `Neo4jStore.load_events` and
`Neo4jStore.load_accounts` would build (same labels, keys, properties and relationships) as CSV
files with the importer's headers, and the arguments that load them.

Each node's id in the files is its id in the store (``--id-type=actual``): accounts (sorted),
then objects (in order of first appearance), then posts (grouped by account), numbered from 0 in
one sequence, so the relationship files hold numbers only and the importer needs no id lookup.
Strings are quoted as RFC 4180 requires; ``--multiline-fields=true`` is added when a value holds a line break. Constraints and indexes are
not part of an import (Community Edition): the folder's ``schema.cypher`` holds them, to run once
the server has started (``scripts/neo4j-local import`` does so before the server says ready;
elsewhere ``graphmon ingest --schema-only``).

Semantics of the online load, reproduced here: an account's platform is its first non-null
event platform unless a profile names one; profiles are applied in order, present values
overwriting earlier ones, and set ``has_profile``; a post, keyed by (account_id, content_id),
takes the earliest time of its shares and the platform and text of its earliest share; there
is one ``SHARES`` per distinct (post, object, timestamp).
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from graphmon.codes import first_appearance_codes
from graphmon.errors import ConfigError
from graphmon.events import ACCOUNT_SCHEMA, EVENT_SCHEMA
from graphmon.store import rows
from graphmon.store.labels import object_label
from graphmon.store.statements import statement

ARGUMENTS_FILE = "import.args"
SCRIPT_FILE = "import.sh"
SCHEMA_FILE = "schema.cypher"
TABLE_FILES = ("accounts.csv", "objects.csv", "posts.csv", "posted.csv", "shares.csv")
IMPORT_FILES = (*TABLE_FILES, ARGUMENTS_FILE, SCHEMA_FILE, SCRIPT_FILE)
"""Every file ``write_import_files`` writes."""
_ID = "_id"
_TYPES: dict[type[pl.DataType], str] = {pl.Float64: "double", pl.Int64: "long", pl.Boolean: "boolean"}


@dataclass(frozen=True)
class ImportFiles:
    """The files of one bulk import (in ``directory``) and what they hold."""

    directory: Path
    accounts: int
    objects: int
    posts: int
    shares: int
    profiles: int
    multiline: bool

    @property
    def relationships(self) -> int:
        """``POSTED`` plus ``SHARES``."""
        return self.posts + self.shares

    def arguments(self) -> list[str]:
        """Options of ``neo4j-admin database import full``, file names relative to ``directory``."""
        # --nodes and --relationships take several values: a single-valued option ends the list.
        return ["--nodes=Account=accounts.csv", "--nodes=Object=objects.csv", "--nodes=Post=posts.csv",
                "--relationships=POSTED=posted.csv", "--relationships=SHARES=shares.csv",
                f"--multiline-fields={str(self.multiline).lower()}", "--id-type=actual"]

    def command(self, *, admin: str = "neo4j-admin", database: str = "neo4j") -> str:
        """The shell command that imports the files into the stopped server's ``database``."""
        words = [admin, "database", "import", "full", *self.arguments(), database]
        return f"cd {shlex.quote(str(self.directory))} && {shlex.join(words)}"


def import_tables(events: pl.DataFrame, profiles: Sequence[pl.DataFrame] = ()) -> dict[str, pl.DataFrame]:
    """The five import tables (``accounts``, ``objects``, ``posts``, ``posted``, ``shares``), with
    the importer's column headers, from the canonical events and profile tables.

    Accounts, objects and posts are matched through integer codes (`first_appearance_codes`), so
    the strings are hashed once and never joined or sorted.
    """
    missing = [name for name in EVENT_SCHEMA if name not in events.columns]
    if missing:
        raise ConfigError(f"the events table lacks column {', '.join(missing)}; pass the table read_events returns")
    accounts = _with_ids(account_nodes(events, profiles), 0)
    account_code, account_keys = first_appearance_codes(events, ["account_id"])
    content_code, content_keys = first_appearance_codes(events, ["content_id"])
    object_code, object_keys = first_appearance_codes(events, ["object_type", "object_id"])
    objects = _with_ids(object_keys.with_columns(object_label(pl.col("object_type")).alias("label")),
                        accounts.height)
    first_post = accounts.height + objects.height
    # Shares sorted by post (account, content), time, then object type and id: a post's first row is
    # its earliest share (its time, platform and text); equal neighbours are one SHARES.
    object_rank = np.empty(len(object_keys), dtype=np.int64)
    object_rank[object_keys.with_row_index("code").sort("object_type", "object_id")["code"].to_numpy()] = \
        np.arange(len(object_keys))
    post_key = account_code.astype(np.int64) * len(content_keys) + content_code
    shares = (pl.DataFrame({"post": post_key, "rank": object_rank[object_code], "timestamp": events["timestamp"]})
              .with_row_index("row").sort("post", "timestamp", "rank", "row"))
    post, rank, timestamp = (shares[name].to_numpy() for name in ("post", "rank", "timestamp"))
    new_post = np.ones(len(post), dtype=bool)
    new_post[1:] = post[1:] != post[:-1]
    new_share = new_post.copy()
    new_share[1:] |= (timestamp[1:] != timestamp[:-1]) | (rank[1:] != rank[:-1])
    post_id = np.cumsum(new_post) - 1 + first_post
    row = shares["row"].to_numpy()
    earliest = row[new_post]
    posts = (events[earliest].select("account_id", "content_id", "timestamp", "platform", "text")
             .with_columns(pl.Series(_ID, post_id[new_post], dtype=pl.Int64)).select(_ID, pl.exclude(_ID)))
    account_node = account_keys.join(accounts.select("account_id", _ID), on="account_id", how="left",
                                      maintain_order="left")[_ID].to_numpy()
    return {
        "accounts": _headed(accounts),
        "objects": _headed(objects.rename({"label": ":LABEL"})),
        "posts": _headed(posts),
        "posted": _relationship(pl.DataFrame({"start": account_node[account_code[earliest]],
                                              "end": post_id[new_post]}, schema={"start": pl.Int64, "end": pl.Int64})),
        # one SHARES per distinct (post, object, time), as the online load keeps
        "shares": _relationship(pl.DataFrame({"start": post_id[new_share],
                                              "end": object_code[row[new_share]].astype(np.int64) + accounts.height,
                                              "timestamp": timestamp[new_share]},
                                             schema={"start": pl.Int64, "end": pl.Int64, "timestamp": pl.Float64})),
    }


def account_nodes(events: pl.DataFrame, profiles: Sequence[pl.DataFrame] = ()) -> pl.DataFrame:
    """One row per account of the events or the profiles, sorted: ``account_id``, ``platform``
    and, with profiles, the profile columns and ``has_profile``.

    >>> events = pl.DataFrame({"account_id": ["a", "a", "b"], "platform": [None, "tw", None]})
    >>> profile = pl.DataFrame({"account_id": ["b", "c"], "screen_name": ["bee", None], "platform": ["fb", None]})
    >>> account_nodes(events, [profile]).rows()
    [('a', 'tw', None, None), ('b', 'fb', 'bee', True), ('c', None, None, True)]
    """
    accounts = rows.event_accounts(events)
    tables = [table for table in profiles if table.height]
    if not tables:
        return accounts
    present = [name for name in rows.PROFILE_COLUMNS if any(name in table.columns for table in tables)]
    stacked = pl.concat([table.select("account_id", *[
        (pl.col(name) if name in table.columns else pl.lit(None)).cast(ACCOUNT_SCHEMA[name]).alias(name)
        for name in present]) for table in tables])
    # Each profile sets its non-null values over the earlier ones: the last non-null value wins.
    merged = (stacked.group_by("account_id", maintain_order=True)
              .agg(*[pl.col(name).drop_nulls().last() for name in present], has_profile=pl.lit(True)))
    platform = [pl.coalesce("platform_profile", "platform").alias("platform")] if "platform" in present else []
    return (accounts.join(merged, on="account_id", how="full", coalesce=True, suffix="_profile")
            .with_columns(*platform).drop("platform_profile", strict=False).sort("account_id"))


def write_import_files(events: pl.DataFrame, directory: str | Path,
                       profiles: Sequence[pl.DataFrame] = ()) -> ImportFiles:
    """Write the import tables as CSV files into ``directory`` (created if missing), with
    ``import.args`` (the importer's arguments, one a line), ``import.sh`` (the command) and
    ``schema.cypher`` (graphmon's constraints and indexes, to create after the import)."""
    folder = Path(directory).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    tables = import_tables(events, profiles)
    for name, table in tables.items():
        table.write_csv(folder / f"{name}.csv")
    written = ImportFiles(directory=folder, accounts=tables["accounts"].height, objects=tables["objects"].height,
                          posts=tables["posts"].height, shares=tables["shares"].height,
                          profiles=int(tables["accounts"]["has_profile:boolean"].sum())
                          if "has_profile:boolean" in tables["accounts"].columns else 0,
                          multiline=any(_has_line_breaks(tables[name]) for name in ("accounts", "objects", "posts")))
    (folder / ARGUMENTS_FILE).write_text("\n".join(written.arguments()) + "\n", encoding="utf-8")
    (folder / SCHEMA_FILE).write_text(statement("schema"), encoding="utf-8")
    script = folder / SCRIPT_FILE
    script.write_text(_script(written), encoding="utf-8")
    script.chmod(0o755)
    return written


def _with_ids(frame: pl.DataFrame, first: int) -> pl.DataFrame:
    return frame.with_row_index(_ID, offset=first).with_columns(pl.col(_ID).cast(pl.Int64))


def _headed(frame: pl.DataFrame) -> pl.DataFrame:
    """Node columns named as the importer reads them: ``:ID`` and ``name:type``."""
    return frame.rename({name: ":ID" if name == _ID else _typed(name, frame.schema[name])
                         for name in frame.columns})


def _relationship(frame: pl.DataFrame) -> pl.DataFrame:
    names = {"start": ":START_ID", "end": ":END_ID"}
    return frame.rename({name: names.get(name) or _typed(name, frame.schema[name]) for name in frame.columns})


def _typed(name: str, dtype: pl.DataType) -> str:
    kind = _TYPES.get(type(dtype))
    return f"{name}:{kind}" if kind and not name.startswith(":") else name


def _has_line_breaks(frame: pl.DataFrame) -> bool:
    texts = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return bool(texts) and bool(frame.select(pl.any_horizontal(
        pl.col(name).str.contains(r"[\r\n]").any() for name in texts)).item())


def _script(files: ImportFiles) -> str:
    words = shlex.join(["database", "import", "full", *files.arguments()])
    return (
        "#!/bin/sh\n"
        "# Bulk import of share events written by `graphmon ingest --import-files`: run it where the Neo4j 5\n"
        "# server runs, with the server stopped and the database empty or absent. Arguments are passed on\n"
        "# (e.g. --overwrite-destination); NEO4J_ADMIN names the tool (default neo4j-admin), NEO4J_DATABASE\n"
        "# the database (default neo4j). Then start the server and run: graphmon ingest --schema-only\n"
        "# (or the statements of schema.cypher, e.g. cypher-shell -f schema.cypher)\n"
        'cd "$(dirname "$0")" || exit 1\n'
        f'exec "${{NEO4J_ADMIN:-neo4j-admin}}" {words} "$@" "${{NEO4J_DATABASE:-neo4j}}"\n'
    )

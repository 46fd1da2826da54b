"""Options shared by several commands."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from graphmon.errors import ConfigError


def parse_mapping(values: tuple[str, ...]) -> dict[str, str]:
    """``("account_id=author_id",)`` -> ``{"account_id": "author_id"}``.

    >>> parse_mapping(("account_id=author_id", "timestamp=created"))
    {'account_id': 'author_id', 'timestamp': 'created'}
    """
    mapping = {}
    for value in values:
        canonical, sep, source = value.partition("=")
        if not sep or not canonical.strip() or not source.strip():
            raise ConfigError(f"--map takes CANONICAL=INPUT_COLUMN, e.g. account_id=author_id; got {value!r}")
        mapping[canonical.strip()] = source.strip()
    return mapping


def parse_list(value: str | None) -> tuple[str, ...]:
    """``"url_id, hashtag_id"`` -> ``("url_id", "hashtag_id")``."""
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def input_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The reading options of ``analyze`` and ``ingest``."""
    decorators = [
        click.argument("inputs", nargs=-1, type=click.Path(dir_okay=False), required=False),
        click.option("--accounts", "accounts_path", type=click.Path(dir_okay=False),
                     help="Accounts table with profiles (columns: see the README, --accounts)."),
        click.option("--map", "mapping", multiple=True, metavar="CANONICAL=COLUMN",
                     help="Read an input column under a canonical name, e.g. --map account_id=author_id."),
        click.option("--objects", metavar="COL,COL", help="Melt a wide table: one event per non-empty column, "
                     "e.g. --objects url_id,hashtag_id,domain_id,phash_id."),
        click.option("--input-format", default="auto", show_default=True,
                     type=click.Choice(["auto", "events", "coortweet", "twitter-v2", "twitter-v1", "telegram",
                                        "crowdtangle"]), help="How to read INPUT files."),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def check_out_dir(out_dir: str, *, report_files: tuple[str, ...], inputs: tuple[str | None, ...],
                  option: str = "--out") -> None:
    """Refuse, before any work, an output folder (``option``) that cannot be created or written,
    or where one of ``report_files`` would overwrite one of ``inputs``."""
    if not out_dir.strip():
        raise ConfigError(f"{option} must name a folder")
    folder = Path(out_dir)
    for given in (p for p in inputs if p and Path(p).is_file()):
        for name in report_files:  # samefile: through symlinks, hard links and case-insensitive names too
            if (folder / name).exists() and os.path.samefile(folder / name, given):
                raise ConfigError(f"{option} {out_dir}: the output would overwrite the input {given} "
                                  f"(as {name}); choose another folder")
    existing = next(parent for parent in (folder, *folder.parents) if parent.exists() or parent == Path(parent.anchor))
    if not existing.is_dir():
        raise ConfigError(f"{option} {out_dir}: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ConfigError(f"{option} {out_dir}: {existing} is not writable; choose another folder")

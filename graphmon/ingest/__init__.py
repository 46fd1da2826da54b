"""Files and platform exports -> the canonical events table (SPEC §1) and accounts (SPEC §2).

`read_events` reads canonical events (CSV, TSV, Parquet, JSON Lines; optionally gzip) and,
through one adapter a module, the CooRTweet table, Twitter/X API v2 and v1.1 JSON, Telegram
Desktop exports and CrowdTangle Facebook CSV. `read_accounts` reads the accounts table.
Problems in a file raise `graphmon.errors.InputError` naming the file, row and column.
"""

from graphmon.ingest.accounts import read_accounts, read_profiles
from graphmon.ingest.formats import InputFormat
from graphmon.ingest.read import ReadResult, read_events

__all__ = ["InputFormat", "ReadResult", "read_accounts", "read_events", "read_profiles"]

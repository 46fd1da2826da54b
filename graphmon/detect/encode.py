"""Integer encoding of an events table, sorted for windowed pairing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl


@dataclass(frozen=True)
class EncodedEvents:
    """Events as integer arrays, sorted by (object, timestamp, account first appearance, row).

    ``row`` maps each sorted position back to the row of the original table. ``account_ids``
    and ``object_keys`` decode the codes, which follow first appearance in the input. Ties in
    time keep the account that first appears earlier in the input first, as CooRTweet orders them.
    """

    row: np.ndarray  # int64, original row index
    account: np.ndarray  # int32 code into account_ids
    obj: np.ndarray  # int32 code into object_keys
    timestamp: np.ndarray  # float64 seconds
    account_ids: pl.Series  # code -> account_id
    object_keys: pl.DataFrame  # code -> (object_type, object_id)

    @property
    def n_accounts(self) -> int:
        return len(self.account_ids)

    @property
    def n_objects(self) -> int:
        return self.object_keys.height

    def account_codes(self, account_ids: Sequence[str] | pl.Series) -> np.ndarray:
        """The codes of ``account_ids``, in their order (-1 for an unknown account)."""
        wanted = pl.DataFrame({"account_id": pl.Series(account_ids, dtype=pl.String)})
        codes = pl.DataFrame({"account_id": self.account_ids}).with_row_index("code")
        found = wanted.join(codes, on="account_id", how="left", maintain_order="left")["code"]
        return found.fill_null(-1).cast(pl.Int64).to_numpy()


def first_appearance_codes(frame: pl.DataFrame, columns: list[str]) -> tuple[np.ndarray, pl.DataFrame]:
    """Codes of the distinct values of ``columns`` (0 = first to appear) and the distinct values.

    Values are matched by a 64-bit hash, then every row is checked against its code's value; in
    the (astronomically rare) case of a collision the exact, slower join is used instead.

    >>> codes, keys = first_appearance_codes(pl.DataFrame({"a": ["x", "y", "x"]}), ["a"])
    >>> codes.tolist(), keys["a"].to_list()
    ([0, 1, 0], ['x', 'y'])
    """
    hashed = frame.select(pl.struct(columns).hash(seed=7).alias("h")).with_row_index("row")
    firsts = hashed.unique("h", keep="first", maintain_order=True).with_row_index("code")
    codes = hashed.join(firsts.select("h", "code"), on="h", how="left", maintain_order="left")["code"]
    keys = frame.select(columns)[firsts["row"].to_numpy()]
    back = keys[codes.to_numpy()]
    if all((back[c] == frame[c]).all() for c in columns):
        return codes.to_numpy().astype(np.int32), keys
    return _exact_codes(frame, columns)


def _exact_codes(frame: pl.DataFrame, columns: list[str]) -> tuple[np.ndarray, pl.DataFrame]:
    keys = frame.select(columns).unique(maintain_order=True)
    coded = frame.select(columns).join(keys.with_row_index("code"), on=columns, how="left", maintain_order="left")
    return coded["code"].to_numpy().astype(np.int32), keys


def encode_events(events: pl.DataFrame) -> EncodedEvents:
    """Encode and sort ``events`` (the canonical table) for pairing."""
    account, account_keys = first_appearance_codes(events, ["account_id"])
    obj, object_keys = first_appearance_codes(events, ["object_type", "object_id"])
    timestamp = events["timestamp"].to_numpy().astype(np.float64)
    order = (
        pl.DataFrame({"obj": obj, "timestamp": timestamp, "account": account})
        .with_row_index("row").sort("obj", "timestamp", "account", "row")["row"].to_numpy()
    )
    return EncodedEvents(
        row=order.astype(np.int64),
        account=account[order],
        obj=obj[order],
        timestamp=timestamp[order],
        account_ids=account_keys["account_id"],
        object_keys=object_keys,
    )

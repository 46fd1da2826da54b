"""Integer encoding of an events table, sorted for windowed pairing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from graphmon.codes import first_appearance_codes


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

"""Integer encoding of an events table, sorted for windowed pairing."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl


@dataclass(frozen=True)
class EncodedEvents:
    """Events as integer arrays, sorted by (object, timestamp, account first appearance, row).

    ``row`` maps each sorted position back to the row of the original table. ``account_ids``
    and ``object_keys`` decode the codes. Ties in time keep the account that first appears
    earlier in the input first, as CooRTweet orders them.
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


def encode_events(events: pl.DataFrame) -> EncodedEvents:
    """Encode and sort ``events`` (the canonical table) for pairing.

    Account codes follow first appearance in the input; object codes follow first appearance too.
    """
    frame = events.select("account_id", "object_type", "object_id", "timestamp").with_row_index("row")
    accounts = frame.select("account_id").unique(maintain_order=True).with_row_index("account")
    objects = (
        frame.select("object_type", "object_id").unique(maintain_order=True).with_row_index("obj")
    )
    coded = (
        frame.join(accounts, on="account_id", how="left", maintain_order="left")
        .join(objects, on=["object_type", "object_id"], how="left", maintain_order="left")
        .select("row", "account", "obj", "timestamp")
        .sort(["obj", "timestamp", "account", "row"])
    )
    return EncodedEvents(
        row=coded["row"].to_numpy().astype(np.int64),
        account=coded["account"].to_numpy().astype(np.int32),
        obj=coded["obj"].to_numpy().astype(np.int32),
        timestamp=coded["timestamp"].to_numpy().astype(np.float64),
        account_ids=accounts["account_id"],
        object_keys=objects.select("object_type", "object_id"),
    )

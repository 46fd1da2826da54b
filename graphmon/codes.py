"""Integer codes for the distinct values of table columns, shared by the analysis encoding and
the bulk-import files."""

from __future__ import annotations

import numpy as np
import polars as pl


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

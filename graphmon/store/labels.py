"""The fixed allowlist of node labels per ``object_type``; labels never come from input.

Every object is an ``:Object``; a known type adds one more label (``url`` -> ``:Url``). An
unknown type gets ``:Object`` only. The label is set by ``cypher/load_objects.cypher``, whose
text names each label of this table literally (a test checks the two agree).
"""

from __future__ import annotations

import polars as pl

OBJECT_LABELS: dict[str, str] = {
    "retweet": "Retweet",
    "quote": "Quote",
    "reply": "Reply",
    "forward": "Forward",
    "url": "Url",
    "domain": "Domain",
    "hashtag": "Hashtag",
    "mention": "Mention",
    "image": "Image",
    "phash": "Image",
    "video": "Video",
    "text": "Text",
}


def object_label(object_types: pl.Expr) -> pl.Expr:
    """The allowlisted extra label of each object type, null for types not in the list.

    >>> pl.select(object_label(pl.lit("phash"))).item()
    'Image'
    >>> pl.select(object_label(pl.lit("Url) DETACH DELETE n //"))).item() is None
    True
    """
    return object_types.replace_strict(OBJECT_LABELS, default=None, return_dtype=pl.String)

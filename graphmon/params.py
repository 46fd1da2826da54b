"""The one home of analysis defaults; a `Params` is written into every report."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any, Literal

from graphmon.errors import ConfigError

Method = Literal["default", "coortweet"]
METHODS: tuple[Method, ...] = ("default", "coortweet")


@dataclass(frozen=True)
class Params:
    """Analysis parameters.

    window_s: two shares of the same object are a co-share when at most this many seconds apart.
    min_participation: default method: distinct co-shared objects an edge needs;
        coortweet method: CooRTweet's ``min_participation``.
    edge_weight: coortweet method only: the weight quantile an edge must exceed.
    fdr: default method: false-discovery rate of the per-edge null-model test (Benjamini-Hochberg).
    min_consistency: default method: share of the objects two accounts both shared that they
        co-shared within the window (fans and organic co-sharers score low).
    min_dominance: default method: share of all shares of the objects a cluster co-shared, around
        the moments it shared them, that the cluster's members made (a few fans of a crowd score low).
    max_object_accounts: default method: objects shared by more accounts are not paired (their
        co-shares are no evidence of coordination); they still count in accounts' activity.
    resolution: default method: Leiden resolution (modularity).
    min_cluster_size: clusters smaller than this are not reported.
    seed: seeds every random step (Leiden), so the same input gives the same report.

    >>> Params(window_s=30).window_s
    30.0
    >>> Params(window_s=-1)
    Traceback (most recent call last):
    ...
    graphmon.errors.ConfigError: window_s must be > 0 and finite, got -1.0
    """

    window_s: float = 60.0
    min_participation: int = 2
    edge_weight: float = 0.5
    method: Method = "default"
    fdr: float = 0.01
    min_consistency: float = 0.5
    min_dominance: float = 0.5
    max_object_accounts: int = 1000
    resolution: float = 1.0
    min_cluster_size: int = 2
    seed: int = 42

    def __post_init__(self) -> None:
        object.__setattr__(self, "window_s", float(self.window_s))
        if not 0 < self.window_s < math.inf:
            raise ConfigError(f"window_s must be > 0 and finite, got {self.window_s}")
        if self.min_participation < 1:
            raise ConfigError(f"min_participation must be >= 1, got {self.min_participation}")
        if not 0.0 <= self.edge_weight < 1.0:
            raise ConfigError(f"edge_weight is a quantile in [0, 1), got {self.edge_weight}")
        if not 0.0 < self.fdr <= 1.0:
            raise ConfigError(f"fdr must be in (0, 1], got {self.fdr}")
        if not 0.0 <= self.min_consistency <= 1.0:
            raise ConfigError(f"min_consistency must be in [0, 1], got {self.min_consistency}")
        if not 0.0 <= self.min_dominance <= 1.0:
            raise ConfigError(f"min_dominance must be in [0, 1], got {self.min_dominance}")
        if self.max_object_accounts < 2:
            raise ConfigError(f"max_object_accounts must be >= 2, got {self.max_object_accounts}")
        if not 0 < self.resolution < math.inf:
            raise ConfigError(f"resolution must be > 0 and finite, got {self.resolution}")
        if self.min_cluster_size < 2:
            raise ConfigError(f"min_cluster_size must be >= 2, got {self.min_cluster_size}")
        if self.seed < 0:
            raise ConfigError(f"seed must be >= 0, got {self.seed}")
        if self.method not in METHODS:
            raise ConfigError(f"method must be one of {', '.join(METHODS)}, got {self.method!r}")

    def to_dict(self) -> dict[str, Any]:
        """The parameters as written into a report."""
        return dataclasses.asdict(self)

"""Generate realistic share data with planted coordinated groups and their ground truth.

Usage::

    python benchmarks/generate.py --events 1000000 --seed 1 --out /tmp/bench-1m [--no-planted]
        [--stealth low|mid|high|mixed]

writes

- ``OUT/events.parquet``: the canonical share events of SPEC §1 (``account_id``, ``object_id``,
  ``object_type``, ``timestamp`` as float unix seconds, ``content_id``, ``platform``), sorted by
  time;
- ``OUT/accounts.csv``: the SPEC §2 profile columns for every account that has an event;
- ``OUT/truth.csv``: ``account_id, group_id, kind, stealth`` for every planted account, where
  ``kind`` is ``covert`` (a planted anonymous coordinated group) or ``open`` (a legitimate,
  openly co-posting group) and ``stealth`` is the covert group's level (empty for ``open``);
- ``OUT/meta.json``: the arguments, events per ingredient, the planted groups and some statistics
  of the data (among them how many planted co-shares fall within 60 s).

Everything is vectorised with numpy and pyarrow: Python loops run over groups, shows, hubs or
bots, never over events (10M events take about 20 s of CPU and 2.1 GB). The same ``--seed``
gives the same files, and every ingredient draws from its own random stream, so the organic part
is identical whatever ``--stealth`` or ``--no-planted`` say: the data with planted groups are the
data without them plus the planted events.

The data cover 14 days from 2024-03-04T00:00:00Z on one platform (``tw``). Times of day follow a
diurnal profile (quiet at 02-06 h, busiest in the evening). ``--events N`` sets the size: the
organic part is sized from N, the planted part adds about 2 % of N, so the total is close to N.

Ingredients and their parameters
--------------------------------
Organic accounts
    ``round(0.95 N / 20)`` accounts, so about 20 events each. Activity is heavy-tailed: every
    account has a weight ``w ~ lognormal(0, 1.4)``; each ingredient picks accounts with
    probability proportional to ``w`` (background) or ``sqrt(w)`` (viral, fans, audiences: these
    reach beyond the most active). 20 % look anonymous: default avatar (p 0.85), empty display
    name (p 0.7, else the handle), empty bio (p 0.9), a handle that is a word plus 8 digits or 8-14
    random characters, created within a year before the data, few followers. The others have a
    first/last-name handle and display name, a bio (p 0.75), an account 1-15 years old and
    lognormal followers (median 150) and friends (median 300).
Objects and background sharing (the bulk, 88.5 % of N)
    Three object types: ``retweet`` 50 % of background events (object id: a snowflake-style post
    id), ``url`` 30 % (``https://DOMAIN/SECTION/ID`` over 400 domains of Zipf popularity) and
    ``hashtag`` 20 % (``#WordWord`` or ``#WordWord2024``). About 5, 3 and 25 events per object
    respectively. Popularity is a power law, ``p(rank k) ~ (k + 30)^-1.0``. Each object is born at
    a diurnal time from one day before the period to its end; its shares follow at a lognormal
    delay after its birth (median 1 h for retweets, 2 h for urls, 8 h for hashtags, sigma 1.6),
    scaled per object by ``lognormal(0, 0.6)`` (some objects live longer); shares after the end
    of the period are dropped. Every retweeted post has an author (an organic account drawn with
    weight ``lognormal(0, 2)``), used to pick the covert groups' targets.
Viral bursts (about 1.5 % of N)
    ``max(1, round(0.015 N / 2000))`` new objects (70 % retweets, 20 % hashtags, 10 % urls),
    each shared by ``clip(lognormal(ln 2000, 0.5), 500, 8000)`` accounts (at most 3 % of N):
    85 % of the shares at ``gamma(1.2, 150 s)`` after the start (thousands within minutes),
    15 % in a tail of median 2 h.
Hyperactive accounts (aggregator bots)
    ``max(3, round(4 sqrt(N / 1e6)))`` bots with named, non-anonymous profiles and high status
    counts. Each shares a fraction ``U(0.3, 0.8)`` of the ``max(100, N / 500)`` most shared
    objects (background and viral). A bot polls its sources every ``P ~ lognormal(ln 600 s, 0.7)``
    (clipped to 60 s - 1 h) from its own phase, so it shares each object at the first poll
    after the object's birth, plus ``exponential(5 s)``.
Fan bases (about 5 % of N)
    ``max(1, round(0.05 N / 40000))`` popular accounts (verified, 50k-5M followers), each with
    ``U(150, 500)`` fans (organic accounts; fans of different hubs may overlap) and 20-250 posts
    over the period (as many as the budget allows). A fan retweets each post with its own
    probability ``Beta(4, 2)`` (mean 0.67: most posts) at ``lognormal(median m_f, 0.9)`` after
    the post, with ``m_f ~ lognormal(ln 120 s, 0.5)`` (within minutes). Each post also gets
    ``Poisson(15)`` retweets from other accounts (median 1 h later). Organic, not coordinated.
Broadcast audiences (about 3 % of N)
    ``max(1, round(0.03 N / 9000))`` live shows, each with an audience of
    ``clip(lognormal(ln 2500, 0.4), 300, 6000)`` organic accounts (fewer when the budget is
    small), 3-5 two-hour episodes at 19 or 20 h on different days, and 2-4 hashtags (the first
    used in 60 % of posts). In an episode each member takes part with probability 0.6 and posts
    ``1 + Poisson(1)`` times: 70 % uniform over the two hours, 30 % within ``N(0, 60 s)`` of one
    of 3-6 key moments.
Open co-posting groups (planted, kind ``open``; about 0.4 % of N)
    ``max(1, round(0.004 N / 900))`` newsrooms, each with 5-10 named, verified pages (old,
    10k-1M followers, "Official account of ..." bios) and its own domain. The newsroom publishes
    ``U(6, 15)`` articles a day; each page posts an article's URL with probability ``U(0.6,
    0.9)`` (its own) at ``lognormal(median 5 s, 0.8)`` after publication (a scheduling tool).
    Articles also get ``Poisson(8)`` organic shares (median 1 h later). Legitimate.
Covert groups (planted, kind ``covert``; about 1.5 % of N)
    ``max(2, round(0.015 N / 500))`` groups of ``round(exp(U(ln 5, ln 60)))`` members (5-60).
    Members look anonymous (as above) and their accounts were created within a window of
    ``U(1, 4)`` days, ``U(20, 400)`` days before the data; ``followers ~ Poisson(8)``. A group
    runs ``U{15..45}`` operations at diurnal times over the period: 45 % push a new URL of the
    group's own 1-2 domains, 20 % a campaign hashtag (from a pool of half as many hashtags as
    such operations), 35 % retweet a post of one of the group's 1-3 target accounts (prolific
    authors of background retweets; URLs instead when they posted too little), triggered
    ``lognormal(median 120 s, 0.6)`` after the post.
    In each operation each member takes part with probability ``participation`` (at least 2
    members do) and shares at ``lognormal(median, sigma)`` after the trigger:

    ==========  ========  =====  =============
    stealth     median    sigma  participation
    ==========  ========  =====  =============
    ``low``     10 s      0.8    0.9
    ``mid``     40 s      0.7    0.7
    ``high``    300 s     1.0    0.5
    ==========  ========  =====  =============

    ``--stealth mixed`` gives each group a level in turn (a third each). The group's URLs and
    hashtags then get ``Poisson(2)`` organic shares (median 2 h later), and each member also
    makes ``Poisson(8)`` cover shares of objects others shared (median 30 min after them).
``--no-planted``
    omits the covert and the open groups (and their objects' organic shares).
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

T0 = 1709510400.0  # 2024-03-04T00:00:00Z
DAYS = 14
T_END = T0 + DAYS * 86400.0
SNOWFLAKE_EPOCH_MS = 1288834974657
PLATFORM = "tw"
OBJECT_TYPES = ("retweet", "url", "hashtag")
RT, URL, HT = 0, 1, 2


@dataclass(frozen=True)
class Stealth:
    """How a covert group hides: members' delay after the trigger, and their participation."""

    median_s: float
    sigma: float
    participation: float


STEALTH: dict[str, Stealth] = {
    "low": Stealth(median_s=10.0, sigma=0.8, participation=0.9),
    "mid": Stealth(median_s=40.0, sigma=0.7, participation=0.7),
    "high": Stealth(median_s=300.0, sigma=1.0, participation=0.5),
}

# Hour-of-day weights (UTC stands in for the audience's local time).
DIURNAL = np.array(
    [3, 2, 1.2, 0.8, 0.7, 0.9, 1.6, 3, 4.2, 4.8, 5, 5.2, 5.6, 5.4, 5.2, 5.2, 5.4, 5.8, 6.4, 7, 7.4,
     7.2, 6, 4.4],
    dtype=np.float64,
)

# One independent random stream per ingredient: adding or changing one leaves the others alone.
STREAMS = {
    "names": 1, "organic": 2, "background": 3, "viral": 4, "bots": 5, "fans": 6, "broadcast": 7,
    "open": 8, "covert": 9, "covert_tail": 10, "profiles": 11, "ids": 12,
}

WORDS = (
    "alpha amber anchor apple arrow aurora autumn badger banner beacon bear birch blaze bloom "
    "blue bold breeze bridge bright brook cactus candle canyon captain cedar charm cherry cider "
    "cinder city cloud clover cobalt comet coral cosmic cotton crane crimson crystal daily dawn "
    "delta desert diamond dragon dream drift eagle echo ember emerald falcon fern field fire flame "
    "flint forest fox free frost galaxy garden ghost giant ginger glacier gold granite green grove "
    "harbor harvest hawk heart hero hill honey horizon hunter iron island ivory jade jazz jolly "
    "jungle karma king lake lantern legend lemon liberty light lion lotus lucky lunar maple marble "
    "meadow metro midnight mint misty moon mountain nation native noble north nova oak ocean olive "
    "omega onyx orbit orchid panda patriot peak pearl pepper phoenix pine pixel planet polar prairie "
    "prime pulse quartz quest rain raven rebel ridge river rocket rose ruby sage sail scarlet shadow "
    "silver sky smoke snow solar spark spirit spring star steel stone storm summit sun swift thunder "
    "tiger timber topaz tower truth tulip union unity valley velvet victory viking violet voice wave "
    "west whisper wild willow wind winter wolf wonder zen zephyr"
).split()
FIRST_NAMES = (
    "james mary john patricia robert jennifer michael linda william elizabeth david barbara richard "
    "susan joseph jessica thomas sarah charles karen chris nancy daniel lisa matthew betty anthony "
    "sandra mark ashley paul emily steven donna andrew michelle joshua carol kevin amanda brian "
    "melissa george deborah tim stephanie jason rebecca ryan laura jacob helen gary sharon nicholas "
    "cynthia eric kathleen jonathan amy larry anna justin ruth scott olivia brandon emma frank sofia "
    "raymond maria gregory lucia samuel chloe benjamin julia patrick grace jack alice dennis hannah "
    "jerry nora tyler lea aaron mia jose ana adam ines henry clara"
).split()
LAST_NAMES = (
    "smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez "
    "gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris "
    "sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill "
    "flores green adams nelson baker hall rivera campbell mitchell carter roberts gomez phillips "
    "evans turner diaz parker cruz edwards collins reyes stewart morris morales murphy cook rogers "
    "gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson "
    "watson brooks chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo sanders "
    "patel myers long ross foster jimenez"
).split()
BIOS = (
    "Coffee lover. Dog person.", "Husband, father, fan of good books.", "Teacher | runner | optimist",
    "Opinions are my own.", "Nurse. Mom of two. Living my best life.", "Software engineer by day.",
    "Sports, music and politics.", "Proud grandma.", "Photographer and traveller.",
    "Student. Dreamer.", "Small business owner.", "Retired, finally.", "News junkie.",
    "Gardening and good food.", "Football is life.", "Love my family and my country.",
    "Writer, reader, overthinker.", "Vegan. Cyclist. Climate.", "Tech, science, and cats.",
    "Just here for the memes.",
)
SECTIONS = ("news", "politics", "world", "sport", "opinion", "business", "tech", "culture",
            "health", "local")
TLDS = (".com", ".com", ".com", ".net", ".org", ".co.uk", ".de", ".info", ".news", ".io")
NEWS_WORDS_A = ("Daily", "Evening", "Morning", "Northern", "Southern", "Metro", "National", "City",
                "Valley", "Coastal", "Central", "Western")
NEWS_WORDS_B = ("Courier", "Herald", "Tribune", "Gazette", "Chronicle", "Post", "Observer",
                "Ledger", "Sentinel", "Dispatch", "Journal", "Times")
DESKS = ("", "Politics", "Sport", "Business", "World", "Local", "Culture", "Tech", "Opinion",
         "Breaking", "Live")


# --------------------------------------------------------------------------------------------
# small vectorised helpers


def rng_for(seed: int, stream: str) -> np.random.Generator:
    """The random generator of one ingredient."""
    return np.random.default_rng([seed, STREAMS[stream]])


class Sampler:
    """Draws indices with replacement with probability proportional to fixed weights."""

    def __init__(self, weights: np.ndarray) -> None:
        w = np.asarray(weights, dtype=np.float64)
        self.p = w / (w.sum() * (1.0 + 1e-9))
        self.cdf = np.cumsum(w) / w.sum()

    def __call__(self, rng: np.random.Generator, n: int) -> np.ndarray:
        if 8 * n < len(self.p):  # few draws: inverse CDF
            return np.minimum(np.searchsorted(self.cdf, rng.random(n), side="right"), len(self.p) - 1)
        # many draws: multinomial counts, repeated and shuffled (the same distribution, without
        # n random look-ups into a large table)
        return rng.permutation(np.repeat(np.arange(len(self.p)), rng.multinomial(n, self.p)))


def weighted_sample(rng: np.random.Generator, weights: np.ndarray, n: int) -> np.ndarray:
    """``n`` indices drawn with replacement with probability proportional to ``weights``."""
    return Sampler(weights)(rng, n)


def weighted_unique(rng: np.random.Generator, weights: np.ndarray, n: int) -> np.ndarray:
    """About ``n`` distinct indices favouring large ``weights`` (Efraimidis-Spirakis keys)."""
    n = min(n, len(weights))
    keys = np.log(rng.random(len(weights))) / np.maximum(weights, 1e-12)
    return np.argpartition(-keys, n - 1)[:n] if n < len(weights) else np.arange(len(weights))


def zipf_weights(n: int, *, exponent: float = 1.0, offset: float = 30.0) -> np.ndarray:
    """Power-law popularity ``(rank + offset)^-exponent`` of ``n`` objects."""
    return (np.arange(1, n + 1, dtype=np.float64) + offset) ** -exponent


def diurnal_times(rng: np.random.Generator, n: int, start: float, end: float) -> np.ndarray:
    """``n`` times in ``[start, end)`` whose hour of day follows ``DIURNAL``; start at midnight."""
    n_days = max(1, int(math.ceil((end - start) / 86400.0)))
    day = rng.integers(0, n_days, n)
    hour = weighted_sample(rng, DIURNAL, n)
    t = start + day * 86400.0 + hour * 3600.0 + rng.random(n) * 3600.0
    bad = t >= end
    t[bad] = start + rng.random(int(bad.sum())) * (end - start)
    return t


def lognormal(rng: np.random.Generator, median: float, sigma: float, n: int) -> np.ndarray:
    """``n`` lognormal draws given the median."""
    return rng.lognormal(math.log(median), sigma, n)


def snowflake(t: np.ndarray, low_bits: np.ndarray) -> np.ndarray:
    """Twitter-style ids: milliseconds since the snowflake epoch, shifted, plus 22 low bits."""
    ms = (t * 1000.0).astype(np.int64) - SNOWFLAKE_EPOCH_MS
    return (ms << 22) | (low_bits.astype(np.int64) & ((1 << 22) - 1))


def make_unique(values: np.ndarray) -> np.ndarray:
    """``values`` with any repeated value bumped by one until all differ (order kept)."""
    values = values.copy()
    while True:
        order = np.argsort(values, kind="stable")
        dup = np.zeros(len(values), dtype=bool)
        dup[order[1:]] = values[order[1:]] == values[order[:-1]]
        if not dup.any():
            return values
        values[dup] += 1


def to_str(values: np.ndarray) -> pa.Array:
    """Integers as an Arrow string array."""
    return pc.cast(pa.array(values), pa.string())


def take(strings: pa.Array | list[str], idx: np.ndarray) -> pa.Array:
    """``strings[idx]`` as an Arrow string array."""
    if not isinstance(strings, pa.Array):
        strings = pa.array(list(strings), type=pa.string())
    return pc.take(strings, pa.array(idx.astype(np.int64)))


def join(*parts: pa.Array | str) -> pa.Array:
    """Element-wise concatenation of string arrays and literals."""
    return pc.binary_join_element_wise(*parts, "")


def random_tokens(rng: np.random.Generator, n: int, lo: int, hi: int) -> pa.Array:
    """``n`` random lower-case alphanumeric strings of ``lo``..``hi`` characters."""
    alphabet = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz0123456789", dtype=np.uint8)
    codes = alphabet[rng.integers(0, len(alphabet), (n, hi))]
    codes[:, 0] = alphabet[rng.integers(0, 26, n)]  # handles start with a letter
    lengths = rng.integers(lo, hi + 1, n)
    codes[np.arange(hi)[None, :] >= lengths[:, None]] = 0
    raw = codes.view(f"S{hi}").ravel()  # numpy strips the trailing NULs
    return pc.cast(pa.array(raw, type=pa.binary()), pa.string())


def digits(rng: np.random.Generator, n: int, width: int) -> pa.Array:
    """``n`` random strings of exactly ``width`` digits."""
    return to_str(rng.integers(10 ** (width - 1), 10**width, n))


def iso(t: np.ndarray) -> pa.Array:
    """Unix seconds as ISO 8601 UTC strings."""
    ts = pa.array((t * 1e6).astype(np.int64), type=pa.timestamp("us", tz="UTC"))
    return pc.strftime(ts, format="%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------------------------
# the data being built


@dataclass
class Parts:
    """Accounts, objects and events, added ingredient by ingredient, indexed globally."""

    account_tables: list[pa.Table] = field(default_factory=list)
    n_accounts: int = 0
    object_ids: list[pa.Array] = field(default_factory=list)
    object_types: list[np.ndarray] = field(default_factory=list)
    object_births: list[np.ndarray] = field(default_factory=list)
    n_objects: int = 0
    ev_account: list[np.ndarray] = field(default_factory=list)
    ev_object: list[np.ndarray] = field(default_factory=list)
    ev_time: list[np.ndarray] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def add_accounts(self, table: pa.Table) -> np.ndarray:
        """Append profiles; returns their global account indices."""
        start = self.n_accounts
        self.account_tables.append(table)
        self.n_accounts += table.num_rows
        return np.arange(start, self.n_accounts)

    def add_objects(self, ids: pa.Array, kind: int, birth: np.ndarray) -> np.ndarray:
        """Append objects; returns their global object indices."""
        start = self.n_objects
        self.object_ids.append(ids)
        self.object_types.append(np.full(len(ids), kind, dtype=np.int8))
        self.object_births.append(birth)
        self.n_objects += len(ids)
        return np.arange(start, self.n_objects)

    def add_events(self, name: str, account: np.ndarray, obj: np.ndarray, t: np.ndarray) -> None:
        """Append events of one ingredient, dropping those outside the period."""
        keep = (t >= T0) & (t < T_END)
        self.ev_account.append(account[keep].astype(np.int32))
        self.ev_object.append(obj[keep].astype(np.int32))
        self.ev_time.append(t[keep])
        self.counts[name] = self.counts.get(name, 0) + int(keep.sum())


# --------------------------------------------------------------------------------------------
# names and profiles


class HashtagFactory:
    """Distinct hashtags (``#WordWord`` or ``#WordWord2024``), handed out in a fixed order."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.space = len(WORDS) ** 2 * 40
        self.used = 0
        self.codes = np.empty(0, dtype=np.int64)

    def take(self, n: int) -> pa.Array:
        """``n`` hashtags not handed out before."""
        while self.used + n > len(self.codes):
            more = max(n, 100_000)
            fresh = self.rng.choice(self.space, size=more, replace=False)
            merged = np.concatenate([self.codes, fresh])
            _, first = np.unique(merged, return_index=True)
            self.codes = merged[np.sort(first)]
        code = self.codes[self.used : self.used + n]
        self.used += n
        w = len(WORDS)
        cap = pc.utf8_capitalize(pa.array(WORDS))
        suffix = code // (w * w)
        year = pc.if_else(pa.array(suffix == 0), "", to_str(1990 + suffix))
        return join("#", take(cap, code % w), take(cap, (code // w) % w), year)


def domains(rng: np.random.Generator, n: int, salt: str = "") -> pa.Array:
    """``n`` made-up web domains."""
    a = rng.integers(0, len(WORDS), n)
    b = rng.integers(0, len(WORDS), n)
    sep = take(["", "", "-"], rng.integers(0, 3, n))
    return join(take(WORDS, a), sep, take(WORDS, b), salt, take(TLDS, rng.integers(0, len(TLDS), n)))


def named_profiles(rng: np.random.Generator, n: int) -> dict[str, pa.Array | np.ndarray]:
    """Profiles of ordinary named people."""
    first = rng.integers(0, len(FIRST_NAMES), n)
    last = rng.integers(0, len(LAST_NAMES), n)
    style = rng.integers(0, 4, n)
    sep = take(["", "_", ".", ""], style)
    tail = pc.if_else(pa.array(rng.random(n) < 0.5), digits(rng, n, 2), "")
    fn = take(FIRST_NAMES, first)
    ln = take(LAST_NAMES, last)
    screen = join(fn, sep, ln, tail)
    display = join(pc.utf8_capitalize(fn), " ", pc.utf8_capitalize(ln))
    bio = pc.if_else(pa.array(rng.random(n) < 0.75), take(BIOS, rng.integers(0, len(BIOS), n)), "")
    return {
        "screen_name": screen,
        "display_name": display,
        "description": bio,
        "created_at": T0 - rng.uniform(365, 15 * 365, n) * 86400.0,
        "followers_count": lognormal(rng, 150, 1.5, n).astype(np.int64),
        "friends_count": lognormal(rng, 300, 1.0, n).astype(np.int64),
        "statuses_count": lognormal(rng, 3000, 1.3, n).astype(np.int64),
        "default_profile_image": rng.random(n) < 0.03,
        "verified": rng.random(n) < 0.003,
    }


def anonymous_profiles(
    rng: np.random.Generator, n: int, created_at: np.ndarray | None = None
) -> dict[str, pa.Array | np.ndarray]:
    """Anonymous-looking profiles: default avatar, no name or bio, word+digits or random handle."""
    word_digits = join(take(WORDS, rng.integers(0, len(WORDS), n)), digits(rng, n, 8))
    screen = pc.if_else(pa.array(rng.random(n) < 0.6), word_digits, random_tokens(rng, n, 8, 14))
    display = pc.if_else(pa.array(rng.random(n) < 0.7), "", screen)
    if created_at is None:
        created_at = T0 - rng.uniform(5, 365, n) * 86400.0
    return {
        "screen_name": screen,
        "display_name": display,
        "description": pc.if_else(pa.array(rng.random(n) < 0.9), "",
                                  take(BIOS, rng.integers(0, len(BIOS), n))),
        "created_at": created_at,
        "followers_count": rng.poisson(8, n).astype(np.int64),
        "friends_count": lognormal(rng, 120, 0.8, n).astype(np.int64),
        "statuses_count": lognormal(rng, 300, 1.0, n).astype(np.int64),
        "default_profile_image": rng.random(n) < 0.85,
        "verified": np.zeros(n, dtype=bool),
    }


def profile_table(cols: dict[str, pa.Array | np.ndarray]) -> pa.Table:
    """A profiles table with the SPEC §2 columns (``account_id`` is added at the end)."""
    n = len(cols["created_at"])
    return pa.table({
        "screen_name": cols["screen_name"],
        "display_name": cols["display_name"],
        "description": cols["description"],
        "created_at": iso(np.asarray(cols["created_at"])),
        "followers_count": np.asarray(cols["followers_count"], dtype=np.int64),
        "friends_count": np.asarray(cols["friends_count"], dtype=np.int64),
        "statuses_count": np.asarray(cols["statuses_count"], dtype=np.int64),
        "default_profile_image": np.asarray(cols["default_profile_image"], dtype=bool),
        "verified": np.asarray(cols["verified"], dtype=bool),
        "platform": pa.array(np.full(n, PLATFORM)),
    })


def merge_profiles(mask: np.ndarray, a: dict, b: dict) -> dict:
    """Row-wise choice between two profile column sets: ``a`` where ``mask``, else ``b``."""
    out = {}
    for key in a:
        if isinstance(a[key], pa.Array) or isinstance(b[key], pa.Array):
            out[key] = pc.if_else(pa.array(mask), a[key], b[key])
        else:
            out[key] = np.where(mask, a[key], b[key])
    return out


# --------------------------------------------------------------------------------------------
# organic ingredients


@dataclass
class Organic:
    """The organic accounts: activity weights and which of them look anonymous."""

    index: np.ndarray
    weight: np.ndarray
    anonymous: np.ndarray
    by_activity: Sampler = field(init=False)
    by_reach: Sampler = field(init=False)

    def __post_init__(self) -> None:
        self.by_activity = Sampler(self.weight)
        self.by_reach = Sampler(np.sqrt(self.weight))


def organic_accounts(rng: np.random.Generator, n: int) -> tuple[Organic, np.ndarray]:
    """Activity weights and anonymity of ``n`` organic accounts (profiles are built later)."""
    weight = rng.lognormal(0.0, 1.4, n)
    anonymous = rng.random(n) < 0.20
    return Organic(np.arange(n), weight, anonymous), rng.lognormal(0.0, 2.0, n)


@dataclass
class Background:
    """What later ingredients need from the background: popularity, births, retweet authors."""

    objects: np.ndarray
    births: np.ndarray
    shares: np.ndarray
    rt_objects: np.ndarray
    rt_authors: np.ndarray
    ev_object: np.ndarray
    ev_time: np.ndarray


def background(
    rng: np.random.Generator, parts: Parts, org: Organic, author_w: np.ndarray, n_events: int,
    tags: HashtagFactory,
) -> Background:
    """Organic sharing of power-law popular objects after their birth."""
    spec = {  # share of events, events per object, median delay after birth (s)
        RT: (0.50, 5, 3600.0),
        URL: (0.30, 3, 7200.0),
        HT: (0.20, 25, 8 * 3600.0),
    }
    n_domains = 400
    dom = domains(rng, n_domains)
    dom_w = zipf_weights(n_domains, exponent=1.1, offset=2)
    all_obj, all_birth, all_shares, ev_obj, ev_t = [], [], [], [], []
    rt_objects = rt_authors = np.empty(0, dtype=np.int64)
    for kind, (share, per_object, median) in spec.items():
        want = int(round(n_events * share))
        n_obj = max(50, want // per_object)
        birth = diurnal_times(rng, n_obj, T0 - 86400.0, T_END)
        if kind == RT:
            ids = to_str(make_unique(snowflake(birth, rng.integers(0, 1 << 22, n_obj))))
        elif kind == URL:
            ids = join("https://", take(dom, weighted_sample(rng, dom_w, n_obj)), "/",
                       take(SECTIONS, rng.integers(0, len(SECTIONS), n_obj)), "/",
                       to_str(make_unique(rng.integers(10**6, 10**9, n_obj))))
        else:
            ids = tags.take(n_obj)
        gidx = parts.add_objects(ids, kind, birth)
        draw = int(want * 1.45) + 100
        local = weighted_sample(rng, zipf_weights(n_obj), draw)
        scale = rng.lognormal(0.0, 0.6, n_obj)
        t = birth[local] + scale[local] * lognormal(rng, median, 1.6, draw)
        ok = np.flatnonzero((t >= T0) & (t < T_END))[:want]
        local, t = local[ok], t[ok]
        acc = org.index[org.by_activity(rng, len(local))]
        parts.add_events("background", acc, gidx[local], t)
        all_obj.append(gidx)
        all_birth.append(birth)
        all_shares.append(np.bincount(local, minlength=n_obj))
        ev_obj.append(gidx[local])
        ev_t.append(t)
        if kind == RT:
            rt_objects = gidx
            rt_authors = org.index[weighted_sample(rng, author_w, n_obj)]
    return Background(
        np.concatenate(all_obj), np.concatenate(all_birth), np.concatenate(all_shares), rt_objects,
        rt_authors, np.concatenate(ev_obj), np.concatenate(ev_t),
    )


def viral(rng: np.random.Generator, parts: Parts, org: Organic, n_total: int,
          tags: HashtagFactory) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Objects shared by thousands within minutes. Returns (objects, births, shares)."""
    n_obj = max(1, round(0.015 * n_total / 2000))
    sizes = np.clip(lognormal(rng, 2000, 0.5, n_obj), 500, 8000)
    sizes = np.minimum(sizes, 0.03 * n_total).astype(np.int64)
    start = diurnal_times(rng, n_obj, T0, T_END - 6 * 3600)
    kind = rng.choice(3, n_obj, p=[0.7, 0.1, 0.2]).astype(np.int8)
    rt_ids = to_str(snowflake(start, rng.integers(0, 1 << 22, n_obj)))
    url_ids = join("https://", domains(rng, n_obj), "/news/", digits(rng, n_obj, 9))
    tag_ids = tags.take(n_obj)
    ids = pc.if_else(pa.array(kind == RT), rt_ids, pc.if_else(pa.array(kind == URL), url_ids, tag_ids))
    gidx = np.empty(n_obj, dtype=np.int64)
    for k in range(3):  # keep the object table's per-part type arrays simple
        sel = np.flatnonzero(kind == k)
        if len(sel):
            gidx[sel] = parts.add_objects(pc.take(ids, pa.array(sel)), k, start[sel])
    owner = np.repeat(np.arange(n_obj), sizes)
    acc = org.index[org.by_reach(rng, len(owner))]
    pair = np.unique(owner * (len(org.index) + 1) + acc)  # each account shares an object once
    owner, acc = pair // (len(org.index) + 1), pair % (len(org.index) + 1)
    burst = rng.random(len(owner)) < 0.85
    delay = np.where(burst, rng.gamma(1.2, 150.0, len(owner)), lognormal(rng, 7200, 1.2, len(owner)))
    parts.add_events("viral", acc, gidx[owner], start[owner] + delay)
    return gidx, start, np.bincount(owner, minlength=n_obj)


def aggregator_bots(rng: np.random.Generator, parts: Parts, n_total: int, popular: np.ndarray,
                    births: np.ndarray) -> np.ndarray:
    """Hyperactive bots that share much of the popular content at their next poll."""
    n_bots = max(3, round(4 * math.sqrt(n_total / 1e6)))
    name = join(take(pc.utf8_capitalize(pa.array(WORDS)), rng.integers(0, len(WORDS), n_bots)),
                take(["News", "Feed", "Trends", "Daily", "Wire", "Alerts"], rng.integers(0, 6, n_bots)),
                take(["Bot", "", "24", "Hub", "Now"], rng.integers(0, 5, n_bots)))
    cols = named_profiles(rng, n_bots)
    cols.update(screen_name=name, display_name=name,
                description=take(["Automated feed of the most shared stories.",
                                  "Trending links, every few minutes. Not affiliated.",
                                  "Aggregating the news so you don't have to."], rng.integers(0, 3, n_bots)),
                statuses_count=rng.integers(200_000, 3_000_000, n_bots),
                followers_count=lognormal(rng, 2000, 1.0, n_bots).astype(np.int64))
    bots = parts.add_accounts(profile_table(cols))
    frac = rng.uniform(0.3, 0.8, n_bots)
    period = np.clip(lognormal(rng, 600, 0.7, n_bots), 60, 3600)
    phase = rng.random(n_bots) * period
    b, o = np.nonzero(rng.random((n_bots, len(popular))) < frac[:, None])
    birth = births[o]
    t = birth + np.mod(phase[b] - birth, period[b]) + rng.exponential(5.0, len(b))
    parts.add_events("aggregator_bots", bots[b], popular[o], t)
    return bots


def fan_bases(rng: np.random.Generator, parts: Parts, org: Organic, n_total: int) -> np.ndarray:
    """Popular accounts whose posts most of their few hundred fans retweet within minutes."""
    budget = 0.05 * n_total
    n_hubs = max(1, round(budget / 40000))
    hubs = org.index[weighted_unique(rng, org.weight, n_hubs)]
    for _ in range(n_hubs):
        n_fans = int(rng.integers(150, 501))
        n_posts = int(np.clip(round(budget / n_hubs / (n_fans * 0.67)), 20, 250))
        birth = diurnal_times(rng, n_posts, T0, T_END)
        posts = parts.add_objects(to_str(snowflake(birth, rng.integers(0, 1 << 22, n_posts))), RT, birth)
        fans = org.index[weighted_unique(rng, np.sqrt(org.weight), n_fans)]
        engage = rng.beta(4.0, 2.0, len(fans))
        med = lognormal(rng, 120, 0.5, len(fans))
        f, p = np.nonzero(rng.random((len(fans), n_posts)) < engage[:, None])
        t = birth[p] + med[f] * rng.lognormal(0.0, 0.9, len(f))
        parts.add_events("fan_bases", fans[f], posts[p], t)
        n_tail = rng.poisson(15, n_posts)
        p = np.repeat(np.arange(n_posts), n_tail)
        acc = org.index[org.by_activity(rng, len(p))]
        parts.add_events("fan_bases", acc, posts[p], birth[p] + lognormal(rng, 3600, 1.2, len(p)))
    return hubs


def broadcast(rng: np.random.Generator, parts: Parts, org: Organic, n_total: int,
              tags: HashtagFactory) -> None:
    """Live shows: thousands post the show's few hashtags during two hours, several times."""
    budget = 0.03 * n_total
    n_shows = max(1, round(budget / 9000))
    for _ in range(n_shows):
        n_episodes = int(rng.integers(3, 6))
        per_member = n_episodes * 0.6 * 2.0
        wanted = np.clip(lognormal(rng, 2500, 0.4, 1)[0], 300, 6000)
        audience = max(50, int(min(wanted, budget / n_shows / per_member)))
        n_tags = int(rng.integers(2, 5))
        tag_ids = parts.add_objects(tags.take(n_tags), HT, np.full(n_tags, T0))
        tag_w = np.array([0.6] + [0.4 / (n_tags - 1)] * (n_tags - 1))
        days = np.sort(rng.choice(DAYS, n_episodes, replace=False))
        starts = T0 + days * 86400.0 + (19 + rng.integers(0, 2)) * 3600.0
        members = org.index[weighted_unique(rng, np.sqrt(org.weight), audience)]
        e, m = np.nonzero(rng.random((n_episodes, audience)) < 0.6)
        n_posts = 1 + rng.poisson(1.0, len(e))
        e, m = np.repeat(e, n_posts), np.repeat(m, n_posts)
        moments = rng.uniform(300, 7000, (n_episodes, int(rng.integers(3, 7))))
        near = rng.random(len(e)) < 0.3
        which = rng.integers(0, moments.shape[1], len(e))
        offset = np.where(near, moments[e, which] + rng.normal(0, 60, len(e)), rng.uniform(0, 7200, len(e)))
        t = starts[e] + np.clip(offset, 0, 7200)
        parts.add_events("broadcast", members[m], tag_ids[weighted_sample(rng, tag_w, len(e))], t)


# --------------------------------------------------------------------------------------------
# planted groups


@dataclass
class Truth:
    """Planted accounts (global indices) with their group, kind and stealth level."""

    account: list[np.ndarray] = field(default_factory=list)
    group_id: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    stealth: list[str] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)

    def add(self, accounts: np.ndarray, group_id: str, kind: str, stealth: str, **info: object) -> None:
        self.account.append(accounts)
        self.group_id.append(group_id)
        self.kind.append(kind)
        self.stealth.append(stealth)
        self.groups.append({"group_id": group_id, "kind": kind, "stealth": stealth,
                            "size": int(len(accounts)), **info})


def organic_tail(rng: np.random.Generator, parts: Parts, org: Organic, name: str,
                 objects: np.ndarray, births: np.ndarray, mean: float, median_s: float) -> None:
    """``Poisson(mean)`` later organic shares of each of ``objects``."""
    n = rng.poisson(mean, len(objects))
    o = np.repeat(np.arange(len(objects)), n)
    acc = org.index[org.by_activity(rng, len(o))]
    parts.add_events(name, acc, objects[o], births[o] + lognormal(rng, median_s, 1.2, len(o)))


def open_groups(rng: np.random.Generator, parts: Parts, org: Organic, truth: Truth, n_total: int) -> None:
    """Newsrooms whose named, verified pages post the same article URLs within seconds."""
    n_rooms = max(1, round(0.004 * n_total / 900))
    for g in range(n_rooms):
        a, b = rng.integers(0, len(NEWS_WORDS_A)), rng.integers(0, len(NEWS_WORDS_B))
        brand = f"{NEWS_WORDS_A[a]} {NEWS_WORDS_B[b]}"
        handle = f"{NEWS_WORDS_A[a]}{NEWS_WORDS_B[b]}{'' if g < 20 else g}"
        n_pages = int(rng.integers(5, 11))
        desks = rng.choice(len(DESKS), n_pages, replace=False)
        desks[0] = 0
        cols = named_profiles(rng, n_pages)
        cols.update(
            screen_name=pa.array([handle + DESKS[d] for d in desks]),
            display_name=pa.array([(brand + " " + DESKS[d]).strip() for d in desks]),
            description=pa.array([f"Official account of the {brand}{' ' + DESKS[d] + ' desk' if d else ''}."
                                  for d in desks]),
            followers_count=lognormal(rng, 100_000, 1.0, n_pages).astype(np.int64),
            default_profile_image=np.zeros(n_pages, dtype=bool),
            verified=np.ones(n_pages, dtype=bool),
        )
        pages = parts.add_accounts(profile_table(cols))
        n_articles = int(rng.uniform(6, 15) * DAYS)
        birth = diurnal_times(rng, n_articles, T0, T_END)
        site = f"https://www.{handle.lower()}.com/"
        ids = join(site, take(SECTIONS, rng.integers(0, len(SECTIONS), n_articles)), "/",
                   to_str(make_unique(rng.integers(10**6, 10**7, n_articles))))
        articles = parts.add_objects(ids, URL, birth)
        post = rng.uniform(0.6, 0.9, n_pages)
        pg, ar = np.nonzero(rng.random((n_pages, n_articles)) < post[:, None])
        parts.add_events("open_groups", pages[pg], articles[ar], birth[ar] + lognormal(rng, 5, 0.8, len(pg)))
        organic_tail(rng, parts, org, "open_groups_organic_shares", articles, birth, 8.0, 3600.0)
        truth.add(pages, f"open-{g:03d}", "open", "", newsroom=brand, articles=n_articles)


class TargetPosts:
    """In-period background retweeted posts grouped by author, to pick covert targets from."""

    def __init__(self, bg: Background, obj_births: np.ndarray) -> None:
        in_period = obj_births[bg.rt_objects] >= T0
        authors, posts = bg.rt_authors[in_period], bg.rt_objects[in_period]
        order = np.argsort(authors, kind="stable")
        self.posts = posts[order]
        self.authors, self.start, counts = np.unique(authors[order], return_index=True, return_counts=True)
        self.end = self.start + counts
        prolific = counts >= 10
        self.prolific = np.flatnonzero(prolific) if prolific.any() else np.argsort(-counts)[:5]

    def choose(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """Global object indices of the posts of ``n`` prolific authors."""
        chosen = rng.choice(self.prolific, min(n, len(self.prolific)), replace=False)
        return np.concatenate([self.posts[self.start[a] : self.end[a]] for a in chosen])


def covert_groups(rng: np.random.Generator, tail_rng: np.random.Generator, parts: Parts,
                  org: Organic, bg: Background, truth: Truth, n_total: int, stealth: str,
                  tags: HashtagFactory) -> None:
    """Anonymous groups that repeatedly co-share their own URLs, hashtags and targets' posts."""
    n_groups = max(2, round(0.015 * n_total / 500))
    levels = ["low", "mid", "high"] if stealth == "mixed" else [stealth]
    obj_births = np.concatenate(parts.object_births)
    targets = TargetPosts(bg, obj_births)
    for g in range(n_groups):
        level = levels[g % len(levels)]
        st = STEALTH[level]
        size = int(round(math.exp(rng.uniform(math.log(5), math.log(60)))))
        start = T0 - rng.uniform(20, 400) * 86400.0
        created = start + rng.uniform(0, rng.uniform(1, 4) * 86400.0, size)
        members = parts.add_accounts(profile_table(anonymous_profiles(rng, size, created)))
        n_ops = int(rng.integers(15, 46))
        op_kind = rng.choice(3, n_ops, p=[0.35, 0.45, 0.20])
        n_url, n_ht = int((op_kind == URL).sum()), int((op_kind == HT).sum())
        trigger = diurnal_times(rng, n_ops, T0, T_END - 3600)
        op_obj = np.empty(n_ops, dtype=np.int64)
        # URLs on the group's own sites
        sites = domains(rng, int(rng.integers(1, 3)), salt="-news")
        url_ids = join("https://", take(sites, rng.integers(0, len(sites), n_url)), "/",
                       take(SECTIONS, rng.integers(0, len(SECTIONS), n_url)), "/",
                       to_str(make_unique(rng.integers(10**5, 10**7, n_url))))
        op_obj[op_kind == URL] = parts.add_objects(url_ids, URL, trigger[op_kind == URL])
        # campaign hashtags, each pushed about twice
        pool = parts.add_objects(tags.take(max(1, -(-n_ht // 2))), HT, np.full(max(1, -(-n_ht // 2)), T0))
        op_obj[op_kind == HT] = rng.choice(pool, n_ht)
        # retweets of the targets' posts, shortly after they appear
        posts = targets.choose(rng, int(rng.integers(1, 4)))
        rt_ops = np.flatnonzero(op_kind == RT)
        if len(posts) < len(rt_ops):  # too few target posts: push URLs instead
            extra = rt_ops[len(posts):]
            rt_ops = rt_ops[: len(posts)]
            more = join("https://", take(sites, np.zeros(len(extra), dtype=np.int64)), "/news/",
                        digits(rng, len(extra), 8))
            op_obj[extra] = parts.add_objects(more, URL, trigger[extra])
            op_kind[extra] = URL
        picked = rng.choice(posts, len(rt_ops), replace=False)
        op_obj[rt_ops] = picked
        trigger[rt_ops] = obj_births[picked] + lognormal(rng, 120, 0.6, len(rt_ops))
        # members' shares
        take_part = rng.random((n_ops, size)) < st.participation
        few = take_part.sum(axis=1) < 2
        take_part[few, :2] = True
        o, m = np.nonzero(take_part)
        t = trigger[o] + lognormal(rng, st.median_s, st.sigma, len(o))
        parts.add_events("covert_groups", members[m], op_obj[o], t)
        close, pairs = pairs_within(o, t, 60.0)
        # organic shares of the group's own URLs and hashtags, and the members' cover activity
        own = np.unique(op_obj[op_kind != RT])
        first = np.array([trigger[op_obj == x].min() for x in own]) if len(own) else np.empty(0)
        organic_tail(tail_rng, parts, org, "covert_organic_shares", own, first, 2.0, 7200.0)
        n_cover = tail_rng.poisson(8, size)
        who = np.repeat(members, n_cover)
        src = tail_rng.integers(0, len(bg.ev_object), len(who))
        parts.add_events("covert_cover_shares", who, bg.ev_object[src],
                         bg.ev_time[src] + lognormal(tail_rng, 1800, 1.5, len(who)))
        truth.add(members, f"covert-{g:03d}", "covert", level, operations=n_ops,
                  events=int(len(o)), member_pairs_in_operations=pairs, of_them_within_60s=close)


# --------------------------------------------------------------------------------------------
# assembling and writing


def organic_profiles(rng: np.random.Generator, org: Organic, hubs: np.ndarray) -> pa.Table:
    """Profiles of the organic accounts; fan-base hubs become verified celebrities."""
    n = len(org.index)
    cols = merge_profiles(org.anonymous, anonymous_profiles(rng, n), named_profiles(rng, n))
    is_hub = np.zeros(n, dtype=bool)
    is_hub[hubs] = True
    cols["verified"] = cols["verified"] | is_hub
    cols["default_profile_image"] = cols["default_profile_image"] & ~is_hub
    cols["followers_count"] = np.where(is_hub, rng.integers(50_000, 5_000_000, n), cols["followers_count"])
    return profile_table(cols)


def account_ids(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` distinct random numeric account ids (13 digits)."""
    return make_unique(rng.integers(10**12, 10**13 - 10**6, n))


def coshare_pairs(obj: np.ndarray, t: np.ndarray, window_s: float = 60.0) -> int:
    """Pairs of events on the same object at most ``window_s`` apart (a measure of difficulty)."""
    key = obj.astype(np.float64) * 1e7 + (t - T0)
    key.sort()
    return int((np.searchsorted(key, key + window_s, side="right") - np.arange(len(key)) - 1).sum())


def pairs_within(op: np.ndarray, t: np.ndarray, window_s: float) -> tuple[int, int]:
    """(pairs of shares in the same operation at most ``window_s`` apart, all such pairs)."""
    order = np.lexsort((t, op))
    key = op[order].astype(np.float64) * 1e7 + (t[order] - T0)
    close = int((np.searchsorted(key, key + window_s, side="right") - np.arange(len(key)) - 1).sum())
    counts = np.bincount(op)
    return close, int((counts * (counts - 1) // 2).sum())


def within_window(truth: Truth) -> dict[str, float]:
    """Per stealth level: the share of member pairs in an operation that are within 60 s."""
    out: dict[str, list[int]] = {}
    for group in truth.groups:
        if group["kind"] == "covert":
            agg = out.setdefault(group["stealth"], [0, 0])
            agg[0] += group["of_them_within_60s"]
            agg[1] += group["member_pairs_in_operations"]
    return {k: round(v[0] / v[1], 4) for k, v in sorted(out.items()) if v[1]}


def generate(n_events: int, seed: int, out: Path, *, planted: bool = True,
             stealth: str = "mixed") -> dict:
    """Generate a data set into ``out``; returns its description (also written to meta.json)."""
    started = time.perf_counter()
    parts = Parts()
    tags = HashtagFactory(rng_for(seed, "names"))
    n_org = max(100, round(0.95 * n_events / 20))
    org, author_w = organic_accounts(rng_for(seed, "organic"), n_org)
    parts.n_accounts = n_org  # organic profiles are built last, but take the first indices
    n_bg = int(n_events * (1 - 0.015 - 0.05 - 0.03 - 0.02))
    bg = background(rng_for(seed, "background"), parts, org, author_w, n_bg, tags)
    v_obj, v_birth, v_shares = viral(rng_for(seed, "viral"), parts, org, n_events, tags)
    objs = np.concatenate([bg.objects, v_obj])
    shares = np.concatenate([bg.shares, v_shares])
    top = np.argsort(-shares, kind="stable")[: max(100, n_events // 500)]
    bots = aggregator_bots(rng_for(seed, "bots"), parts, n_events, objs[top],
                           np.concatenate([bg.births, v_birth])[top])
    hubs = fan_bases(rng_for(seed, "fans"), parts, org, n_events)
    broadcast(rng_for(seed, "broadcast"), parts, org, n_events, tags)
    truth = Truth()
    if planted:
        open_groups(rng_for(seed, "open"), parts, org, truth, n_events)
        covert_groups(rng_for(seed, "covert"), rng_for(seed, "covert_tail"), parts, org, bg, truth,
                      n_events, stealth, tags)
    organic_table = organic_profiles(rng_for(seed, "profiles"), org, hubs)
    accounts = pa.concat_tables([organic_table, *parts.account_tables])
    ids = account_ids(rng_for(seed, "ids"), accounts.num_rows)
    events, acc, obj, t = assemble_events(parts, ids)
    parts.ev_account, parts.ev_object, parts.ev_time = [acc], [obj], [t]
    write_outputs(out, events, accounts, ids, parts, truth)
    del events
    per_account = np.bincount(acc)
    active = np.flatnonzero(per_account)
    per_object = np.bincount(obj)
    meta = {
        "args": {"events": n_events, "seed": seed, "planted": planted,
                 "stealth": stealth if planted else None},
        "period": {"start": T0, "end": T_END, "days": DAYS},
        "events": int(len(t)),
        "events_by_ingredient": parts.counts,
        "events_by_type": {OBJECT_TYPES[k]: int(v) for k, v in enumerate(
            np.bincount(np.concatenate(parts.object_types)[obj], minlength=3))},
        "accounts": int(len(active)),
        "organic_accounts_with_events": int(np.isin(active, org.index).sum()),
        "anonymous_looking_organic_share": round(float(org.anonymous[active[active < n_org]].mean()), 4),
        "aggregator_bots": int(len(bots)),
        "fan_base_hubs": int(len(hubs)),
        "objects_shared": int(np.count_nonzero(per_object)),
        "max_shares_of_one_object": int(per_object.max()),
        "max_events_of_one_account": int(per_account.max()),
        "coshare_pairs_60s": coshare_pairs(obj, t),
        "planted_events": int(parts.counts.get("covert_groups", 0)),
        "planted_share_of_events": round(parts.counts.get("covert_groups", 0) / max(1, len(t)), 4),
        "covert_pairs_within_60s": within_window(truth),
        "groups": truth.groups,
        "seconds": round(time.perf_counter() - started, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1))
    return meta


def assemble_events(parts: Parts, ids: np.ndarray) -> tuple[pa.Table, np.ndarray, np.ndarray, np.ndarray]:
    """The canonical events table, sorted by time, with snowflake-style post ids.

    Also returns the sorted account indices, object indices and times.
    """
    t = np.concatenate(parts.ev_time)
    order = np.argsort(t, kind="stable")
    t = t[order]
    acc = np.concatenate(parts.ev_account)[order]
    obj = np.concatenate(parts.ev_object)[order]
    kinds = np.concatenate(parts.object_types)[obj]
    object_ids = pa.concat_arrays([a.cast(pa.string()) for a in parts.object_ids])
    content = snowflake(t, np.arange(len(t)))
    table = pa.table({
        "account_id": pc.take(to_str(ids), pa.array(acc)),
        "object_id": pc.take(object_ids, pa.array(obj)),
        "object_type": take(OBJECT_TYPES, kinds),
        "timestamp": pa.array(t),
        "content_id": to_str(content),
        "platform": pc.take(pa.array([PLATFORM]), pa.array(np.zeros(len(t), dtype=np.int32))),
    })
    return table, acc, obj, t


def write_outputs(out: Path, events: pa.Table, accounts: pa.Table, ids: np.ndarray, parts: Parts,
                  truth: Truth) -> None:
    """Write events.parquet, accounts.csv (accounts with events) and truth.csv."""
    out.mkdir(parents=True, exist_ok=True)
    pq.write_table(events, out / "events.parquet", compression="zstd",
                   use_dictionary=["account_id", "object_id", "object_type", "platform"])
    active = np.zeros(len(ids), dtype=bool)
    for a in parts.ev_account:
        active[a] = True
    accounts = accounts.add_column(0, "account_id", to_str(ids)).filter(pa.array(active))
    accounts = accounts.take(pc.sort_indices(accounts, [("account_id", "ascending")]))
    pacsv.write_csv(accounts, out / "accounts.csv")
    n = [len(a) for a in truth.account]
    acc = np.concatenate(truth.account) if n else np.empty(0, dtype=np.int64)
    truth_table = pa.table({
        "account_id": to_str(ids[acc]),
        "group_id": pa.array(np.repeat(truth.group_id, n).astype(str), type=pa.string()),
        "kind": pa.array(np.repeat(truth.kind, n).astype(str), type=pa.string()),
        "stealth": pa.array(np.repeat(truth.stealth, n).astype(str), type=pa.string()),
    })
    pacsv.write_csv(truth_table, out / "truth.csv",
                    write_options=pacsv.WriteOptions(quoting_style="needed"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, required=True, help="about how many events")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--no-planted", action="store_true", help="omit covert and open groups")
    parser.add_argument("--stealth", choices=["low", "mid", "high", "mixed"], default="mixed")
    args = parser.parse_args(argv)
    if args.events < 1000:
        parser.error("--events must be at least 1000")
    meta = generate(args.events, args.seed, args.out, planted=not args.no_planted, stealth=args.stealth)
    print(f"{meta['events']:,} events, {meta['accounts']:,} accounts, "
          f"{meta['planted_events']:,} planted events in "
          f"{sum(g['kind'] == 'covert' for g in meta['groups'])} covert groups "
          f"in {meta['seconds']} s (peak RSS {meta['peak_rss_mb']} MB) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""MinHash signatures of shingle sets, computed here rather than by datasketch.

The LSH band keys built from these signatures are stored (`passage_bands`), so they must not change
with a library upgrade -- datasketch 2.0 changed its default permutations, and a store indexed with
1.x would no longer find copies of its old documents -- and importing datasketch costs every ingest
about two seconds (it imports scipy for its LSH tuning). This is datasketch 2.0's default scheme
("affine32": SHA-1 32-bit hash, MurmurHash3 finalizer, h -> a*h + b mod 2^32), bit for bit."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

_MAX = np.uint32(0xFFFFFFFF)


@lru_cache(maxsize=4)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(a, b) of `num_perm` affine permutations of 32-bit values; `a` odd, so each is a bijection."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer: spreads the bits of each hash before the affine permutations."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def minhash(values: Iterable[bytes], num_perm: int, seed: int) -> np.ndarray:
    """The signature (num_perm uint32 minima) of a set of byte strings; all 0xFFFFFFFF when it is empty."""
    hashes = [int.from_bytes(hashlib.sha1(v).digest()[:4], "little") for v in values]
    if not hashes:
        return np.full(num_perm, _MAX, dtype=np.uint32)
    a, b = permutations(num_perm, seed)
    hv = _fmix32(np.array(hashes, dtype=np.uint32).reshape(-1, 1))
    return (hv * a + b).min(axis=0)

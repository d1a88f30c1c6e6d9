"""Fingerprints that find the same article twice.

Outlets copy each other: the same wire story appears with another headline, a
different footer or a changed spelling. Two texts are an *exact* duplicate when their
normalised forms (rasd.text.normalize: one spelling of hamza, taa marbuta, digits,
quotes, white space...) hash the same. They are a *near* duplicate when the MinHash
estimate of the Jaccard similarity of their word 3-shingles reaches
:data:`NEAR_DUPLICATE_THRESHOLD`.

Candidates are found through LSH band keys (the banding datasketch's ``MinHashLSH``
chooses for the threshold), so a store can index them in a table and look up
candidates for one new article without scanning every signature.

This module is pure (text in, fingerprint out): the store indexes what it returns.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from rasd.text.normalize import normalize_key

NUM_PERM = 128
SHINGLE_WORDS = 3
NEAR_DUPLICATE_THRESHOLD = 0.6
# Below this many shingles (a two-line Telegram post) similarity is noise: exact only.
MIN_SHINGLES = 20
_SEED = 1
_WORD_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the store keeps to recognise a text again.

    ``signature`` is empty and ``band_keys`` too when the text is too short for
    near-duplicate detection.
    """

    content_hash: str
    signature: bytes
    band_keys: tuple[tuple[int, str], ...]


@lru_cache(maxsize=1)
def _permutations() -> Any:
    """datasketch draws its hash permutations on every ``MinHash()``: draw them once."""
    return MinHash(num_perm=NUM_PERM, seed=_SEED).permutations


@lru_cache(maxsize=1)
def _band_ranges() -> tuple[tuple[int, int], ...]:
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
    return tuple((start, end) for start, end in lsh.hashranges)


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text: equal for texts that differ only in spelling noise."""
    return _hash_key(normalize_key(text))


def shingles(text: str) -> set[str]:
    """Word 3-grams of the normalised text (punctuation ignored)."""
    return _shingles_of_key(normalize_key(text))


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _shingles_of_key(key: str) -> set[str]:
    words = _WORD_RE.findall(key)
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def fingerprint(text: str) -> Fingerprint:
    """Content hash, MinHash signature and LSH band keys of ``text``."""
    key = normalize_key(text)  # once: normalising is the costly step
    grams = _shingles_of_key(key)
    digest = _hash_key(key)
    if len(grams) < MIN_SHINGLES:
        return Fingerprint(digest, b"", ())
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_permutations())
    minhash.update_batch([g.encode("utf-8") for g in sorted(grams)])
    values = minhash.hashvalues.astype("<u4")
    bands = tuple(
        (band, hashlib.blake2b(values[start:end].tobytes(), digest_size=8).hexdigest())
        for band, (start, end) in enumerate(_band_ranges())
    )
    return Fingerprint(digest, values.tobytes(), bands)


def similarity(signature_a: bytes, signature_b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (0.0 when either is empty)."""
    if not signature_a or not signature_b or len(signature_a) != len(signature_b):
        return 0.0
    a = np.frombuffer(signature_a, dtype="<u4")
    b = np.frombuffer(signature_b, dtype="<u4")
    return float(np.count_nonzero(a == b)) / len(a)


def is_near_duplicate(signature_a: bytes, signature_b: bytes) -> bool:
    """True when two signatures are similar enough to call one a copy of the other."""
    return similarity(signature_a, signature_b) >= NEAR_DUPLICATE_THRESHOLD

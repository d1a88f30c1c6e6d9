"""Write tokens of the API: random secrets, stored only as SHA-256 digests.

A token carries 256 random bits, so a plain SHA-256 digest is enough (a slow password
hash guards guessable secrets; nobody guesses these), and looking a token up by its
digest needs no constant-time comparison: the digest of a guess tells nothing about
the stored ones.
"""

from __future__ import annotations

import hashlib
import secrets

PREFIX = "rasd_"
MAX_NAME = 256


def new_secret() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def name_problem(name: str) -> str | None:
    """What is wrong with a reviewer's name (the audit trail's ``who``), if anything."""
    if not name.strip() or len(name) > MAX_NAME or not name.isprintable():
        return f"a token name is 1 to {MAX_NAME} printable characters, not {name[:40]!r}"
    return None

"""The demo store: the bundled sample articles ingested (extracted and linked) into a
database of their own, so ``rasd serve --demo`` shows the dashboard on real output."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rasd.errors import RasdError
from rasd.store import Store

DEMO_DB = Path("out") / "demo.db"
DEMO_REVIEWER = "demo"


class DemoError(RasdError):
    """The demo's sample articles cannot be found."""


def build_demo_store(
    path: Path = DEMO_DB, sources: Sequence[str | Path] = ("samples",), *, rebuild: bool = False
) -> str:
    """Ingest ``sources`` into the SQLite file ``path`` unless it is already there (or
    ``rebuild``); return the database URL."""
    from rasd.ingest.runner import ingest

    missing = [str(s) for s in sources if not Path(s).exists()]
    if missing:
        raise DemoError(
            f"demo articles not found: {', '.join(missing)} (run from the rasd checkout, "
            "or give --demo-source)"
        )
    url = f"sqlite:///{path}"
    if rebuild or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        with Store.open(url) as store:
            ingest(sources, store)
    return url


def demo_token(store: Store) -> str:
    """A fresh write token for the demo reviewer (the old one is revoked)."""
    store.revoke_token(DEMO_REVIEWER)
    return store.create_token(DEMO_REVIEWER)

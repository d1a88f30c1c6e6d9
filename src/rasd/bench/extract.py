"""``rasd extract``'s speed, memory and start-up, measured the way a user runs it.

Throughput times :func:`rasd.cli.main.extract_files`, the body of ``rasd extract``: reading a
JSONL corpus from disk, extracting, writing JSONL events, in this process on one core, after
the knowledge base has been loaded (loading is start-up, timed apart). It is reported by the
wall clock and by the CPU time of the process: on a machine shared with other work the wall
clock also counts the time the process waited for its core. Start-up is the wall time of
whole ``rasd extract`` processes on one article, process start included.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from rasd.io.readers import read_articles
from rasd.records import Article

STARTUP_RUNS = 5


def corpus(paths: Iterable[str | Path], n: int) -> list[Article]:
    """``n`` articles: the readable articles of ``paths``, repeated, each copy with its own id."""
    base = [a for a in read_articles(paths) if isinstance(a, Article)]
    if not base:
        raise ValueError("no readable articles in the benchmark corpus")
    return [
        Article(f"{a.id}-{i}", a.text, a.url, a.outlet, a.published)
        for i, a in zip(range(n), base * (n // len(base) + 1), strict=False)
    ]


def write_corpus(articles: Iterable[Article], path: Path) -> Path:
    """The articles as a JSONL input file of ``rasd extract``."""
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            record = {"id": a.id, "text": a.text, "url": a.url, "outlet": a.outlet}
            record["published"] = a.published.isoformat() if a.published else None
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def bench_throughput(articles: Sequence[Article]) -> dict[str, Any]:
    """Articles per second of read + extract + write, and the process's peak memory."""
    from rasd.cli.main import extract_files
    from rasd.extract.pipeline import extract

    extract(articles[0])  # the knowledge base loads here: start-up, not throughput
    with tempfile.TemporaryDirectory() as tmp:
        source = write_corpus(articles, Path(tmp) / "corpus.jsonl")
        out, errors = Path(tmp) / "events.jsonl", Path(tmp) / "errors.jsonl"
        t0 = time.perf_counter()
        cpu0 = time.process_time()
        run = extract_files([source], out, "jsonl", errors, progress=False)
        cpu = time.process_time() - cpu0
        elapsed = time.perf_counter() - t0
    return {
        "articles": run.articles,
        "mean_chars": round(sum(len(a.text) for a in articles) / len(articles)),
        "events": run.events,
        "item_errors": len(run.errors),
        "seconds": round(elapsed, 3),
        "cpu_seconds": round(cpu, 3),
        "articles_per_s": round(run.articles / elapsed, 1),
        "articles_per_cpu_s": round(run.articles / cpu, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def bench_startup(article: Article, runs: int = STARTUP_RUNS) -> dict[str, Any]:
    """Wall time of ``rasd extract`` on one article, process start included (median of runs)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = write_corpus([article], Path(tmp) / "one.jsonl")
        cmd = [sys.executable, "-c", "from rasd.cli.main import main; main()", "extract"]
        cmd += [str(source), "-o", str(Path(tmp) / "events.jsonl")]
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times.append(time.perf_counter() - t0)
    return {
        "startup_s": round(statistics.median(times), 3),
        "startup_min_s": round(min(times), 3),
        "runs": runs,
    }

"""``rasd bench``: speed and memory, measured by command (never by a timed test).

Each part prints one JSON object; BENCHMARKS.md keeps the results with the machine.
"""

from __future__ import annotations

import importlib
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import click

from rasd.io.readers import read_articles
from rasd.io.writers import write_jsonl
from rasd.records import Article

PARTS = ("knowledge", "extract", "startup", "link")


def _machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "processor": platform.processor() or platform.machine(),
    }


def _corpus(paths: tuple[str, ...], n: int) -> list[Article]:
    base = [a for a in read_articles(paths) if isinstance(a, Article)]
    if not base:
        raise click.UsageError("no readable articles in the benchmark corpus")
    return [
        Article(f"{a.id}-{i}", a.text, a.url, a.outlet, a.published)
        for i, a in zip(range(n), base * (n // len(base) + 1), strict=False)
    ]


def bench_extract(paths: tuple[str, ...], n: int) -> dict[str, Any]:
    """Articles per second end to end (extract and write) on one core, and peak memory."""
    from rasd.extract.pipeline import extract

    articles = _corpus(paths, n)
    extract(articles[0])  # load the knowledge base outside the timed loop
    t0 = time.perf_counter()
    events = [e.to_dict() for a in articles for e in extract(a)]
    with tempfile.TemporaryDirectory() as tmp:
        write_jsonl(events, Path(tmp) / "events.jsonl")
    elapsed = time.perf_counter() - t0
    chars = sum(len(a.text) for a in articles)
    return {
        "articles": len(articles),
        "mean_chars": round(chars / len(articles)),
        "events": len(events),
        "seconds": round(elapsed, 3),
        "articles_per_s": round(len(articles) / elapsed, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def bench_startup(paths: tuple[str, ...]) -> dict[str, Any]:
    """Wall time of a whole ``rasd extract`` run on one small input, process start included."""
    first = (
        sorted(p for p in Path(paths[0]).glob("*.txt"))
        if Path(paths[0]).is_dir()
        else [Path(paths[0])]
    )
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            sys.executable,
            "-c",
            "from rasd.cli.main import main; main()",
            "extract",
            str(first[0]),
            "-o",
            str(Path(tmp) / "o.jsonl"),
        ]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        return {"startup_s": round(time.perf_counter() - t0, 3)}


def bench_knowledge() -> dict[str, Any]:
    from rasd.knowledge.bench import bench_place_lookups

    t0 = time.perf_counter()
    from rasd.knowledge.actors import actor_resolver
    from rasd.knowledge.sources import source_resolver

    actor_resolver()
    source_resolver()
    out: dict[str, Any] = {"actors_sources_load_s": round(time.perf_counter() - t0, 3)}
    out.update(bench_place_lookups())
    return out


def bench_link() -> dict[str, Any]:
    module = importlib.import_module("rasd.link.bench")
    result: dict[str, Any] = module.bench_linking()
    return result


@click.command()
@click.argument("parts", nargs=-1, type=click.Choice(PARTS))
@click.option(
    "--corpus",
    "corpus",
    multiple=True,
    default=("samples",),
    show_default=True,
    help="Articles to time extraction on (repeated up to --articles).",
)
@click.option("--articles", default=3000, show_default=True, help="Articles in the timed run.")
def bench(parts: tuple[str, ...], corpus: tuple[str, ...], articles: int) -> None:
    """Time PARTS (default: knowledge, extract, startup) and print JSON lines."""
    chosen = parts or ("knowledge", "extract", "startup")
    click.echo(json.dumps({"machine": _machine()}))
    for part in chosen:
        if part == "knowledge":
            result = bench_knowledge()
        elif part == "extract":
            result = bench_extract(corpus, articles)
        elif part == "startup":
            result = bench_startup(corpus)
        else:
            result = bench_link()
        click.echo(json.dumps({part: result}, ensure_ascii=False))

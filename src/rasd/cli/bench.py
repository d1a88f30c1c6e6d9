"""``rasd bench``: speed and memory, measured by command (never by a timed test).

Each part prints one JSON object; BENCHMARKS.md keeps the results with the machine.
"""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path
from typing import Any

import click

from rasd.compiled import compiled_modules
from rasd.records import Article

PARTS = ("knowledge", "extract", "startup", "link", "batch", "api")
DEFAULT_ARTICLES = {"extract": 3000, "batch": 20_000}


def _machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "processor": _cpu_model() or platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "compiled_modules": len(compiled_modules()),  # mypyc (setup.py); 0: a pure install
    }


def _cpu_model() -> str | None:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("model name")), None)


def _corpus(paths: tuple[str, ...], n: int) -> list[Article]:
    from rasd.bench.extract import corpus

    try:
        return corpus(paths, n)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


def bench_extract(paths: tuple[str, ...], n: int, bert: bool = True) -> dict[str, Any]:
    """End to end on one core (read, extract, write), peak memory, start-up, and the same
    articles through one forward pass of a BERT-base-sized encoder (``bench`` extra)."""
    from rasd.bench.bert import INSTALL_HINT, bench_bert, missing
    from rasd.bench.extract import bench_startup, bench_throughput

    articles = _corpus(paths, n)
    out = bench_throughput(articles)
    out.update(bench_startup(articles[0]))
    absent = missing()
    if not bert:
        out["bert"] = "skipped (--no-bert)"
    elif absent:
        out["bert"] = f"skipped: {', '.join(absent)} not installed ({INSTALL_HINT})"
    else:
        out["bert"] = bench_bert(articles)
        ratio = out["articles_per_cpu_s"] / out["bert"]["articles_per_cpu_s"]
        out["rasd_vs_bert"] = round(ratio, 1)  # CPU time for both: one core each
    return out


def bench_startup(paths: tuple[str, ...]) -> dict[str, Any]:
    """Wall time of a whole ``rasd extract`` run on one article, process start included."""
    from rasd.bench.extract import bench_startup as run

    return run(_corpus(paths, 1)[0])


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
    """Linking 10,000 and 100,000 synthetic reports, and the cost ratio (rasd.link.bench)."""
    from rasd.link.bench import bench_linking

    return bench_linking((10_000, 100_000))


def bench_batch(articles: int) -> dict[str, Any]:
    """``rasd batch`` on 1 and 2 local Dask workers, and the speed-up (rasd.batch.bench)."""
    from rasd.batch.bench import bench_batch as run

    return run(articles)


def bench_api() -> dict[str, Any]:
    """The dashboard's requests over 50,000 stored incidents (rasd.api.bench)."""
    from rasd.api.bench import bench_api as run

    return run()


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
@click.option(
    "--articles",
    type=click.IntRange(min=1),
    help="Articles in the timed run [default: 3,000 for extract, 20,000 for batch].",
)
@click.option(
    "--bert/--no-bert",
    default=True,
    show_default=True,
    help="With 'extract': also time the BERT-base reference (needs the bench extra).",
)
def bench(
    parts: tuple[str, ...], corpus: tuple[str, ...], articles: int | None, bert: bool
) -> None:
    """Time PARTS (default: knowledge, extract; extract includes start-up) and print JSON lines."""
    chosen = parts or ("knowledge", "extract")
    click.echo(json.dumps({"machine": _machine()}))
    for part in chosen:
        if part == "knowledge":
            result = bench_knowledge()
        elif part == "extract":
            result = bench_extract(corpus, articles or DEFAULT_ARTICLES[part], bert)
        elif part == "startup":
            result = bench_startup(corpus)
        elif part == "api":
            result = bench_api()
        elif part == "batch":
            result = bench_batch(articles or DEFAULT_ARTICLES[part])
        else:
            result = bench_link()
        click.echo(json.dumps({part: result}, ensure_ascii=False))

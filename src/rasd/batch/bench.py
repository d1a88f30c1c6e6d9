"""``rasd batch`` benchmark: the same synthetic corpus on 1 and on 2 worker processes.

The corpus is composed from sentence templates written for this benchmark in the style of
Syrian conflict news (an ambush, a roadside bomb, air strikes, a raid, an abduction, a
claim, a context paragraph), filled with real place names, so extraction does its usual
work. Times are wall-clock and include starting the local cluster.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rasd.batch.runner import run_batch

# (town, governorate), as news writes them.
PLACES = (
    ("السخنة", "حمص"),
    ("تدمر", "حمص"),
    ("القريتين", "حمص"),
    ("الطيبة", "حمص"),
    ("الميادين", "دير الزور"),
    ("البوكمال", "دير الزور"),
    ("الشولا", "دير الزور"),
    ("ذيبان", "دير الزور"),
    ("الشحيل", "دير الزور"),
    ("معدان", "الرقة"),
    ("الرصافة", "الرقة"),
    ("أثريا", "حماة"),
    ("مسكنة", "حلب"),
    ("دير حافر", "حلب"),
)
DESERTS = ("بادية حمص الشرقية", "بادية دير الزور", "بادية الرصافة", "بادية السخنة")
DAYS = ("اليوم الاثنين", "أمس الأحد", "مساء الثلاثاء", "فجر اليوم الخميس", "ليلة الجمعة")
VICTIMS = ("قوات النظام", "ميليشيا الدفاع الوطني", "لواء القدس", "الفيلق الخامس")
ATTACKERS = ("تنظيم الدولة الإسلامية", "خلايا تنظيم داعش", "مسلحين يتبعون للتنظيم")
OUTLETS = ("Enab Baladi", "SOHR", "Deir ez-Zor 24", "Al-Badia 24", "North Press")

TITLES = (
    "مقتل {n} عناصر من {victim} بهجوم في ريف {gov}",
    "انفجار عبوة ناسفة بسيارة عسكرية قرب {town}",
    "غارات روسية على مواقع التنظيم في {desert}",
    "حملة اعتقالات في ريف {gov} الشرقي",
    "خطف رعاة أغنام في {desert}",
)
SENTENCES = (
    "قُتل {n} عناصر من {victim} وأصيب {m} آخرون، {day}، بهجوم شنه {attacker} على نقطة "
    "عسكرية قرب {town} في ريف {gov}.",
    "وقالت مصادر محلية إن الاشتباكات استمرت قرابة ساعة، قبل أن ينسحب المهاجمون باتجاه عمق البادية.",
    "وانفجرت عبوة ناسفة {day} بسيارة تقل عناصر من {victim} على الطريق الواصل بين {town} "
    "و{town2}، ما أدى إلى مقتل {n} منهم وإصابة {m} بجروح.",
    "وشنت الطائرات الحربية الروسية {k} غارة جوية على مواقع يُعتقد أنها لخلايا التنظيم في {desert}.",
    "ونفذت قوات سوريا الديمقراطية حملة دهم في بلدة {town} بريف {gov}، واعتقلت {n} أشخاص بتهمة "
    "الانتماء لخلايا التنظيم.",
    "وأعلن التنظيم عبر وكالة أعماق مسؤوليته عن الهجوم، مدعيًا مقتل {n2} عنصرًا.",
    "وفي سياق منفصل، خطف مسلحون مجهولون {n} من رعاة الأغنام في {desert}، ولا يزال مصيرهم مجهولًا.",
    "ويأتي ذلك في ظل تصاعد هجمات خلايا التنظيم في البادية السورية خلال الأشهر الماضية.",
    "وكان التنظيم قد تبنى في وقت سابق هجومًا مماثلًا استهدف حافلة عسكرية على طريق تدمر.",
    "ونعت صفحات موالية {n2} من عناصر {victim} قالت إنهم قضوا في الهجوم.",
)


def synthetic_article(rng: random.Random, index: int) -> dict[str, Any]:
    """One JSONL article object composed from the templates."""
    (town, gov), (town2, _) = rng.sample(PLACES, 2)
    n = rng.randint(2, 9)
    slots = {
        "town": town,
        "town2": town2,
        "gov": gov,
        "desert": rng.choice(DESERTS),
        "day": rng.choice(DAYS),
        "victim": rng.choice(VICTIMS),
        "attacker": rng.choice(ATTACKERS),
        "n": n,
        "n2": n + rng.randint(0, 4),
        "m": rng.randint(1, 6),
        "k": rng.randint(3, 20),
    }
    body = rng.sample(SENTENCES, rng.randint(3, 6))
    text = "\n".join([rng.choice(TITLES), *body]).format(**slots)
    published = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(730))
    return {
        "id": f"bench-{index}",
        "text": text,
        "outlet": rng.choice(OUTLETS),
        "url": None,
        "published": published.isoformat(),
    }


def write_corpus(path: Path, n_articles: int, seed: int = 11) -> Path:
    """A JSONL corpus of ``n_articles`` synthetic articles."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n_articles):
            fh.write(json.dumps(synthetic_article(rng, i), ensure_ascii=False) + "\n")
    return path


def bench_batch(
    n_articles: int = 20_000,
    shard_size: int = 1000,
    worker_counts: Sequence[int] = (1, 2),
    rounds: int = 2,
) -> dict[str, Any]:
    """Wall time of ``run_batch`` on the same corpus for each worker count, and the speed-up
    of the last count over the first.

    The worker counts take turns for ``rounds`` rounds (in reverse order every other
    round), each run from a fresh output directory and a fresh cluster; the best run of
    each count counts. A burst of other work on the machine, which slows a run of two
    workers on two cores far more than a run of one, then has to hit every round to
    change the result.
    """
    runs: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="rasd-bench-batch-") as tmp:
        corpus = write_corpus(Path(tmp) / "corpus.jsonl", n_articles)
        for round_ in range(max(1, rounds)):
            for workers in worker_counts if round_ % 2 == 0 else reversed(worker_counts):
                run = _timed_run(corpus, Path(tmp) / f"out-{workers}-{round_}", workers, shard_size)
                best = runs.setdefault(workers, {**run, "all_seconds": []})
                best["all_seconds"].append(run["seconds"])
                if run["seconds"] < best["seconds"]:
                    best.update(run)
    ordered = [runs[workers] for workers in worker_counts]
    result: dict[str, Any] = {"runs": ordered}
    if len(ordered) > 1:
        result["speedup"] = round(ordered[0]["seconds"] / ordered[-1]["seconds"], 2)
    return result


def _timed_run(corpus: Path, out_dir: Path, workers: int, shard_size: int) -> dict[str, Any]:
    load = os.getloadavg()[0]  # other work on the machine as the run starts
    started = time.perf_counter()
    report = run_batch([corpus], out_dir, workers=workers, shard_size=shard_size, progress=False)
    seconds = time.perf_counter() - started
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    return {
        "workers": workers,
        "articles": report.articles,
        "events": report.events,
        "shards": report.shards,
        "seconds": round(seconds, 2),
        "articles_per_s": round(report.articles / seconds, 1),
        # the shards' own time summed over the workers: when it grows with the workers, they
        # slowed each other down (or other work took their cores)
        "shard_seconds": round(sum(s["seconds"] for s in manifest["shards"].values()), 2),
        "load_average_before": round(load, 2),
    }

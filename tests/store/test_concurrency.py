"""Two processes ingesting the same files into one database leave the rows of one ingest."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from rasd.store import Store
from rasd.store.models import ArticleRow, EventRow, IncidentRow

PLACES = ["السخنة", "تدمر", "الطيبة", "الكوم", "الشولا", "معدان", "الرصافة", "أثريا", "الميادين"]
ACTORS = ["لواء القدس", "الدفاع الوطني", "قوات النظام", "الفرقة الرابعة", "الفيلق الخامس"]
SENTENCES = [
    "هاجمت خلايا تنظيم الدولة نقطة عسكرية لـ{actor} قرب {place} فجر اليوم.",
    "قتل {n} عناصر من {actor} بانفجار عبوة ناسفة على طريق {place}.",
    "وقالت مصادر محلية إن الاشتباكات استمرت ساعات قبل انسحاب المهاجمين.",
    "وأصيب {n} آخرون نقلوا إلى المشفى الوطني في {place}.",
    "ونعت صفحات موالية {n} من عناصر {actor} قالت إنهم قتلوا في كمين.",
    "وشنت طائرات حربية روسية {n} غارات على مواقع في محيط {place}.",
    "ولم تتبن أي جهة الهجوم حتى لحظة إعداد هذا التقرير.",
    "وتتكرر الهجمات في البادية الممتدة بين {place} ودير الزور منذ مطلع العام.",
    "وذكر المرصد السوري أن حصيلة القتلى مرشحة للارتفاع بسبب وجود إصابات خطيرة.",
    "واستقدمت {actor} تعزيزات عسكرية إلى {place} وبدأت حملة تمشيط واسعة.",
    "وقال قيادي في {actor} إن قواته صدت الهجوم وقتلت عددا من المهاجمين.",
    "وأغلقت الطرق المؤدية إلى {place} أمام حركة المدنيين لساعات.",
    "وعثر رعاة على جثث {n} أشخاص قرب {place} وعليها آثار إطلاق نار.",
    "وانفجر لغم أرضي من مخلفات الحرب بسيارة تقل جامعي الكمأة قرب {place}.",
    "ويعاني سكان {place} من غياب الخدمات وانتشار الحواجز على الطرقات.",
    "واتهم ناشطون {actor} بفرض إتاوات على الشاحنات العابرة من {place}.",
    "وأعلنت وكالة أعماق أن مقاتلي التنظيم استهدفوا رتلا لـ{actor} شرق {place}.",
    "وقالت الوكالة الرسمية إن وحدات الجيش دمرت أوكارا للإرهابيين في ريف {place}.",
    "وتحدثت مصادر عن خلافات بين قادة {actor} حول توزيع النقاط في {place}.",
    "وشيعت بلدة {place} اليوم {n} من أبنائها قتلوا في هجوم الأمس.",
]


def write_corpus(directory: Path, count: int) -> None:
    """``count`` distinct articles in two JSONL files, with exact and syndicated copies."""
    rng = random.Random(7)
    lines = []
    for i in range(count):
        sentences = [
            template.format(
                place=rng.choice(PLACES), actor=rng.choice(ACTORS), n=rng.randint(2, 30)
            )
            for template in rng.sample(SENTENCES, 6)
        ]
        text = f"تقرير رقم {i} من البادية\n" + "\n".join(sentences)
        day = f"2024-06-{1 + i % 5:02d}"
        lines.append({"id": f"n{i}", "text": text, "published": day})
        if i % 10 == 0:  # an exact copy (spelling noise only)
            lines.append({"id": f"n{i}-copy", "text": text.replace("ا", "أ"), "published": day})
        if i % 10 == 5:  # a syndicated copy: new headline and footer
            copy = f"منقول: عنوان جديد للخبر {i}\n" + "\n".join(sentences) + "\nحقوق النشر محفوظة"
            lines.append({"id": f"n{i}-syndicated", "text": copy, "published": day})
    half = len(lines) // 2
    directory.mkdir()
    for name, chunk in (("a.jsonl", lines[:half]), ("b.jsonl", lines[half:])):
        with (directory / name).open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in chunk)


WORKER = """
import sys, time
from pathlib import Path
from rasd.ingest.runner import ingest
from rasd.records import Event, Location
from rasd.store import Store

db, source, ready, go = sys.argv[1:5]

def extract(article):
    return [Event(f"ev-{article.id}", article.id, article.published, "day", "Battles",
                  "Armed clash", actor1="islamic-state",
                  location=Location(name_en=article.text.split()[2], admin1="Homs"))]

Path(ready).touch()
while not Path(go).exists():
    time.sleep(0.005)
with Store.open(db) as store:
    report = ingest([source], store, extract=extract)
print(report.new, report.duplicate, report.near_duplicate, len(report.errors))
"""


def snapshot(url: str) -> dict[str, Any]:
    """Every row that matters, independent of insertion order (row ids)."""
    with Store.open(url) as store, store.engine.connect() as connection:
        articles = connection.execute(
            select(
                ArticleRow.id, ArticleRow.content_hash, ArticleRow.status, ArticleRow.duplicate_of
            )
        ).all()
        hash_of = {row_id: digest for row_id, digest, _, _ in articles}
        return {
            "articles": sorted(
                (digest, status, hash_of.get(first)) for _, digest, status, first in articles
            ),
            "events": sorted(connection.scalars(select(EventRow.event_id))),
            "incidents": sorted(
                tuple(ids) for ids in connection.scalars(select(IncidentRow.event_ids))
            ),
            "counts": store.counts(),
        }


def run_workers(url: str, source: Path, tmp_path: Path, count: int) -> list[str]:
    go = tmp_path / "go"
    workers = []
    for i in range(count):
        ready = tmp_path / f"ready{i}"
        command = [sys.executable, "-c", WORKER, url, str(source), str(ready), str(go)]
        workers.append((subprocess.Popen(command, stdout=subprocess.PIPE, text=True), ready))
    while not all(ready.exists() for _, ready in workers):
        assert all(process.poll() is None for process, _ in workers), "a worker died at start"
        time.sleep(0.01)
    go.touch()
    outputs = []
    for process, _ in workers:
        out, _ = process.communicate(timeout=300)
        assert process.returncode == 0
        outputs.append(out)
    return outputs


def test_two_ingests_at_once_leave_the_rows_of_one(store_url: str, tmp_path: Path) -> None:
    source = tmp_path / "news"
    write_corpus(source, 100)
    run_workers(store_url, source, tmp_path, 2)
    together = snapshot(store_url)

    alone_url = f"sqlite:///{tmp_path / 'alone.db'}"
    (tmp_path / "go").unlink()
    run_workers(alone_url, source, tmp_path, 1)
    alone = snapshot(alone_url)

    assert together == alone
    assert alone["counts"]["articles"] == 100 + 10  # and 10 syndicated copies
    assert alone["counts"]["near_duplicates"] == 10
    assert len(alone["events"]) == 100


def test_ingesting_again_adds_nothing(store_url: str, tmp_path: Path) -> None:
    source = tmp_path / "news"
    write_corpus(source, 30)
    first = run_workers(store_url, source, tmp_path, 1)
    before = snapshot(store_url)
    (tmp_path / "go").unlink()
    again = run_workers(store_url, source, tmp_path, 1)
    assert snapshot(store_url) == before
    assert first[0].split()[0] == "30"
    assert again[0].split()[:2] == ["0", str(before["counts"]["articles"] + 3)]

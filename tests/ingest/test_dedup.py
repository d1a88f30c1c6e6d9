"""Fingerprints: exact copies by normalised hash, near copies by MinHash over word shingles."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.ingest.dedup import (
    MIN_SHINGLES,
    content_hash,
    fingerprint,
    is_near_duplicate,
    shingles,
    similarity,
)

BODY = (
    "أفادت مصادر محلية بمقتل أربعة عناصر من ميليشيا الدفاع الوطني وإصابة آخرين بهجوم شنه "
    "مسلحون يعتقد أنهم من خلايا تنظيم الدولة على نقطة تفتيش في بلدة أثريا بريف حماة الشرقي. "
    "وأضافت المصادر أن المهاجمين استخدموا قذائف صاروخية وأسلحة متوسطة قبل أن ينسحبوا باتجاه "
    "البادية، فيما نقل الجرحى إلى المشفى الوطني في مدينة السلمية. ولم تعلق وسائل الإعلام "
    "الرسمية على الهجوم حتى الآن."
)
OTHER = (
    "أعلنت قوات سوريا الديمقراطية اعتقال خلية تابعة لتنظيم الدولة في بلدة الشحيل بريف دير "
    "الزور الشرقي، بعد عملية أمنية شاركت فيها قوات التحالف الدولي بغطاء جوي من الطيران "
    "المروحي. وقال بيان للقوات إن الخلية كانت مسؤولة عن اغتيالات طالت وجهاء من العشائر خلال "
    "الأشهر الماضية، وإن التحقيقات ما زالت جارية مع الموقوفين."
)

arabic_words = st.lists(
    st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي", min_size=2, max_size=8),
    min_size=1,
    max_size=80,
)


def test_spelling_noise_does_not_change_the_hash() -> None:
    noisy = BODY.replace("أ", "ا").replace("ة", "ه").replace(" ", "  ").replace("بهجوم", "بهجـــوم")
    assert content_hash(noisy) == content_hash(BODY)
    assert content_hash(BODY + " إضافة") != content_hash(BODY)


def test_syndicated_copy_is_a_near_duplicate_and_other_news_is_not() -> None:
    original = fingerprint("هجوم على حاجز في أثريا\n" + BODY)
    copy = fingerprint("عاجل: قتلى من الدفاع الوطني شرقي حماة\n" + BODY + "\nتابعونا على تلغرام")
    other = fingerprint("اعتقال خلية في الشحيل\n" + OTHER)
    assert is_near_duplicate(original.signature, copy.signature)
    assert not is_near_duplicate(original.signature, other.signature)
    assert set(original.band_keys) & set(copy.band_keys)  # the LSH index finds the copy
    assert original.content_hash != copy.content_hash


def test_short_texts_are_only_compared_exactly() -> None:
    short = fingerprint("مقتل عنصرين بانفجار لغم في ريف حمص")
    assert len(shingles("مقتل عنصرين بانفجار لغم في ريف حمص")) < MIN_SHINGLES
    assert short.signature == b""
    assert short.band_keys == ()
    assert similarity(short.signature, short.signature) == 0.0


@settings(max_examples=60, deadline=None)
@given(arabic_words, arabic_words)
def test_similarity_is_a_symmetric_estimate_in_0_1(a: list[str], b: list[str]) -> None:
    left, right = fingerprint(" ".join(a)), fingerprint(" ".join(b))
    value = similarity(left.signature, right.signature)
    assert 0.0 <= value <= 1.0
    assert value == similarity(right.signature, left.signature)
    if left.signature:
        assert similarity(left.signature, left.signature) == 1.0


@settings(max_examples=60, deadline=None)
@given(arabic_words)
def test_fingerprint_is_deterministic(words: list[str]) -> None:
    text = " ".join(words)
    assert fingerprint(text) == fingerprint(text)
    assert all(band >= 0 and len(key) == 16 for band, key in fingerprint(text).band_keys)

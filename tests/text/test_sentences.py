"""Line breaks inside a sentence: scraped pages break lines anywhere, a sentence goes on.

The rules are in ``rasd.text.tokens._soft_breaks``; the word lists in
``rasd/text/data/sentences.yaml``.
"""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from rasd.text.normalize import normalize
from rasd.text.tokens import _sentence_bounds, line_rules, sentence_bounds, tokenize


def sentences(text: str) -> list[str]:
    norm = normalize(text)
    return [norm.text[s:e] for s, e in sentence_bounds(norm)]


def n(text: str) -> str:
    return normalize(text).text


# -- unit cases -------------------------------------------------------------------------------


def test_a_line_ending_with_a_comma_goes_on() -> None:
    text = "عنوان الخبر\nقتل عنصران من قوات النظام،\nقرب بلدة السخنة بريف حمص."
    assert sentences(text) == [
        n("عنوان الخبر"),
        n("قتل عنصران من قوات النظام،\nقرب بلدة السخنة بريف حمص."),
    ]


def test_a_line_ending_with_a_preposition_goes_on() -> None:
    for word in ("في", "من", "على", "بعد", "إلى", "و", "وفي", "بريف", "شرقي"):
        text = f"عنوان الخبر\nانفجرت عبوة ناسفة بسيارة عسكرية {word}\nمنطقة المسرب صباح اليوم."
        assert len(sentences(text)) == 2, word


def test_a_one_word_line_is_read_by_its_word() -> None:
    assert sentences("عنوان\nخبر\nفي\nريف حمص") == [n("عنوان"), n("خبر"), n("في\nريف حمص")]


def test_a_line_opening_with_a_word_that_cannot_open_a_sentence_goes_on() -> None:
    for opening in ("الذي", "التي", "حيث", "مما", "و", "ما أدى"):
        text = (
            f"عنوان الخبر\nهاجم مسلحون حاجزا لقوات النظام قرب معدان\n{opening} أسفر عن مقتل عنصر."
        )
        assert len(sentences(text)) == 2, opening


def test_the_headline_break_still_splits() -> None:
    # the headline ends without a mark, the body may open with anything
    assert sentences("مقتل عنصرين بهجوم في دير الزور\nحيث هاجم مسلحون حاجزا.") == [
        n("مقتل عنصرين بهجوم في دير الزور"),
        n("حيث هاجم مسلحون حاجزا."),
    ]


def test_a_headline_that_ends_with_a_preposition_goes_on() -> None:
    assert len(sentences("مقتل عنصرين بهجوم في\nريف دير الزور\nقتل عنصران اليوم.")) == 2


def test_a_blank_line_is_a_paragraph_break() -> None:
    text = "عنوان\n\nقتل عنصر في ريف حمص،\n\nالذي قال المرصد إنه قتل."
    assert sentences(text) == [n("عنوان"), n("قتل عنصر في ريف حمص،"), n("الذي قال المرصد إنه قتل.")]
    # \r\n line ends, and white space on the empty line, count as a blank line too
    assert len(sentences("عنوان\r\n\r\nقتل عنصر في\r\n \r\nريف حمص")) == 3


def test_a_full_stop_always_ends_the_line_and_the_sentence() -> None:
    assert len(sentences("عنوان\nقتل عنصر.\nالذي قتل.")) == 3


def test_a_colon_line_is_not_continued_by_the_next_line() -> None:
    assert len(sentences("عنوان\nوقالت الوزارة في بيان:\nالذين قتلوا هم عناصر.")) == 3


def test_a_paragraph_opening_with_wa_splits_unless_the_article_wraps_its_lines() -> None:
    # "وكان..." opens paragraphs: without a sign that the page wraps lines it is a new sentence
    plain = "عنوان\nقتل عنصر من قوات النظام بهجوم لداعش قرب السخنة\nوكان التنظيم قد هاجم المنطقة."
    assert len(sentences(plain)) == 3
    wrapped = "عنوان\nقتل عنصر من قوات النظام بهجوم لداعش في\nمنطقة السخنة\nوأصيب آخر بجروح."
    assert len(sentences(wrapped)) == 2


def test_a_latin_line_going_on_in_lower_case() -> None:
    assert (
        len(sentences("Title\nIS fighters attacked a post near\nthe town of Sukhnah\nand left"))
        == 2
    )


def test_tokens_after_a_soft_break_stay_in_the_sentence() -> None:
    norm = normalize("عنوان\nانفجرت عبوة ناسفة في\nريف دير الزور")
    toks = tokenize(norm)
    assert {t.sentence for t in toks if t.text in ("ريف", "دير", "الزور", "عبوه")} == {1}


def test_word_lists_are_normalised_and_single_words_at_the_line_end() -> None:
    rules = line_rules()
    assert "الي" in rules.line_end and "ان" in rules.line_end  # إلى، أن
    assert all(" " not in w for w in rules.line_end)
    assert ("ما", "ادي") in rules.line_start


# -- properties -------------------------------------------------------------------------------

WORDS = ["قتل", "عنصر", "هجوم", "قرب", "السخنة", "في", "من", "و", "الذي", "حيث", "وقال", "3"]
MARKS = ["", ".", "،", ":", "؟"]


def _line(words: list[str], mark: str) -> str:
    return " ".join(words) + mark


lines = st.builds(
    _line, st.lists(st.sampled_from(WORDS), min_size=1, max_size=6), st.sampled_from(MARKS)
)
articles = st.lists(
    st.tuples(lines, st.sampled_from(["\n", "\n\n", "\r\n", " \n ", "\n \n"])),
    min_size=1,
    max_size=8,
).map(lambda parts: "".join(line + brk for line, brk in parts))


@given(articles)
def test_sentences_are_ordered_trimmed_and_cover_every_token(text: str) -> None:
    norm = normalize(text)
    bounds = sentence_bounds(norm)
    assert all(s < e for s, e in bounds)
    assert all(e1 <= s2 for (_, e1), (s2, _) in pairwise(bounds))
    for s, e in bounds:
        assert not norm.text[s].isspace() and not norm.text[e - 1].isspace()
    for tok in tokenize(norm):
        s, e = bounds[tok.sentence]
        assert s <= tok.start and tok.end <= e


@given(articles)
def test_soft_breaks_only_join_the_sentences_of_hard_breaks(text: str) -> None:
    """Every sentence is a run of whole sentences of the split at every line break."""
    norm = normalize(text)
    hard = _sentence_bounds(norm.text)
    starts, ends = {s for s, _ in hard}, {e for _, e in hard}
    bounds = sentence_bounds(norm)
    assert len(bounds) <= len(hard)
    assert all(s in starts and e in ends for s, e in bounds)


@given(lines, lines, st.sampled_from(["\n\n", "\r\n\r\n", "\n \n"]))
def test_a_blank_line_always_splits(first: str, second: str, blank: str) -> None:
    text = "عنوان\n" + first + blank + second
    norm = normalize(text)
    cut = len(n("عنوان\n" + first))
    assert norm.text[cut] == "\n"
    assert all(e <= cut or s > cut for s, e in sentence_bounds(norm))


@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=5),
    st.sampled_from(["،", " في", " من", " على", " بعد", " إلى", " و", " بريف"]),
    lines,
)
def test_a_line_that_cannot_end_is_one_sentence_with_the_next(
    words: list[str], end: str, second: str
) -> None:
    """A break after a comma or a function word reads as a space would."""
    first = " ".join(words) + end
    broken, joined = normalize(f"عنوان\n{first}\n{second}"), normalize(f"عنوان\n{first} {second}")
    assert sentence_bounds(broken) == sentence_bounds(joined)


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5), lines)
def test_a_line_closed_by_a_full_stop_ends_its_sentence(words: list[str], second: str) -> None:
    first = " ".join(words) + "."
    norm = normalize(f"عنوان\n{first}\n{second}")
    cut = len(n(f"عنوان\n{first}"))
    assert any(e == cut for _, e in sentence_bounds(norm))


@given(
    st.lists(st.sampled_from(["قتل", "عنصر", "هجوم", "السخنة", "3"]), min_size=1, max_size=5),
    lines,
)
def test_the_headline_ends_at_its_line(words: list[str], second: str) -> None:
    """A headline that ends with a plain word ends at its line, whatever the body opens with."""
    title = " ".join(words)
    norm = normalize(f"{title}\nالذي {second}")
    assert sentence_bounds(norm)[0] == (0, len(n(title)))

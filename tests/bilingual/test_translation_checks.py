"""The translation checks on the seed article, on hand-written cases and on
generated pairs: numbers, dates, names, glossary terms, lengths and counts."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.checks import (
    KINDS,
    Counts,
    Finding,
    GlossaryEntry,
    Span,
    check_pair,
    check_pairs,
    chinese_quantities,
    counts,
    english_quantities,
    glossary_variants,
)
from bilingual.scripts import HAN
from tests.bilingual.translation_cases import CASES, GLOSSARY

SEED_PATH = (
    Path(__file__).resolve().parents[2] / "articles" / "demo" / "seed_article.txt"
)
NUMBER_KINDS = {"number_mismatch", "number_missing", "date_mismatch"}
ASCII_COMMA_BETWEEN_HAN = re.compile(f"(?<=[{HAN}]),(?=[{HAN}])")


def seed_pairs() -> list[tuple[str, str]]:
    lines = SEED_PATH.read_text(encoding="utf-8").splitlines()[3:23]
    return list(zip(lines[::2], lines[1::2], strict=True))


SEED_PAIRS = seed_pairs()


def problems(findings: list[Finding]) -> set[str]:
    return {finding.kind for finding in findings if finding.severity != "info"}


# Seed article ----------------------------------------------------------------


@pytest.mark.parametrize("full_width_commas", [False, True])
@pytest.mark.parametrize("index", range(len(SEED_PAIRS)))
def test_seed_pair_numbers_and_dates_agree(index, full_width_commas):
    en, zh = SEED_PAIRS[index]
    if full_width_commas:
        zh = ASCII_COMMA_BETWEEN_HAN.sub("，", zh)

    kinds = {finding.kind for finding in check_pair(en, zh)}

    assert not kinds & NUMBER_KINDS


def test_seed_article_has_no_problems_at_all():
    assert [problems(findings) for findings in check_pairs(SEED_PAIRS)] == [set()] * 10


def bump(digit: str) -> str:
    return "8" if digit == "9" else str(int(digit) + 1)


# Digits glued to Latin letters (3D, G20) are names, not quantities.
DIGIT_RUN = re.compile(r"(?<![A-Za-z0-9.,])[0-9]+(?:[.,][0-9]+)*(?![A-Za-z0-9])")
WORD_SWAPS = {
    "en": {
        r"\bfour\b": "five",
        r"\bseven\b": "eight",
        r"\btenth\b": "eleventh",
        r"\bfirst([ -])quarter\b": r"second\1quarter",
    },
    "zh": {"一季度": "三季度", "第十位": "第九位"},
}


def digit_mutations(text: str) -> list[tuple[str, str, str]]:
    """Change each number at its first and its last non-zero digit.

    Return (old, new, mutated text) triples.
    """
    mutations = []
    for match in DIGIT_RUN.finditer(text):
        number = match.group()
        places = [i for i, char in enumerate(number) if char.isdigit()]
        last_nonzero = max((i for i in places if number[i] != "0"), default=places[-1])
        for place in dict.fromkeys([places[0], last_nonzero]):
            changed = number[:place] + bump(number[place]) + number[place + 1 :]
            mutated = text[: match.start()] + changed + text[match.end() :]
            mutations.append((number, changed, mutated))
    return mutations


def word_mutations(text: str, side: str) -> list[tuple[str, str, str]]:
    """Swap each spelled-out number for another; return (old, new, mutated text)."""
    mutations = []
    for pattern, replacement in WORD_SWAPS[side].items():
        for match in re.finditer(pattern, text):
            changed = match.expand(replacement)
            mutated = text[: match.start()] + changed + text[match.end() :]
            mutations.append((match.group(), changed, mutated))
    return mutations


def seed_mutations() -> list[pytest.param]:
    params = []
    for index, (en, zh) in enumerate(SEED_PAIRS):
        for side, text in (("en", en), ("zh", zh)):
            mutations = digit_mutations(text) + word_mutations(text, side)
            for old, new, mutated in mutations:
                pair = (mutated, zh) if side == "en" else (en, mutated)
                name = f"pair{index}-{side}-{old}->{new}"
                params.append(pytest.param(*pair, id=name))
    return params


SEED_MUTATIONS = seed_mutations()


def test_every_seed_number_is_mutated():
    assert len(SEED_MUTATIONS) >= 60


@pytest.mark.parametrize(("en", "zh"), SEED_MUTATIONS)
def test_changing_one_seed_number_is_caught(en, zh):
    flagged = [
        finding
        for finding in check_pair(en, zh)
        if finding.kind in NUMBER_KINDS and finding.severity in ("error", "warning")
    ]

    assert flagged


# Hand-written cases ------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[case.note for case in CASES])
def test_case(case):
    findings = check_pair(case.en, case.zh, glossary=GLOSSARY)

    assert problems(findings) == case.expected_kinds


def test_cases_cover_every_kind_except_length_ratio():
    covered = set().union(*(case.expected_kinds for case in CASES))

    assert covered == set(KINDS) - {"length_ratio"}


def test_cases_are_balanced_between_problems_and_faithful_translations():
    faithful = [case for case in CASES if not case.expected_kinds]

    assert len(CASES) >= 60
    assert 0.4 <= len(faithful) / len(CASES) <= 0.6


# Findings --------------------------------------------------------------------


def test_mismatch_names_both_sides():
    [finding] = check_pair("Sales rose 11.5%.", "销量增长11.6%。")

    assert finding.as_dict() == {
        "severity": "error",
        "kind": "number_mismatch",
        "message": "English has 11.5% but Chinese has 11.6%.",
        "en_span": {"start": 11, "end": 16, "text": "11.5%"},
        "zh_span": {"start": 4, "end": 9, "text": "11.6%"},
    }


def test_rounded_figure_is_only_info():
    [finding] = check_pair("It made 1.1 million cars.", "生产汽车112万辆。")

    assert finding.severity == "info"
    assert finding.en_span == Span(8, 19, "1.1 million")
    assert finding.zh_span == Span(4, 8, "112万")


def test_missing_number_points_at_its_side():
    [finding] = check_pair(
        "It hired 30 engineers and 12 designers.", "公司招聘了30名工程师。"
    )

    assert finding.kind == "number_missing"
    assert finding.severity == "warning"
    assert finding.en_span == Span(26, 28, "12")
    assert finding.zh_span is None


def test_check_pairs_flags_a_pair_far_from_the_articles_ratio():
    pairs = list(SEED_PAIRS)
    en, zh = pairs[2]
    pairs[2] = (en, zh[:20])

    findings = check_pairs(pairs)

    assert [i for i, found in enumerate(findings) if problems(found)] == [2]
    assert problems(findings[2]) == {"length_ratio"}


def test_check_pairs_skips_the_ratio_for_short_articles():
    short = [(en, zh[:5]) for en, zh in (SEED_PAIRS[2], SEED_PAIRS[9])]

    assert check_pairs(short) == [[], []]


def test_check_pair_applies_given_ratio_bounds():
    findings = check_pair("Hello there, friend.", "你好。", ratio_bounds=(0.3, 0.6))

    assert problems(findings) == {"length_ratio"}


# Counts and glossary -----------------------------------------------------------


def test_counts_two_words_and_three_characters():
    assert counts("Two words", "两个字") == Counts(2, 3, 1, 1)


def test_counts_only_han_characters():
    assert counts("", "BYD的3D相机，很好！") == Counts(0, 5, 0, 1)


def test_counts_rounds_reading_time_up():
    assert counts("word " * 231, "字" * 301) == Counts(231, 301, 2, 2)


def test_glossary_variants_counts_deviating_pairs():
    archive = [
        ("Yutong grew.", "宇通增长。"),
        ("Yutong buses sold well.", "宇通客车销量好。"),
        ("Yutong Bus exported more.", "宇通客车出口增加。"),
        ("Yutong opened a plant.", "郁通开设工厂。"),
        ("xFusion hired staff.", "超聚变招聘员工。"),
        ("Nothing here.", "这里没有。"),
    ]
    glossary = [GlossaryEntry("Yutong", "宇通"), GlossaryEntry("xFusion", "超聚变")]

    assert glossary_variants(archive, glossary) == {"Yutong": 1}


def test_glossary_variants_ignores_terms_never_rendered_the_house_way():
    archive = [("Yutong grew.", "郁通增长。"), ("Yutong fell.", "郁通下降。")]

    assert glossary_variants(archive, [GlossaryEntry("Yutong", "宇通")]) == {}


# Parsing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("一千二百三十四万五千六百七十八", 12345678, "number"),
        ("二十四节气", 24, "number"),
        ("五千人", 5000, "number"),
        ("两万五千辆", 25000, "number"),
        ("两万五", 25000, "number"),
        ("一千零五家", 1005, "number"),
        ("百分之十", 10, "percent"),
        ("百分之十二点五", Decimal("12.5"), "percent"),
        ("12亿元", 1_200_000_000, "number"),
        ("1.5万亿元", 1_500_000_000_000, "number"),
        ("3亿5000万元", 350_000_000, "number"),
        ("居第十七位", 17, "ordinal"),
        ("二〇一九年", 2019, "year"),
        ("11月13日", 1113, "date"),
        ("十一月十三日", 1113, "date"),
        ("下午四点", 1600, "time"),
        ("下午4点半", 1630, "time"),
        ("16:00", 1600, "time"),
        ("第一季度", 1, "quarter"),
        ("上半年", 1, "half"),
        ("增长3个百分点", 3, "percent"),
    ],
)
def test_chinese_quantity(text, value, kind):
    [quantity] = chinese_quantities(text)

    assert (quantity.value, quantity.kind) == (value, kind)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("twenty-four solar terms", 24, "number"),
        ("two hundred and fifty thousand", 250_000, "number"),
        ("a million", 1_000_000, "number"),
        ("the 17th", 17, "ordinal"),
        ("the twenty-first", 21, "ordinal"),
        ("twelve percent", 12, "percent"),
        ("1.2 billion", 1_200_000_000, "number"),
        ("RMB5bn", 5_000_000_000, "number"),
        ("November 13th", 1113, "date"),
        ("13 November", 1113, "date"),
        ("4:00 pm", 1600, "time"),
        ("4 p.m.", 1600, "time"),
        ("noon", 1200, "time"),
        ("Q3", 3, "quarter"),
        ("the second half", 2, "half"),
    ],
)
def test_english_quantity(text, value, kind):
    [quantity] = english_quantities(text)

    assert (quantity.value, quantity.kind) == (value, kind)


@pytest.mark.parametrize(
    "text",
    ["3D cameras", "the G20 summit", "5G networks", "COVID-19", "one-third", "1/3"],
)
def test_english_names_and_fractions_are_not_quantities(text):
    assert english_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7款3D工业相机", [7]),
        ("含新量十足", []),
        ("这一系列数据", []),
        ("汽车零部件", []),
        ("千万不要", []),
        ("三分之一", []),
        ("五一假期", []),
        ("快一点", []),
    ],
)
def test_chinese_idioms_and_names_are_not_quantities(text, expected):
    assert values(chinese_quantities(text)) == expected


def test_english_date_with_year_gives_date_and_year():
    found = english_quantities("on November 13, 2023")

    assert [(q.kind, q.value, q.span.text) for q in found] == [
        ("date", 1113, "November 13"),
        ("year", 2023, "2023"),
    ]


def test_approximation_words_are_kept():
    [english] = english_quantities("over 80%")
    [chinese] = chinese_quantities("80%以上")

    assert (english.approx, chinese.approx) == ("over", "以上")


# Properties ------------------------------------------------------------------

CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """Write 0 <= n < 10**8 in Chinese numerals, as a newspaper would."""
    if n == 0:
        return "零"

    def below_ten_thousand(k: int) -> str:
        out, gap = "", False
        for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = k // place % 10
            if digit == 0:
                gap = bool(out)
                continue
            out += ("零" if gap else "") + CHINESE_DIGITS[digit] + unit
            gap = False
        return out

    high, low = divmod(n, 10_000)
    text = below_ten_thousand(low)
    if high:
        gap = "零" if 0 < low < 1000 else ""
        text = below_ten_thousand(high) + "万" + gap + text
    return text[1:] if text.startswith("一十") else text


def values(quantities) -> list[Decimal]:
    return [quantity.value for quantity in quantities]


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (10, "十"),
        (15, "十五"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (100_000, "十万"),
    ],
)
def test_chinese_numeral_helper(n, text):
    assert chinese_numeral(n) == text


integers = st.integers(min_value=0, max_value=10**12 - 1)
decimals = st.decimals(
    min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False
)


@given(integers)
def test_integers_parse_the_same_in_both_languages(n):
    assert values(english_quantities(f"{n:,}")) == [n]
    assert values(english_quantities(f"{n:,} million")) == [n * 10**6]
    assert values(chinese_quantities(str(n))) == [n]
    assert values(chinese_quantities(f"{Decimal(n).scaleb(-4):f}万")) == [n]
    assert values(chinese_quantities(f"{Decimal(n).scaleb(-8):f}亿")) == [n]
    assert values(chinese_quantities(f"{n}万")) == [n * 10**4]
    assert values(chinese_quantities(f"{n}亿")) == [n * 10**8]


@given(decimals)
def test_decimals_parse_the_same_in_both_languages(d):
    written = f"{d.normalize():f}"  # 1.5, 12.25, 100: at most two decimals
    assert values(english_quantities(f"{d.normalize():,f} million")) == [d * 10**6]
    assert values(english_quantities(f"{d.normalize():,f} billion")) == [d * 10**9]
    assert values(english_quantities(f"{written}%")) == [d]
    assert values(english_quantities(f"{written} percent")) == [d]
    assert values(chinese_quantities(f"{written}%")) == [d]
    assert values(chinese_quantities(f"{(d * 100).normalize():f}万")) == [d * 10**6]
    assert values(chinese_quantities(f"{written}亿")) == [d * 10**8]


@given(st.integers(min_value=0, max_value=10**8 - 1))
def test_chinese_numerals_parse(n):
    assert values(chinese_quantities(chinese_numeral(n))) == [n]


@given(st.integers(min_value=1, max_value=10**8 - 1))
def test_same_number_in_both_languages_is_accepted(n):
    findings = check_pair(f"It sold {n:,} cars.", f"销售汽车{chinese_numeral(n)}辆。")

    assert problems(findings) == set()


@settings(max_examples=200)
@given(st.text(), st.text())
def test_check_pair_never_raises(en, zh):
    for finding in check_pair(en, zh, glossary=GLOSSARY, ratio_bounds=(0.1, 1.0)):
        assert finding.kind in KINDS


numberish = st.text(
    alphabet="0123456789,.%:- aQHDpm"
    "万亿十百千零〇一二两三四五六七八九"
    "第年月日点分之半季度前多余上下午"
)


@settings(max_examples=300)
@given(numberish, numberish)
def test_check_pair_never_raises_on_number_soup(en, zh):
    for finding in check_pair(en, zh):
        assert finding.kind in KINDS

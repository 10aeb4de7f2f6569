"""Property tests: any article rendered in any desk layout reads back as its pairs,
and no input makes the parser crash or slow down more than linearly."""

import gc
import textwrap
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bilingual.parser import ParseError, parse_bytes, parse_text

WORDS = (
    "city river park market train bridge museum school street night morning "
    "people visitors families workers farmers children new old busy quiet green "
    "bright long short open warm cold walk build grow visit travel cook sell "
    "carry watch the a of in on at with from near many some every"
).split()
HAN = (
    "城市河流公园市场火车桥博物馆学校街道夜晚早上人们游客家庭工人农民孩子"
    "新旧忙安静绿色明亮长短开放温暖寒冷走建造成长访问旅行做饭卖带看许多每天附近"
)

english_sentence = st.lists(st.sampled_from(WORDS), min_size=5, max_size=14).map(
    lambda words: " ".join(words).capitalize() + "."
)
chinese_sentence = st.builds(
    lambda first, second: f"{first}，{second}。" if second else f"{first}。",
    st.text(HAN, min_size=4, max_size=20),
    st.one_of(st.just(""), st.text(HAN, min_size=3, max_size=15)),
)
english_paragraph = st.lists(english_sentence, min_size=1, max_size=4).map(" ".join)
chinese_paragraph = st.lists(chinese_sentence, min_size=1, max_size=3).map("".join)
articles = st.lists(
    st.tuples(english_paragraph, chinese_paragraph), min_size=1, max_size=6
)


def _lines(pairs, *, chinese_first=False, wrap=False, indent=""):
    for english, chinese in pairs:
        en_lines = textwrap.wrap(english, 72) if wrap else [english]
        zh_lines = [indent + chinese]
        yield (zh_lines + en_lines) if chinese_first else (en_lines + zh_lines)


LAYOUTS = {
    "english first, no separator": lambda pairs: "\n".join(
        line for group in _lines(pairs) for line in group
    ),
    "chinese first, no separator": lambda pairs: "\n".join(
        line for group in _lines(pairs, chinese_first=True) for line in group
    ),
    "english first, blank lines": lambda pairs: "\n\n".join(
        "\n".join(group) for group in _lines(pairs)
    ),
    "chinese first, blank lines": lambda pairs: "\n\n".join(
        "\n".join(group) for group in _lines(pairs, chinese_first=True)
    ),
    "blank line after every paragraph": lambda pairs: "\n\n".join(
        line for group in _lines(pairs) for line in group
    ),
    "hard-wrapped english": lambda pairs: "\n\n".join(
        "\n".join(group) for group in _lines(pairs, wrap=True)
    ),
    "indented chinese": lambda pairs: "\n".join(
        line for group in _lines(pairs, indent="\u3000\u3000") for line in group
    ),
    "indented chinese, chinese first, crlf": lambda pairs: "\r\n".join(
        line
        for group in _lines(pairs, chinese_first=True, indent="    ")
        for line in group
    ),
    "each pair on one line": lambda pairs: "\n".join(
        f"{english} {chinese}" for english, chinese in pairs
    ),
    "whole article on one line": lambda pairs: "".join(
        f"{english} {chinese}" for english, chinese in pairs
    ),
}


@pytest.mark.parametrize("layout", LAYOUTS)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs=articles)
def test_every_layout_reads_back_as_the_same_pairs(layout, pairs):
    article = parse_text(LAYOUTS[layout](pairs))

    assert [(p.en, p.zh_hans) for p in article.pairs] == pairs
    assert article.title == {"en": "", "zh-hans": ""}
    assert not [f for f in article.findings if f.kind in ("unpaired", "junk")]


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=2000))
def test_random_bytes_parse_or_fail_with_a_parse_error(data):
    try:
        article = parse_bytes(data)
    except ParseError as error:
        assert error.message
    else:
        assert article.pairs


@settings(max_examples=40, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            list('ab 郑州。.,:：丨|()（）【】[]“”"\n\t\u3000/图摄影')
            + ["Reporter丨", "Photo: ", "Photo/", "摄影", "\n\n", "1024期", "END"]
        ),
        max_size=200,
    ).map("".join)
)
# Found by this test: a weak opening run in a two-run line once crashed the split.
@example(text="a\n\na图。a a")
def test_text_built_from_the_parsers_own_marks_never_crashes(text):
    try:
        parse_text(text)
    except ParseError as error:
        assert error.message


def _seconds(text):
    """The parse's CPU time, best of five, with the garbage collector paused: what
    the parse itself costs, not how long others held the processor or when a
    collection of the whole heap happened to fall."""
    best = float("inf")
    for _ in range(5):
        gc.collect()
        gc.disable()
        start = time.process_time()
        try:
            parse_text(text)
        except ParseError:
            pass
        finally:
            best = min(best, time.process_time() - start)
            gc.enable()
    return best


# Shapes that make a backtracking pattern or a quadratic loop show itself.
WORST_CASES = {
    "one huge english line": lambda n: "Word " * n + "\n中文。",
    "one huge chinese line": lambda n: "The city.\n" + "郑州" * n,
    "alternating sentences": lambda n: "Ab cd. 郑州。" * (n // 4),
    "deep nesting of brackets": lambda n: "(" * n + "【" * n + "A b 郑州" + ")" * n,
    "separators and spaces": lambda n: "A" + " " * n + "丨" + ", " * n + "郑州",
    "many short lines": lambda n: "A b c.\n郑州。\n" * (n // 8),
    "commas without parentheses": lambda n: "Photo: " + "Ma Jian, " * (n // 8),
}


@pytest.mark.parametrize("shape", WORST_CASES)
def test_parsing_time_grows_linearly(shape):
    make = WORST_CASES[shape]
    small, large = _seconds(make(4_000)), _seconds(make(32_000))

    # Eight times the input: linear code takes about 8x, quadratic about 64x.
    assert large < 24 * small + 0.05, (small, large)

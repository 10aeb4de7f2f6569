"""The real-text corpus: desk copy the parser must get right, measured as a whole.

Each text in `corpus/` comes with what an editor would make of it (see
`corpus/README.md`). The share of expected pairs the parser recovers over the
whole corpus is the importer's headline figure; it is printed on every run
(`pytest -rA` shows it) and must stay at or above REQUIRED_SHARE.
"""

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilingual.parser import ParsedArticle, normalize_chinese_punctuation, parse_text
from bilingual.scripts import is_chinese_char

CORPUS = Path(__file__).resolve().parent / "corpus"
REQUIRED_SHARE = 0.98
MIN_TEXTS = 22
MIN_PAIRS, MAX_PAIRS = 4, 15


@dataclass(frozen=True)
class CorpusText:
    """One corpus text and the result expected from it."""

    name: str
    text: str
    pairs: tuple[tuple[str, str], ...]
    clutter: tuple[str, ...]
    credits: tuple[dict, ...]


def _load(path: Path) -> CorpusText:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return CorpusText(
        name=path.stem,
        text=path.read_text(encoding="utf-8"),
        pairs=tuple((en, zh) for en, zh in expected["pairs"]),
        clutter=tuple(expected["clutter"]),
        credits=tuple(expected["credits"]),
    )


TEXTS = tuple(_load(path) for path in sorted(CORPUS.glob("*.txt")))
NAMES = [text.name for text in TEXTS]
_BY_NAME = {text.name: text for text in TEXTS}


@cache
def parsed(name: str) -> ParsedArticle:
    """Return the parse of a corpus text (each is parsed once per run)."""
    return parse_text(_BY_NAME[name].text)


def squash(text: str) -> str:
    """Return `text` with its whitespace normalised.

    A run of whitespace counts as one space between English words and as
    nothing next to Chinese, so a hard-wrapped or split paragraph compares
    equal however its lines were joined.
    """
    words = text.split()
    out = words[:1]
    for word in words[1:]:
        if not (is_chinese_char(out[-1][-1]) or is_chinese_char(word[0])):
            out.append(" ")
        out.append(word)
    return "".join(out)


def canonical(text: str) -> str:
    """Return `text` squashed and with full-width marks read as ASCII.

    The parser rewrites half-width marks in Chinese paragraphs, so a clutter
    line such as `英语听力音频(3)` may come back as `英语听力音频（3）`.
    """
    return unicodedata.normalize("NFKC", squash(text))


def story_pairs(article: ParsedArticle) -> list[tuple[str, str]]:
    """Return every pair the parser found, as whitespace-normalised text."""
    return [(squash(pair.en), squash(pair.zh_hans)) for pair in article.pairs]


def recovered(text: CorpusText) -> tuple[int, list[tuple[str, str]]]:
    """Return how many expected pairs came back word for word, and the missing.

    Pairs are compared as a multiset: one wrong pair costs one pair, where an
    index-by-index comparison would also charge every pair after it. Order is
    the hypothesis property's business below.
    """
    expected = Counter((squash(en), squash(zh)) for en, zh in text.pairs)
    missing = expected - Counter(story_pairs(parsed(text.name)))
    return expected.total() - missing.total(), list(missing.elements())


def test_the_corpus_is_well_formed():
    """Every expectation can be met: a wrong expectation would skew the share."""
    assert len(TEXTS) >= MIN_TEXTS
    for text in TEXTS:
        body = squash(text.text)
        lines = {line.strip() for line in text.text.splitlines()}
        assert MIN_PAIRS <= len(text.pairs) <= MAX_PAIRS, text.name
        for en, zh in text.pairs:
            assert en or zh, text.name
            assert squash(en) in body, (text.name, en)
            assert squash(zh) in body, (text.name, zh)
            # The parser makes Chinese punctuation full-width; so must the desk.
            assert normalize_chinese_punctuation(zh)[0] == zh, (text.name, zh)
        assert set(text.clutter) <= lines, text.name


def test_the_corpus_pairs_are_recovered(record_property):
    rows, missing, found, total = [], [], 0, 0
    for text in TEXTS:
        count, lost = recovered(text)
        found, total = found + count, total + len(text.pairs)
        rows.append(f"{text.name}: {count}/{len(text.pairs)}")
        missing += [f"{text.name}: {pair}" for pair in lost]
    share = found / total
    report = "\n".join([*rows, f"total: {found}/{total} = {share:.1%}"])
    print(report)
    record_property("pair_share", round(share, 4))

    assert share >= REQUIRED_SHARE, (
        f"recovered {share:.1%} of the expected pairs, below {REQUIRED_SHARE:.0%}; "
        "missing:\n" + "\n".join(missing) + "\n\n" + report
    )


def _from_clutter(side: str, clutter: list[str]) -> bool:
    """Return whether a pair's side holds a clutter line or is a piece of one."""
    side = canonical(side)
    return bool(side) and any(line in side or side in line for line in clutter)


@pytest.mark.parametrize("text", TEXTS, ids=NAMES)
def test_clutter_is_never_paired(text):
    clutter = [canonical(line) for line in text.clutter]

    paired = [
        (pair.line_en, pair.line_zh_hans, pair.en, pair.zh_hans)
        for pair in parsed(text.name).pairs
        if pair.en
        and pair.zh_hans
        and (_from_clutter(pair.en, clutter) or _from_clutter(pair.zh_hans, clutter))
    ]
    assert not paired, f"{text.name}: clutter paired as story: {paired}"


def _credited(article: ParsedArticle, role: str, name: str | list[str]) -> bool:
    """Return whether `article` credits `name` in `role`.

    A list is one person named in both scripts: the parser must have read both
    bylines as that one person, with the other script's name in `other_name`.
    """
    people = [p for c in article.credits if c.role == role for p in c.people]
    if isinstance(name, list):
        return any({p.name, p.other_name} == set(name) for p in people)
    return any(name in (p.name, p.other_name) for p in people)


@pytest.mark.parametrize("text", TEXTS, ids=NAMES)
def test_expected_credits_are_found(text):
    article = parsed(text.name)

    lost = [
        (credit["role"], person)
        for credit in text.credits
        for person in credit["names"]
        if not _credited(article, credit["role"], person)
    ]
    read = [
        (c.role, [(p.name, p.other_name) for p in c.people]) for c in article.credits
    ]
    assert not lost, f"{text.name}: credits not found: {lost}; read: {read}"


# Mutation property: clutter dropped into a correctly paired article.

CLUTTER_LINES = (
    "长按识别二维码",
    "记得点个在看",
    "关注我们",
    "点击上方蓝字关注我们",
    "Scan QR Code",
    "Watch the video",
    "1024th article1024期双语推文",
    "Hot topics 热点话题",
    "Daily English 每日英语",
    "Tourists on the Yellow River bank 黄河岸边的游客",
)
TITLE = ("Around the city this week", "本周城市见闻")
# Each text's pairs that have both sides: a correctly paired article.
STORIES = tuple(tuple((en, zh) for en, zh in text.pairs if en and zh) for text in TEXTS)


@st.composite
def cluttered_articles(draw):
    """Return (story pairs, article text, clutter lines inserted into it).

    The story is rendered English- or Chinese-first, with or without blank
    lines between pairs; each clutter line goes into a gap between two
    paragraphs, inside a pair's block or between blocks, alone or not.
    """
    pairs = draw(st.sampled_from(STORIES))
    chinese_first = draw(st.booleans())
    paragraphs = [  # (text, the block it belongs to)
        (line, number)
        for number, (en, zh) in enumerate(pairs)
        for line in ((zh, en) if chinese_first else (en, zh))
    ]
    inserted = draw(
        st.lists(
            st.tuples(
                st.integers(1, len(paragraphs) - 1),
                st.sampled_from(CLUTTER_LINES),
                st.booleans(),
            ),
            min_size=1,
            max_size=3,
        )
    )
    # From the last gap back, so the earlier gaps keep their places.
    for gap, line, alone in sorted(inserted, reverse=True):
        block = ("clutter", gap) if alone else paragraphs[gap - 1][1]
        paragraphs.insert(gap, (line, block))
    blank_lines = draw(st.booleans())
    body = paragraphs[0][0]
    for (_, before), (line, block) in pairwise(paragraphs):
        body += ("\n\n" if blank_lines and block != before else "\n") + line
    text = "\n".join(TITLE) + "\n\n" + body + "\n"
    return pairs, text, [line for _, line, _ in inserted]


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(article=cluttered_articles())
def test_clutter_inserted_anywhere_leaves_the_same_pairs(article):
    pairs, text, inserted = article
    clutter = [canonical(line) for line in inserted]
    found = parse_text(text).pairs

    assert [(squash(p.en), squash(p.zh_hans)) for p in found if p.en and p.zh_hans] == [
        (squash(en), squash(zh)) for en, zh in pairs
    ]
    # What is left alone is the clutter, never a story paragraph.
    assert all(
        _from_clutter(p.en or p.zh_hans, clutter)
        for p in found
        if not (p.en and p.zh_hans)
    )

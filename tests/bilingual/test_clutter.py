"""Page clutter in desk copy: each kind is kept apart as a flagged paragraph of its
own, never dropped and never paired, while look-alike story lines still pair."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bilingual.parser import parse_text
from tests.bilingual.test_import_properties import articles

# The reasons as an editor reads them, written out (not imported) so that a change
# to what the preview says is a change a test notices.
COUNTER = "a line that repeats with only a counter changing"
ALT_TEXT = (
    "a short line with no sentence punctuation and no translation beside it, "
    "like an image's alt text or a sidebar line"
)
MIXED = (
    "a short line in both languages with no sentence punctuation between the "
    "story's paragraphs, like an image's alt text or a sidebar line"
)
ISSUE = "an issue line, numbering the post rather than telling the story"
CALL = "a call to action from the web page"
SIDEBAR = "the heading of a sidebar, such as related links or a word list"
TAIL = "a sidebar after the story, such as related links or a word list"

EN_1 = (
    "The Erqi night market reopened on Friday, drawing thousands of visitors to "
    "its food stalls and craft stands."
)
ZH_1 = "周五，二七夜市重新开放，美食摊和手工艺摊位吸引了数千名游客。"
EN_2 = (
    "Stall owners said business was better than last year, with some selling out "
    "before nine o'clock."
)
ZH_2 = "摊主们说，生意比去年更好，有些摊位九点前就卖完了。"
EN_3 = "Many visitors came from other provinces after seeing videos of the market."
ZH_3 = "许多游客是在网上看到夜市的视频后，从外省慕名而来的。"


def texts(article):
    return [(pair.en, pair.zh_hans) for pair in article.pairs]


def clutter(article):
    return [(f.line, f.message) for f in article.findings if f.kind == "clutter"]


def kept(line, why):
    return f"kept “{line}” apart: {why}"


# Lines that repeat with only a counter changing

LISTENING_POST = f"""\
1057th article1057期双语推文
Night markets light up Zhengzhou 郑州夜市点亮夏夜
英语听力音频(1)
{EN_1}
{ZH_1}
英语听力音频(2)
{EN_2}
{ZH_2}
英语听力音频(3)
{EN_3}
{ZH_3}
编辑丨孙丽
"""


def test_listening_audio_counters_are_kept_apart_and_the_pairs_hold():
    article = parse_text(LISTENING_POST)

    assert clutter(article) == [
        (3, kept("英语听力音频(1)", COUNTER)),
        (6, kept("英语听力音频(2)", COUNTER)),
        (9, kept("英语听力音频(3)", COUNTER)),
    ]
    assert texts(article) == [
        ("", "英语听力音频（1）"),
        (EN_1, ZH_1),
        ("", "英语听力音频（2）"),
        (EN_2, ZH_2),
        ("", "英语听力音频（3）"),
        (EN_3, ZH_3),
    ]
    assert all(f.is_warning for f in article.findings if f.kind == "clutter")


def test_english_counters_are_clutter_too():
    article = parse_text(
        "Night markets light up Zhengzhou\n郑州夜市点亮夏夜\n"
        f"Audio 1\n{EN_1}\n{ZH_1}\nAudio 2\n{EN_2}\n{ZH_2}\nAudio 3\n{EN_3}\n{ZH_3}\n"
    )

    assert [line for line, _ in clutter(article)] == [3, 6, 9]
    assert (EN_2, ZH_2) in texts(article)


def test_numbered_headings_with_their_translations_are_not_counters():
    article = parse_text(
        "Night markets light up Zhengzhou\n郑州夜市点亮夏夜\n"
        f"Part 1\n第一部分\n{EN_1}\n{ZH_1}\nPart 2\n第二部分\n{EN_2}\n{ZH_2}\n"
        f"Part 3\n第3部分\n{EN_3}\n{ZH_3}\n"
    )

    assert not clutter(article)
    assert texts(article)[::2] == [
        ("Part 1", "第一部分"),
        ("Part 2", "第二部分"),
        ("Part 3", "第3部分"),
    ]


# Short lines that translate neither neighbour: alt text, sidebars

SOLAR_TERMS = """\
节气里的郑州
Solar terms in Zhengzhou

立夏是夏季的第一个节气，今年在5月5日。
Start of Summer, the first solar term of the season, fell on May 5 this year.

Erqi Square at dusk

郑州人有立夏吃蛋的习俗，老人们说这样整个夏天都不会生病。
Zhengzhou families eat eggs on this day; the old saying goes that it keeps \
illness away all summer.

Hot topics 热点话题

不夜之城
A CITY THAT NEVER SLEEPS

入夏以后，夜市营业到凌晨两点。
Once summer comes, the night markets stay open until two in the morning.
"""


def test_alt_text_and_a_bilingual_sidebar_line_are_kept_apart():
    article = parse_text(SOLAR_TERMS)

    assert clutter(article) == [
        (7, kept("Erqi Square at dusk", ALT_TEXT)),
        (12, kept("Hot topics 热点话题", MIXED)),
    ]
    assert ("Erqi Square at dusk", "") in texts(article)
    assert ("Hot topics", "") in texts(article)
    assert ("", "热点话题") in texts(article)


def test_a_heading_next_to_its_translation_still_pairs():
    article = parse_text(SOLAR_TERMS)

    assert [(p.kind, p.line_en, p.line_zh_hans) for p in article.pairs] == [
        ("paragraph", 5, 4),
        ("heading", 7, None),
        ("paragraph", 10, 9),
        ("heading", 12, None),
        ("heading", None, 12),
        ("heading", 15, 14),
        ("paragraph", 18, 17),
    ]
    assert article.pairs[5].en == "A CITY THAT NEVER SLEEPS"


def test_alt_text_between_a_paragraph_and_its_translation_is_never_paired():
    article = parse_text(f"{EN_1}\nThe night market at dusk\n{ZH_1}\n{EN_2}\n{ZH_2}\n")

    assert clutter(article) == [(2, kept("The night market at dusk", ALT_TEXT))]
    assert ("The night market at dusk", "") in texts(article)


def test_a_question_and_its_translation_are_not_alt_text():
    article = parse_text(
        "Ten years in Zhengzhou\n在郑州的十年\n"
        "Q: What has changed most in ten years?\n问：十年来，变化最大的是什么？\n"
        f"A: The metro. {EN_1}\n答：地铁。{ZH_1}\n"
    )

    assert not clutter(article)
    assert texts(article)[0] == (
        "Q: What has changed most in ten years?",
        "问：十年来，变化最大的是什么？",
    )


# Issue lines, anywhere


def test_glued_issue_line_after_the_title_is_clutter_and_the_title_holds():
    article = parse_text(
        "点击上方蓝字关注我们\n"
        "Citywalk: young people rediscover old streets\n"
        "城市漫步：年轻人重新发现老街\n"
        "1088th article1088期双语推文\n"
        f"{EN_1}\n{ZH_1}\n{EN_2}\n{ZH_2}\n"
    )

    assert article.title == {
        "en": "Citywalk: young people rediscover old streets",
        "zh-hans": "城市漫步：年轻人重新发现老街",
    }
    assert clutter(article) == [
        (1, kept("点击上方蓝字关注我们", CALL)),
        (4, kept("1088th article1088期双语推文", ISSUE)),
    ]
    assert texts(article)[-2:] == [(EN_1, ZH_1), (EN_2, ZH_2)]


def test_glued_issue_line_on_top_is_read_as_the_issue_line():
    article = parse_text(f"1057th article1057期双语推文\n{EN_1}\n{ZH_1}\n")

    assert [f.message for f in article.findings if f.kind == "issue"] == [
        "read “1057th article1057期双语推文” as the issue line"
    ]
    assert texts(article) == [(EN_1, ZH_1)]


def test_a_sentence_starting_like_an_issue_line_is_story():
    line = "第12期培训班于周一开班，共有40名学员参加。"
    article = parse_text(f"{line}\nThe 12th training class opened on Monday.\n")

    assert not [f for f in article.findings if f.kind in ("issue", "clutter")]
    assert texts(article) == [("The 12th training class opened on Monday.", line)]


def test_an_issue_line_is_never_joined_to_a_wrapped_looking_chinese_paragraph():
    article = parse_text(
        "Four of the 13 stations connect with other lines.\n"
        "1024th article1024期双语推文\n"
        "13座车站中有4座可与其他线路换乘。\n\n"
        "The line opened on Sunday.\n该线路于周日开通。\n"
    )

    assert clutter(article) == [(2, kept("1024th article1024期双语推文", ISSUE))]
    assert "13座车站中有4座可与其他线路换乘。" in [p.zh_hans for p in article.pairs]


# Calls to action


@pytest.mark.parametrize(
    "line",
    [
        "长按识别二维码",
        "记得点个在看",
        "关注我们",
        "欢迎关注Where Zhengzhou公众号",
        "点击阅读原文",
        "Scan QR Code",
        "Watch the video",
        "Follow us on WeChat and Weibo",
    ],
)
def test_a_call_to_action_between_pairs_is_kept_apart(line):
    article = parse_text(f"{EN_1}\n{ZH_1}\n{line}\n{EN_2}\n{ZH_2}\n")

    assert clutter(article) == [(3, kept(line, CALL))]
    assert len(article.pairs) == 3
    assert article.pairs[1].lines == [3]
    assert not (article.pairs[1].en and article.pairs[1].zh_hans)


def test_calls_to_action_in_both_languages_are_both_clutter():
    article = parse_text(f"{EN_1}\n{ZH_1}\nScan QR Code\n扫码关注我们\n")

    assert [line for line, _ in clutter(article)] == [3, 4]
    assert texts(article)[1:] == [("Scan QR Code", ""), ("", "扫码关注我们")]


def test_short_prose_about_a_qr_code_with_its_translation_still_pairs():
    article = parse_text(
        f"{EN_1}\n{ZH_1}\n"
        "Scan the QR code at the gate to pay.\n在门口扫码即可付款。\n"
        f"{EN_2}\n{ZH_2}\n"
    )

    assert not clutter(article)
    assert texts(article)[1] == (
        "Scan the QR code at the gate to pay.",
        "在门口扫码即可付款。",
    )


def test_a_call_to_action_next_to_a_heading_does_not_take_its_translation():
    article = parse_text(
        f"{EN_1}\n{ZH_1}\n记得点个在看\nA CITY THAT NEVER SLEEPS\n不夜之城\n"
        f"{EN_2}\n{ZH_2}\n"
    )

    assert clutter(article) == [(3, kept("记得点个在看", CALL))]
    assert ("A CITY THAT NEVER SLEEPS", "不夜之城") in texts(article)


# Sidebars: related links, word lists

RELATED_TAIL = f"""\
{EN_1}
{ZH_1}
{EN_2}
{ZH_2}
推荐阅读
Zhengzhou opens its newest metro line
郑州最新地铁线路开通
Why Zhengzhou keeps surprising visitors 郑州为何总让人惊喜？
编辑丨孙丽
"""


def test_a_related_links_tail_is_kept_apart_line_by_line():
    article = parse_text(RELATED_TAIL)

    assert clutter(article) == [
        (5, kept("推荐阅读", TAIL)),
        (6, kept("Zhengzhou opens its newest metro line", TAIL)),
        (7, kept("郑州最新地铁线路开通", TAIL)),
        (8, kept("Why Zhengzhou keeps surprising visitors 郑州为何总让人惊喜？", TAIL)),
    ]
    assert texts(article)[:2] == [(EN_1, ZH_1), (EN_2, ZH_2)]
    assert [c.names for c in article.credits] == [["孙丽"]]


def test_a_word_list_closing_the_story_is_a_sidebar():
    article = parse_text(
        f"{ZH_1}\n{EN_1}\n重点词汇\nstall 摊位\nnight market 夜市\ncraft 手工艺\n"
    )

    assert [line for line, _ in clutter(article)] == [3, 4, 5, 6]
    assert texts(article)[0] == (EN_1, ZH_1)


def test_a_sidebar_heading_inside_the_story_is_kept_apart_alone():
    article = parse_text(
        f"{EN_1}\n{ZH_1}\nRelated: Zhengzhou opens its newest metro line\n"
        f"{EN_2}\n{ZH_2}\n"
    )

    assert clutter(article) == [
        (3, kept("Related: Zhengzhou opens its newest metro line", SIDEBAR))
    ]
    assert texts(article)[2] == (EN_2, ZH_2)


# Any article, any clutter

CLUTTER_LINES = (
    "长按识别二维码",
    "记得点个在看",
    "Scan QR Code",
    "Watch the video",
    "1024th article1024期双语推文",
    "Hot topics 热点话题",
    "Erqi Square at dusk",
    "英语听力音频(3)",
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pairs=articles.filter(lambda pairs: len(pairs) > 1),
    inserted=st.lists(
        st.tuples(st.integers(1, 11), st.sampled_from(CLUTTER_LINES)),
        min_size=1,
        max_size=3,
    ),
    chinese_first=st.booleans(),
)
# Two short lines side by side, one with a counter: not each other's translation.
@example(
    pairs=[("City city city city city.", "上上上上。")] * 2,
    inserted=[(1, "Erqi Square at dusk"), (1, "英语听力音频(3)")],
    chinese_first=False,
)
def test_clutter_put_anywhere_in_an_article_is_flagged_and_nothing_else(
    pairs, inserted, chinese_first
):
    paragraphs = [
        line for en, zh in pairs for line in ((zh, en) if chinese_first else (en, zh))
    ]
    for gap, line in sorted(inserted, reverse=True):
        paragraphs.insert(min(gap, len(paragraphs) - 1), line)
    lines = "\n".join(paragraphs).splitlines()

    article = parse_text("\n".join(lines))

    assert {line for line, _ in clutter(article)} == {
        number for number, line in enumerate(lines, 1) if line in CLUTTER_LINES
    }

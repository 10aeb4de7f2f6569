"""The alignment of a whole text: stray lines, mixed layouts, split paragraphs,
numbers and Latin names that steer the pairing, and clutter that is never paired."""

import pytest

from bilingual.parser import parse_text
from bilingual.parser.lines import Paragraph
from bilingual.parser.pairing import pair

# A desk's story, one (English, Chinese) pair per paragraph.
STORY = [
    (
        "Zhengzhou opened its newest metro line on Saturday, linking the airport "
        "with the eastern railway station in less than thirty minutes.",
        "周六，郑州最新的地铁线路开通运营，从机场到东站不到三十分钟。",
    ),
    (
        "Officials said the line would carry more than two hundred thousand "
        "passengers a day by the end of the year.",
        "相关负责人表示，到今年年底，这条线路日均客流将超过二十万人次。",
    ),
    (
        "Passengers on the first train said the ride was quiet and smooth, and "
        "many of them took photos of the new stations.",
        "首班车上的乘客说，列车运行安静平稳，许多人在新车站拍照留念。",
    ),
    (
        "The line has twenty stations, four of which connect with other lines, "
        "and trains run every six minutes at peak hours.",
        "这条线路共设二十座车站，其中四座可与其他线路换乘，高峰时段每六分钟一班。",
    ),
    (
        "Shops near the stations reported more customers in the first week, "
        "especially cafes and bookstores.",
        "车站附近的商店表示，开通第一周顾客明显增多，咖啡馆和书店尤其如此。",
    ),
    (
        "The city plans to open two more lines before the end of next year.",
        "该市计划在明年年底前再开通两条线路。",
    ),
]
# Short lines copied with a page that translate nothing: alt text, a counter.
STRAYS = {
    "en": "A metro train at Zhengzhou East Station",
    "zh": "英语听力音频（3）",
}


def paired(article_or_pairs):
    """Return the (English, Chinese) of the pairs that have both sides."""
    pairs = getattr(article_or_pairs, "pairs", article_or_pairs)
    return [(p.en, p.zh_hans) for p in pairs if p.en and p.zh_hans]


def story_lines(story, *, chinese_first=False):
    return [
        line
        for english, chinese in story
        for line in ((chinese, english) if chinese_first else (english, chinese))
    ]


def paragraph(line, language, text, *, block=0, clutter=None):
    return Paragraph(
        lines=[line],
        language="en" if language == "en" else "zh-hans",
        text=text,
        block=block,
        is_split=False,
        is_caption=False,
        clutter=clutter,
    )


@pytest.mark.parametrize("chinese_first", [False, True], ids=["en first", "zh first"])
@pytest.mark.parametrize("stray", ["en", "zh"])
def test_a_stray_line_inside_a_pair_shifts_no_later_pair(chinese_first, stray):
    lines = story_lines(STORY, chinese_first=chinese_first)
    # Between the second paragraph and its translation.
    lines.insert(3, STRAYS[stray])

    article = parse_text("\n".join(lines))

    assert paired(article) == STORY
    (alone,) = [p for p in article.pairs if not (p.en and p.zh_hans)]
    assert STRAYS[stray] in (alone.en, alone.zh_hans)
    assert alone.lines == [4]


def test_the_pair_around_a_stray_line_says_it_left_it_alone():
    lines = story_lines(STORY)
    lines.insert(3, STRAYS["zh"])

    article = parse_text("\n".join(lines))

    second = article.pairs[1]
    assert (second.line_en, second.line_zh_hans) == (3, 5)
    assert "leaving line 4 between them alone" in second.reason
    assert second.confidence >= 0.6


def test_mixed_layouts_blank_line_blocks_and_running_pairs_in_one_text():
    one, two, three, four, five, six = STORY
    text = "\n".join(
        [
            *one,
            "",
            *two,
            *three,
            STRAYS["en"],
            "",
            # A block of its own may reverse the order.
            four[1],
            four[0],
            "",
            five[0],
            STRAYS["zh"],
            five[1],
            *six,
        ]
    )

    article = parse_text(text)

    assert paired(article) == STORY
    reversed_pair = article.pairs[4]
    assert (reversed_pair.line_en, reversed_pair.line_zh_hans) == (11, 10)
    assert "the only English and Chinese paragraphs between blank lines" in (
        reversed_pair.reason
    )


def test_running_text_that_changes_order_halfway_is_followed():
    lines = story_lines(STORY[:3]) + story_lines(STORY[3:], chinese_first=True)

    article = parse_text("\n".join(lines))

    assert paired(article) == STORY
    assert [(p.line_en, p.line_zh_hans) for p in article.pairs][2:4] == [
        (5, 6),
        (8, 7),
    ]


def test_an_english_paragraph_split_in_two_is_joined_to_its_one_translation():
    one, two, three, four, five, six = STORY
    chinese = two[1] + three[1]
    text = "\n".join([*one, two[0], three[0], chinese, *four, *five, *six])

    article = parse_text(text)

    assert paired(article) == [one, (f"{two[0]} {three[0]}", chinese), four, five, six]
    assert (3, 5) == (article.pairs[1].line_en, article.pairs[1].line_zh_hans)
    assert (
        3,
        "joined the English paragraphs on lines 3 and 4 into one: together they "
        "match the Chinese on line 5",
    ) in [(f.line, f.message) for f in article.findings if f.kind == "paired"]


def test_a_chinese_paragraph_split_in_two_is_joined_without_a_space():
    one, two, three, four, five, six = STORY
    english = f"{two[0]} {three[0]}"
    text = "\n".join([*one, english, two[1], three[1], *four, *five, *six])

    article = parse_text(text)

    assert paired(article) == [one, (english, two[1] + three[1]), four, five, six]
    assert any(
        f.message.startswith("joined the Chinese paragraphs on lines 4 and 5")
        for f in article.findings
    )


def test_numbers_that_disagree_steer_the_pairing_past_a_nearer_line():
    english = "The city opened 40 new parks this year."
    wrong = "去年全市新开了30个公园。"
    right = "今年全市新开了40个公园。"
    text = "\n".join([*STORY[0], english, wrong, right, *STORY[1], *STORY[2]])

    article = parse_text(text)

    assert paired(article) == [STORY[0], (english, right), STORY[1], STORY[2]]
    assert ("", wrong) in [(p.en, p.zh_hans) for p in article.pairs]
    assert article.pairs[1].reason.startswith("aligned by length and 1 matching number")


def test_a_latin_name_inside_the_chinese_steers_the_pairing():
    english = "BYD opened a new factory in the city."
    wrong = "iPhone在这座城市卖得很好。"
    right = "BYD在这座城市新开了一家工厂。"
    text = "\n".join([*STORY[0], english, wrong, right, *STORY[1], *STORY[2]])

    article = parse_text(text)

    assert paired(article) == [STORY[0], (english, right), STORY[1], STORY[2]]
    assert "1 matching Latin name" in article.pairs[1].reason


def test_a_pair_that_fits_badly_is_still_proposed_and_flagged():
    english = STORY[0][0]
    text = "\n".join([english, "郑州。", *STORY[1], *STORY[2], *STORY[3]])

    article = parse_text(text)

    first = article.pairs[0]
    assert (first.en, first.zh_hans) == (english, "郑州。")
    assert first.confidence < 0.6
    assert "but the Chinese is much shorter than a translation is" in first.reason
    (finding,) = [f for f in article.findings if f.line == 1 and f.kind == "paired"]
    assert finding.is_warning
    assert finding.message.startswith("check this pair: paired the English on line 1")


def test_a_paragraph_marked_as_clutter_is_never_paired():
    english, chinese = STORY[0]
    # The clutter line fits the English better than its real translation does
    # and sits right after it: unmarked, it would be paired.
    clutter = "长按识别二维码关注郑州日报，每天为你推送最新的城市新闻和生活服务。"
    reason = "a call to follow the account"
    paragraphs = [
        paragraph(1, "en", english),
        paragraph(2, "zh", clutter, clutter=reason),
        paragraph(3, "zh", chinese),
        paragraph(4, "en", STORY[1][0]),
        paragraph(5, "zh", STORY[1][1]),
    ]

    pairs, findings = pair(paragraphs)

    assert paired(pairs) == [STORY[0], STORY[1]]
    marked = pairs[1]
    assert (marked.en, marked.zh_hans, marked.line_zh_hans) == ("", clutter, 2)
    assert marked.reason == reason
    assert marked.confidence < 0.3
    assert not [f for f in findings if f.line == 2]


def test_clutter_is_not_joined_into_a_split_paragraph():
    reason = "a line that repeats with only a counter changing"
    paragraphs = [
        paragraph(1, "en", STORY[0][0]),
        paragraph(2, "zh", STORY[0][1][:15], clutter=reason),
        paragraph(3, "zh", STORY[0][1]),
    ]

    pairs, _ = pair(paragraphs)

    assert paired(pairs) == [STORY[0]]
    assert pairs[1].reason == reason


def test_two_thousand_paragraphs_with_strays_align():
    paragraphs = []
    expected = []
    for number in range(1000):
        english, chinese = STORY[number % len(STORY)]
        english = f"{english} (Part {number}.)"
        chinese = f"{chinese}（第{number}部分）"
        expected.append((english, chinese))
        paragraphs.append(paragraph(len(paragraphs) + 1, "en", english))
        if number % 40 == 7:
            language = "zh" if number % 80 == 7 else "en"
            paragraphs.append(
                paragraph(len(paragraphs) + 1, language, STRAYS[language])
            )
        paragraphs.append(paragraph(len(paragraphs) + 1, "zh", chinese))

    pairs, findings = pair(paragraphs)

    assert paired(pairs) == expected
    assert len(pairs) == 1000 + 25
    assert sum(f.kind == "unpaired" for f in findings) == 25

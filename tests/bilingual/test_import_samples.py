"""Hand-written examples of each layout desks send, read by the parser."""

from pathlib import Path

import pytest

from bilingual.parser import (
    Credit,
    Pair,
    Person,
    parse_bytes,
    parse_text,
)

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "import_samples"


def sample(name):
    return parse_bytes((SAMPLES / name).read_bytes())


def texts(article):
    return [(pair.en, pair.zh_hans) for pair in article.pairs]


def findings(article, kind):
    return [(f.line, f.message) for f in article.findings if f.kind == kind]


# English first, blank lines between pairs, one-line bilingual title


def test_issue_line_and_bilingual_marker_are_not_the_title():
    article = sample("en_first_blank_lines.txt")

    assert article.title == {
        "en": "Why Zhengzhou keeps surprising visitors",
        "zh-hans": "郑州为何总让人惊喜？",
    }
    assert findings(article, "issue") == [
        (1, "read “1024th article 1024期双语推文” as the issue line")
    ]
    assert (2, "removed the marker “【双语】” from the title") in findings(
        article, "title"
    )


def test_blank_line_layout_pairs_heading_and_quote_with_their_kinds():
    article = sample("en_first_blank_lines.txt")

    assert [(p.kind, p.line_en, p.line_zh_hans) for p in article.pairs] == [
        ("paragraph", 4, 5),
        ("heading", 7, 8),
        ("paragraph", 10, 11),
        ("quote", 13, 14),
    ]
    assert article.pairs[1].en == "A CITY OF GARDENS"
    assert article.pairs[3].zh_hans == "“我们每天晚饭后都来这里。”"
    assert all(pair.confidence == 1.0 for pair in article.pairs)
    assert all("between blank lines" in pair.reason for pair in article.pairs)


def test_photo_and_credit_lines_with_several_separators():
    article = sample("en_first_blank_lines.txt")

    assert article.credits == (
        Credit("photographer", "photo", (Person("Ma Jian", ""),), 16),
        Credit("reporter", "Reporter", (Person("Yang Han", ""),), 18),
        Credit(
            "photographer",
            "Photo",
            (Person("Ma Jian", ""), Person("Li Xinhua", "")),
            19,
        ),
        Credit("translator", "Translator", (Person("Benjamin Curwen", "UK"),), 20),
    )


# Chinese first, nothing between pairs, column tag, paragraphs without translation


def test_column_tag_is_kept_apart_from_the_chinese_title():
    article = sample("zh_first_no_separator.txt")

    assert article.title == {
        "en": "Solar terms in Zhengzhou",
        "zh-hans": "节气里的郑州",
    }
    assert article.column == {"en": "Culture"}
    assert article.credits[0].line == 11


def test_chinese_first_sequence_keeps_untranslated_paragraphs_alone_and_flagged():
    article = sample("zh_first_no_separator.txt")

    assert [(p.line_en, p.line_zh_hans) for p in article.pairs] == [
        (4, 3),
        (6, 5),
        (7, None),
        (9, 8),
        (None, 10),
    ]
    assert article.pairs[2] == Pair(
        "This paragraph was never translated by the desk.", "", 7, None
    )
    assert article.pairs[2].confidence < 0.5
    assert findings(article, "unpaired") == [
        (7, "this English paragraph has no Chinese translation"),
        (10, "this Chinese paragraph has no English original"),
    ]
    assert all(f.is_warning for f in article.findings if f.kind == "unpaired")


def test_chinese_credit_labels_names_and_notes():
    article = sample("zh_first_no_separator.txt")

    assert [(c.role, c.names) for c in article.credits] == [
        ("reporter", ["张三", "李四"]),
        ("text_editor", ["王五"]),
        ("managing_editor", ["赵六"]),
        ("proofreader", ["Benjamin Curwen"]),
        ("voice", ["Benjamin Curwen"]),
        ("photographer", ["马健", "李新华"]),
        ("translator", ["Liu Fangyu", "Jiang Yifan"]),
    ]
    assert article.credits[1].people == (Person("王五", "实习"),)
    assert article.credits[3].people == (Person("Benjamin Curwen", "英国"),)


def test_producer_and_source_labels_go_to_their_fields():
    article = sample("zh_first_no_separator.txt")

    assert article.publication == {"producer": "郑州日报社出品"}
    assert article.source == "WhereZhengzhou"


# Hard-wrapped English, indented Chinese


def test_hard_wrapped_english_is_joined_into_one_paragraph_per_pair():
    article = sample("hard_wrapped.txt")

    assert len(article.pairs) == 2
    first = article.pairs[0]
    assert first.en == (
        "Zhengzhou opened its newest metro line on Saturday, linking the airport "
        "with the eastern railway station in less than thirty minutes. Officials "
        "said the line will carry more than two hundred thousand passengers a day "
        "by the end of the year."
    )
    assert first.zh_hans.startswith("周六，郑州最新的地铁线路开通运营")
    assert (first.line_en, first.line_zh_hans) == (4, 7)
    assert article.pairs[1].en.endswith("four of which connect with other lines.")
    assert findings(article, "joined") == [
        (4, "joined 3 hard-wrapped lines (4–6) into one English paragraph"),
        (9, "joined 3 hard-wrapped lines (9–11) into one English paragraph"),
    ]


def test_short_english_lines_are_never_joined():
    article = parse_text(
        "The first short paragraph ends here.\n"
        "The second short paragraph ends here.\n"
        "第二段。\n"
    )

    assert texts(article) == [
        ("The first short paragraph ends here.", ""),
        ("The second short paragraph ends here.", "第二段。"),
    ]


# Both languages inside one long line


def test_languages_alternating_in_one_line_are_split_into_pairs():
    article = sample("alternating_one_line.txt")

    assert article.title == {"en": "Spring in the city", "zh-hans": "城市之春"}
    assert texts(article) == [
        ("The parks are full of flowers.", "公园里开满了鲜花。"),
        ("Families come out to walk in the sun.", "一家人出来在阳光下散步。"),
        ("Tea houses stay open late into the night.", "茶馆一直营业到深夜。"),
    ]
    assert findings(article, "split") == [
        (2, "the line holds both languages; split it into 4 paragraphs"),
        (3, "the line holds both languages; split it into 2 paragraphs"),
    ]


def test_english_prose_quoting_chinese_names_is_not_split():
    line = "Visitors to 郑州 often start at the 二七纪念塔, the city's old landmark."
    article = parse_text(f"{line}\n游客常从二七纪念塔开始游览郑州。\n")

    assert texts(article) == [(line, "游客常从二七纪念塔开始游览郑州。")]


def test_chinese_prose_quoting_english_is_not_split():
    line = "他说：“Zhengzhou is a great city to live in.”然后笑了。"
    article = parse_text(f"He said Zhengzhou was a great city, and smiled.\n{line}\n")

    assert article.pairs[0].zh_hans == line


def test_a_short_bilingual_line_in_the_body_is_kept_apart_as_clutter():
    # Between paragraphs such a line is most often a sidebar or an image's alt
    # text; the editor sees both halves, flagged, and may keep them.
    article = parse_text(
        "The city grew fast last year.\n这座城市去年发展很快。\n"
        "PART TWO 第二部分\n"
        "Factories opened across the region.\n全区新开了许多工厂。\n"
    )

    assert texts(article) == [
        ("The city grew fast last year.", "这座城市去年发展很快。"),
        ("PART TWO", ""),
        ("", "第二部分"),
        ("Factories opened across the region.", "全区新开了许多工厂。"),
    ]
    assert [line for line, _ in findings(article, "clutter")] == [3]


# Copied from a web page


def test_page_junk_is_dropped_with_a_warning_quoting_each_line():
    article = sample("web_copy.txt")

    assert findings(article, "junk") == [
        (1, "dropped “原创 Where Zhengzhou 2024-05-01 10:30”: a date line"),
        (2, "dropped “阅读 10万+  在看 23”: a view or like count"),
        (3, "dropped “图片”: an image placeholder or alt text"),
        (6, "dropped “————————————”: a divider line with no words"),
        (15, "dropped “* * *”: a divider line with no words"),
        (18, "dropped “END”: an end-of-page marker"),
    ]
    assert all(f.is_warning for f in article.findings if f.kind == "junk")


def test_calls_to_action_are_kept_apart_as_clutter_not_dropped():
    article = sample("web_copy.txt")

    assert findings(article, "clutter") == [
        (16, "kept “Scan QR Code” apart: a call to action from the web page"),
        (17, "kept “长按识别二维码关注我们” apart: a call to action from the web page"),
    ]
    assert [(p.en, p.zh_hans) for p in article.pairs[-2:]] == [
        ("Scan QR Code", ""),
        ("", "长按识别二维码关注我们"),
    ]
    assert article.title == {
        "en": "Yellow River tour boats return",
        "zh-hans": "黄河游船重新起航",
    }


def test_captions_and_every_photo_line_form():
    article = sample("web_copy.txt")

    assert [(p.kind, p.en, p.zh_hans) for p in article.pairs[1:3]] == [
        ("caption", "A tour boat on the Yellow River", "黄河上的一艘游船"),
        (
            "caption",
            "Passengers can see the river from the upper deck.",
            "乘客可以在上层甲板欣赏河景。",
        ),
    ]
    photographers = [
        (c.line, c.label, c.names) for c in article.credits if c.role == "photographer"
    ]
    assert photographers == [
        (11, "Photo", ["Xinhua"]),
        (12, "Photo", ["Li Xinhua"]),
        (13, "图", ["李新华"]),
        (14, "摄影", ["马健"]),
    ]


def test_unknown_role_is_kept_with_a_warning():
    article = sample("web_copy.txt")

    assert article.credits[-1] == Credit(
        "sound_design", "Sound Design", (Person("Zhang San", ""),), 20
    )
    assert any(
        f.line == 20 and f.is_warning and '"Sound Design"' in f.message
        for f in article.findings
    )


@pytest.mark.parametrize(
    "line",
    [
        "Visitors can scan the QR code at the gate to pay for their tickets.",
        "On 2024-05-01 the museum welcomed more than ten thousand visitors.",
        "The photo/video corner on the second floor is open until nine.",
    ],
)
def test_prose_mentioning_junk_words_is_kept(line):
    article = parse_text(f"{line}\n这是一段中文翻译，内容与英文相同。\n")

    assert article.pairs[0].en == line
    assert not findings(article, "junk")


# Punctuation converted to ASCII


def test_ascii_punctuation_in_chinese_is_made_full_width():
    article = sample("ascii_punctuation.txt")

    assert [pair.zh_hans for pair in article.pairs] == [
        "二七路夜市周五重新开放，吸引了数千名游客。",
        "摊主们说，生意比去年更好（多了大约20%）。",
    ]
    assert article.pairs[1].en == (
        "Stall owners said business was better than last year (about 20% more)."
    )


def test_ascii_credit_separators_and_notes():
    article = sample("ascii_punctuation.txt")

    assert [(c.role, c.people) for c in article.credits] == [
        ("reporter", (Person("Yang Han", ""),)),
        ("voice", (Person("Benjamin Curwen", "UK"),)),
        ("proofreader", (Person("Xiong Vivi", ""), Person("Liu Fangyu", ""))),
    ]


# Files: GB18030


def test_gb18030_sample_reads_the_same_as_utf8():
    utf8 = (SAMPLES / "zh_first_no_separator.txt").read_bytes()

    article = parse_bytes(utf8.decode().encode("gb18030"))

    assert article.encoding == "gb18030"
    assert article.pairs == sample("zh_first_no_separator.txt").pairs

"""The parser on the seed article and on small made-up files: punctuation and
language, credits, metadata lines, pairing, titles, decoding and bad input."""

import json
from pathlib import Path

import pytest

from bilingual.parser import (
    ROLE_CODES,
    Credit,
    Pair,
    ParseError,
    Person,
    decode,
    detect_language,
    normalize_chinese_punctuation,
    parse_bytes,
    parse_text,
    split_bilingual,
)

_PROJECT_SEED = (
    Path(__file__).resolve().parents[2] / "articles" / "demo" / "seed_article.txt"
)
_SHARED_SEED = Path("/work/shared/seed/000_b3497562563fb870.txt")
SEED_PATH = _PROJECT_SEED if _PROJECT_SEED.exists() else _SHARED_SEED

EN = "The city grew fast last year."
ZH = "这座城市去年发展很快。"
EN_2 = "Factories opened across the region."
ZH_2 = "全区新开了许多工厂。"


@pytest.fixture(scope="module")
def seed_bytes():
    return SEED_PATH.read_bytes()


@pytest.fixture(scope="module")
def seed(seed_bytes):
    return parse_bytes(seed_bytes)


def _parse(*lines):
    return parse_text("\n".join(lines))


def _messages(article, line):
    return [w.message for w in article.warnings if w.line == line]


def _credit(line):
    (credit,) = _parse(EN, ZH, line).credits
    return credit


# The seed file


def test_seed_has_ten_pairs_in_order(seed):
    assert len(seed.pairs) == 10
    assert [p.line_en for p in seed.pairs] == list(range(4, 24, 2))
    assert [p.line_zh_hans for p in seed.pairs] == list(range(5, 24, 2))


def test_seed_first_pair_texts(seed):
    first = seed.pairs[0]
    assert first.en == (
        "Zhengzhou's industrial sector witnessed a surge of technological "
        "breakthroughs in the first quarter of this year, driven by the burgeoning "
        "momentum in computing power, artificial intelligence, and new energy. "
        "Prioritizing technological innovation, the city is propelling industries "
        "towards the higher end of the value chain and accelerating the cultivation "
        "of new productive forces."
    )
    assert first.zh_hans == (
        "在算力、人工智能、新能源等领域的澎湃动能中，今年一季度，郑州工业迎来"
        "“含新量”十足的科技突破。郑州以科技创新为引领，力促产业向价值链高端延伸，"
        "在培育新质生产力的赛道上跑出了加速度。"
    )


def test_seed_last_pair_texts(seed):
    last = seed.pairs[-1]
    assert last.en == (
        "From computing power clusters to new energy vehicles, from the intelligent "
        "transformation of traditional manufacturing to the rise of emerging "
        "industries, Zhengzhou is leveraging technological innovation as its "
        "engine, accelerating its drive to become a powerhouse in the era of new "
        "productive forces."
    )
    assert last.zh_hans == (
        "从算力集群到新能源汽车，从传统制造“智变”到新兴产业崛起，郑州正以科技创新"
        "为引擎，加速书写新质生产力的时代“答卷”。"
    )


def test_seed_chinese_keeps_numbers_and_latin_words(seed):
    assert "生产客车8934辆，同比增长6.85%；销售客车9011辆" in seed.pairs[7].zh_hans
    assert "自研7款3D工业相机" in seed.pairs[8].zh_hans
    assert "11.5%、11.1%、9.6%。" in seed.pairs[1].zh_hans


def test_seed_english_paragraphs_are_left_as_written(seed, seed_bytes):
    lines = seed_bytes.decode("utf-8").splitlines()
    assert [p.en for p in seed.pairs] == lines[3:23:2]


def test_seed_credits_roles_in_file_order(seed):
    assert [c.role for c in seed.credits] == [
        "photographer",
        "managing_editor",
        "text_editor",
        "reporter",
        "art_editor",
        "proofreader",
        "voice",
    ]
    assert [c.line for c in seed.credits] == [2, 28, 29, 30, 31, 32, 33]


def test_seed_credit_labels_names_and_notes(seed):
    assert [(c.label, c.names) for c in seed.credits[1:]] == [
        ("Managing Editor", ["Xiong Vivi"]),
        ("Text Editor", ["Liu Fangyu"]),
        ("Reporter", ["Yang Han"]),
        ("Art Editor", ["Jiang Yifan"]),
        ("Proofreader", ["Benjamin Curwen"]),
        ("Voice", ["Benjamin Curwen"]),
    ]
    assert seed.credits[5].people == (Person("Benjamin Curwen", "英国"),)
    assert seed.credits[6].people == (Person("Benjamin Curwen", "英国"),)
    assert seed.credits[1].people == (Person("Xiong Vivi", ""),)


def test_seed_photographer_is_first_credit_with_two_names(seed):
    assert seed.credits[0] == Credit(
        role="photographer",
        label="Photo",
        people=(Person("Ma Jian", ""), Person("Li Xinhua", "")),
        line=2,
    )


def test_seed_summary_is_english_and_flagged_as_cut_off(seed):
    assert seed.summary == {
        "en": "Zhengzhou's industrial sector witnessed a surge of technological "
        "breakthroughs in the first quarter of this year, driven by the bu",
        "zh-hans": "",
    }
    assert seed.pairs[0].en.startswith(seed.summary["en"])
    assert any("cut off mid-word" in m for m in _messages(seed, 1))


def test_seed_translation_note_is_the_line_as_written(seed):
    assert seed.translation_note == {
        "en": "NB: This may not be a word-for-word transcript.",
        "zh-hans": "",
    }


def test_seed_source(seed):
    assert seed.source == "WhereZhengzhou"


def test_seed_publication_lines_are_not_pairs(seed):
    assert seed.publication == {
        "producer": "郑州日报社·对外传播融媒体中心出品",
        "studio": "Where Zhengzhou工作室编辑制作",
        "rights": "All rights reserved.",
        "sharing": (
            "Feel free to forward to WeChat Moments.转载请注明出处,欢迎转发到朋友圈"
        ),
    }
    assert seed.publication_lines == tuple(seed.publication.values())
    paragraph_lines = {p.line_en for p in seed.pairs} | {
        p.line_zh_hans for p in seed.pairs
    }
    assert paragraph_lines.isdisjoint({24, 25, 26, 27})


def test_seed_has_no_title_and_warns_about_it(seed):
    assert seed.title == {"en": "", "zh-hans": ""}
    (message,) = _messages(seed, 0)
    assert "no headline found" in message
    assert "English and Chinese" in message
    assert "before publishing" in message


def test_seed_warns_once_per_chinese_line_with_converted_marks(seed):
    converted = [w for w in seed.warnings if "to full-width" in w.message]
    assert [w.line for w in converted] == list(range(5, 24, 2))
    assert converted[0].message.startswith("converted 4 half-width punctuation marks")
    assert converted[7].message.startswith("converted 8 ")


def test_seed_is_utf8_and_warnings_are_sorted_by_line(seed):
    assert seed.encoding == "utf-8"
    assert not any("GB18030" in w.message for w in seed.warnings)
    assert [w.line for w in seed.warnings] == sorted(w.line for w in seed.warnings)


def test_seed_as_dict_is_json_ready_with_the_agreed_shape(seed):
    data = json.loads(json.dumps(seed.as_dict(), ensure_ascii=False))
    assert list(data) == [
        "title",
        "summary",
        "translation_note",
        "pairs",
        "credits",
        "source",
        "publication",
        "publication_lines",
        "warnings",
        "encoding",
        "column",
        "findings",
    ]
    assert data["pairs"][0] == {
        "en": seed.pairs[0].en,
        "zh-hans": seed.pairs[0].zh_hans,
        "line_en": 4,
        "line_zh_hans": 5,
        "kind": "paragraph",
        "confidence": 1.0,
        "reason": "aligned by length and 1 matching number",
    }
    assert data["credits"][5] == {
        "role": "proofreader",
        "label": "Proofreader",
        "names": ["Benjamin Curwen"],
        "people": [{"name": "Benjamin Curwen", "note": "英国", "other_name": ""}],
        "line": 32,
    }
    assert data["warnings"][1] == {"line": 1, "message": seed.warnings[1].message}
    assert data["publication_lines"][2] == "All rights reserved."
    assert data["encoding"] == "utf-8"
    assert {
        "line": 2,
        "kind": "credit",
        "message": "read as a credit: photographer (Ma Jian, Li Xinhua)",
        "is_warning": False,
    } in data["findings"]
    assert [f["line"] for f in data["findings"] if f["kind"] == "paired"] == list(
        range(4, 24, 2)
    )


def test_seed_read_as_gb18030_gives_the_same_article_and_a_warning(seed, seed_bytes):
    article = parse_bytes(seed_bytes.decode("utf-8").encode("gb18030"))
    assert article.encoding == "gb18030"
    assert article.pairs == seed.pairs
    assert article.credits == seed.credits
    (message,) = [m for m in _messages(article, 0) if "GB18030" in m]
    assert "read as GB18030" in message


def test_seed_with_bom_and_crlf_parses_the_same(seed, seed_bytes):
    text = seed_bytes.decode("utf-8").replace("\n", "\r\n")
    article = parse_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert article.as_dict() == seed.as_dict()


# Punctuation and language


def test_normalizer_converts_marks_touching_chinese():
    text, changed = normalize_chinese_punctuation("郑州,今年:增长?好!是;(测试)")
    assert text == "郑州，今年：增长？好！是；（测试）"
    assert changed == 7


def test_normalizer_converts_after_chinese_quotes_and_percent_signs():
    text, changed = normalize_chinese_punctuation("“大脑”,那么增长16.56%,产量")
    assert text == "“大脑”，那么增长16.56%，产量"
    assert changed == 2


def test_normalizer_leaves_numbers_latin_words_and_decimal_points_alone():
    text = "客车8,934辆增长11.5%。Where Zhengzhou工作室的3D相机"
    fixed, changed = normalize_chinese_punctuation(text)
    assert fixed == "客车8,934辆增长11.5%。Where Zhengzhou工作室的3D相机"
    assert changed == 0
    assert normalize_chinese_punctuation("Hello, world: (yes)!") == (
        "Hello, world: (yes)!",
        0,
    )


def test_normalizer_converts_parentheses_around_latin_inside_chinese():
    assert normalize_chinese_punctuation("新能源汽车(NEV)产业") == (
        "新能源汽车（NEV）产业",
        2,
    )


def test_detect_language_counts_han_against_latin_letters():
    assert detect_language("比亚迪BYD在中原Zhongyuan科技城研发3D相机") == "zh-hans"
    assert detect_language("The trip to 郑州 was long and very rewarding.") == "en"
    assert detect_language("Hello") == "en"
    assert detect_language("你好") == "zh-hans"
    assert detect_language("㐀豈") == "zh-hans"
    assert detect_language("2024-05-01 ***") is None
    assert detect_language("") is None


def test_split_bilingual_separates_languages_but_not_brand_names():
    assert split_bilingual("All rights reserved. 版权所有，侵权必究") == (
        "All rights reserved.",
        "版权所有，侵权必究",
    )
    assert split_bilingual("郑州为何总让人惊喜？Why Zhengzhou surprises") == (
        "Why Zhengzhou surprises",
        "郑州为何总让人惊喜？",
    )
    assert split_bilingual("Where Zhengzhou工作室编辑制作") == (
        "",
        "Where Zhengzhou工作室编辑制作",
    )
    assert split_bilingual("A day in 郑州") == ("A day in 郑州", "")


# Credits


@pytest.mark.parametrize(
    "line",
    [
        "Reporter丨Yang Han",
        "Reporter 丨 Yang Han",
        "Reporter|Yang Han",
        "Reporter | Yang Han",
        "Reporter｜Yang Han",
        "Reporter ｜ Yang Han",
        "Reporter:Yang Han",
        "Reporter: Yang Han",
        "Reporter：Yang Han",
        "Reporter ： Yang Han",
    ],
)
def test_credit_separators_with_and_without_spaces(line):
    credit = _credit(line)
    assert (credit.role, credit.label, credit.names) == (
        "reporter",
        "Reporter",
        ["Yang Han"],
    )


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("责任编辑", "managing_editor"),
        ("MANAGING  editor", "managing_editor"),
        ("编辑", "text_editor"),
        ("Editor", "text_editor"),
        ("记者", "reporter"),
        ("美术编辑", "art_editor"),
        ("校对", "proofreader"),
        ("Narrator", "voice"),
        ("Photography", "photographer"),
        ("图", "photographer"),
        ("Translation", "translator"),
        ("翻译", "translator"),
    ],
)
def test_credit_labels_map_to_role_codes(label, role):
    credit = _credit(f"{label}丨杨晗")
    assert credit.role == role
    assert credit.label == label


def test_role_codes_cover_the_vocabulary():
    assert set(ROLE_CODES.values()) == {
        "managing_editor",
        "text_editor",
        "reporter",
        "art_editor",
        "proofreader",
        "voice",
        "photographer",
        "translator",
    }
    assert all(key == " ".join(key.lower().split()) for key in ROLE_CODES)


def test_credit_note_in_full_width_parentheses():
    credit = _credit("校对丨Benjamin Curwen（英国）")
    assert credit.people == (Person("Benjamin Curwen", "英国"),)


def test_credit_splits_several_names():
    credit = _credit("Photos: Ma Jian, Li Xinhua，王五、赵六 and Ann Lee & Bo Li/Cy Wu")
    assert credit.names == [
        "Ma Jian",
        "Li Xinhua",
        "王五",
        "赵六",
        "Ann Lee",
        "Bo Li",
        "Cy Wu",
    ]


def test_credit_does_not_split_inside_a_note():
    credit = _credit("Voice丨Ann Lee (UK/US), Bo Li")
    assert credit.people == (Person("Ann Lee", "UK/US"), Person("Bo Li", ""))


def test_unknown_credit_role_is_kept_with_a_warning():
    article = _parse(EN, ZH, "Sound Design丨Zhang San")
    assert article.credits == (
        Credit("sound_design", "Sound Design", (Person("Zhang San", ""),), 3),
    )
    (message,) = _messages(article, 3)
    assert "unknown credit role" in message
    assert '"Sound Design"' in message
    assert _credit("Music丨Zhang San").role == "music"


@pytest.mark.parametrize(
    "line",
    [
        "Yutong: a testament to the resilience of Chinese manufacturing.",
        "郑州：一座城市的科技突破",
        "In short, the city: it grows丨fast",
        "At 10:30 the plant opened to visitors",
        "Photos from the big city丨Zhang San",
        "郑州市今年的新闻报道丨张三",
        "Music丨" + "Zhang San, " * 8 + "Li Si",
    ],
)
def test_prose_with_a_separator_is_not_a_credit(line):
    article = _parse(EN, ZH, EN_2, ZH_2, line, "最后一段。")
    assert article.credits == ()
    assert line in {p.en for p in article.pairs} | {p.zh_hans for p in article.pairs}


# Metadata lines


@pytest.mark.parametrize(
    "line",
    ["摘要:Short summary.", "Summary: Short summary.", "ABSTRACT：Short summary."],
)
def test_summary_labels(line):
    assert _parse(line, EN, ZH).summary == {"en": "Short summary.", "zh-hans": ""}


def test_chinese_summary_goes_to_the_chinese_key_with_full_width_marks():
    article = _parse("Summary: 郑州,今年发展很快。", EN, ZH)
    assert article.summary == {"en": "", "zh-hans": "郑州，今年发展很快。"}


def test_chinese_summary_cut_off_is_flagged():
    article = _parse("摘要：这座城市去年", EN, ZH)
    assert article.summary["zh-hans"] == "这座城市去年"
    assert any(
        "cut off" in m and "mid-word" not in m and "line 3" in m
        for m in _messages(article, 1)
    )


def test_complete_summary_is_not_flagged():
    article = _parse(f"Summary: {EN}", EN, ZH)
    assert not any("cut off" in w.message for w in article.warnings)


def test_empty_summary_is_ignored_with_a_warning():
    article = _parse("摘要:", EN, ZH)
    assert article.summary == {"en": "", "zh-hans": ""}
    assert len(article.pairs) == 1
    assert "no text" in _messages(article, 1)[0]


def test_second_summary_in_the_same_language_is_ignored_with_a_warning():
    article = _parse("Summary: First one.", "Summary: Second one.", EN, ZH)
    assert article.summary["en"] == "First one."
    assert "second English summary" in _messages(article, 2)[0]


@pytest.mark.parametrize(
    ("line", "note"),
    [
        ("N.B. Translated by the desk.", {"en": "N.B. Translated by the desk."}),
        ("Note: Translated by the desk.", {"en": "Note: Translated by the desk."}),
        ("注:本文由编辑部翻译。", {"zh-hans": "注：本文由编辑部翻译。"}),
        ("注：本文由编辑部翻译。", {"zh-hans": "注：本文由编辑部翻译。"}),
    ],
)
def test_translation_note_language_decides_the_key(line, note):
    assert _parse(EN, ZH, line).translation_note == {"en": "", "zh-hans": ""} | note


@pytest.mark.parametrize(
    "line", ["来源:Xinhua", "来源：Xinhua", "来源丨Xinhua", "Source: Xinhua"]
)
def test_source_labels(line):
    article = _parse(EN, ZH, line)
    assert article.source == "Xinhua"
    assert article.credits == ()


def test_second_source_is_ignored_with_a_warning():
    article = _parse(EN, ZH, "来源:Xinhua", "Source: Reuters")
    assert article.source == "Xinhua"
    assert "second source" in _messages(article, 4)[0]


def test_english_publication_lines():
    lines = (
        "Produced by Zhengzhou Daily",
        "Edited and produced by Where Zhengzhou",
        "版权所有",
        "转载请注明出处",
    )
    article = _parse(EN, ZH, *lines)
    assert article.publication == dict(
        zip(("producer", "studio", "rights", "sharing"), lines, strict=True)
    )
    assert article.publication_lines == lines
    assert len(article.pairs) == 1


def test_paragraph_mentioning_looking_forward_is_not_a_publication_line():
    article = _parse("We look forward to the future.", "我们期待未来。")
    assert article.publication == {}
    assert article.pairs[0].en == "We look forward to the future."


def test_line_without_words_is_dropped_with_a_warning_quoting_it():
    article = _parse(EN, "* * *", ZH)
    assert article.pairs == (Pair(EN, ZH, 1, 3),)
    assert _messages(article, 2) == ["dropped “* * *”: a divider line with no words"]


# Pairing


def test_english_paragraph_without_translation_is_kept_alone():
    # ZH_2 translates EN_2, not the line after it: the lengths say which to pair.
    article = _parse(EN, ZH, EN_2, "Another English paragraph.", ZH_2)
    assert article.pairs == (
        Pair(EN, ZH, 1, 2),
        Pair(EN_2, ZH_2, 3, 5),
        Pair("Another English paragraph.", "", 4, None),
    )
    assert _messages(article, 4) == [
        "this English paragraph has no Chinese translation"
    ]


def test_trailing_chinese_paragraph_is_kept_alone():
    article = _parse(EN, ZH, ZH_2)
    assert article.pairs == (Pair(EN, ZH, 1, 2), Pair("", ZH_2, None, 3))
    assert _messages(article, 3) == ["this Chinese paragraph has no English original"]


def test_chinese_first_order_pairs_correctly():
    article = _parse(ZH, EN, ZH_2, EN_2)
    assert article.pairs == (Pair(EN, ZH, 2, 1), Pair(EN_2, ZH_2, 4, 3))
    assert not any("paragraph has no" in w.message for w in article.warnings)


def test_order_comes_from_the_first_pair_even_after_a_lone_paragraph():
    article = _parse(ZH_2, ZH, EN, ZH, EN)
    assert article.pairs == (
        Pair("", ZH_2, None, 1),
        Pair(EN, ZH, 3, 2),
        Pair(EN, ZH, 5, 4),
    )


# Titles


def test_title_on_two_lines():
    article = _parse(
        "Why Zhengzhou keeps surprising visitors", "郑州为何总让人惊喜", EN, ZH
    )
    assert article.title == {
        "en": "Why Zhengzhou keeps surprising visitors",
        "zh-hans": "郑州为何总让人惊喜",
    }
    assert article.pairs == (Pair(EN, ZH, 3, 4),)
    assert not any("headline" in w.message for w in article.warnings)


def test_title_on_one_bilingual_line():
    article = _parse(
        "Why Zhengzhou keeps surprising visitors 郑州为何总让人惊喜?", EN, ZH
    )
    assert article.title == {
        "en": "Why Zhengzhou keeps surprising visitors",
        "zh-hans": "郑州为何总让人惊喜？",
    }
    assert article.pairs == (Pair(EN, ZH, 2, 3),)


def test_title_in_one_language_warns_about_the_other():
    article = _parse("Why Zhengzhou keeps surprising visitors", EN, ZH)
    assert article.title == {
        "en": "Why Zhengzhou keeps surprising visitors",
        "zh-hans": "",
    }
    assert "no Chinese headline found" in _messages(article, 1)[0]
    assert len(article.pairs) == 1


def test_chinese_title_first_then_english():
    article = _parse("郑州为何总让人惊喜", "Why Zhengzhou keeps surprising", ZH, EN)
    assert article.title == {
        "en": "Why Zhengzhou keeps surprising",
        "zh-hans": "郑州为何总让人惊喜",
    }
    assert article.pairs == (Pair(EN, ZH, 4, 3),)


# Decoding and bad input


def test_decode_prefers_utf8_and_falls_back_to_gb18030():
    assert decode("郑州".encode()) == ("郑州", "utf-8")
    assert decode(b"\xef\xbb\xbf" + "郑州".encode()) == ("郑州", "utf-8")
    assert decode("郑州".encode("gb18030")) == ("郑州", "gb18030")


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t \n", "\ufeff\u3000\n".encode()])
def test_empty_file_is_an_error(data):
    with pytest.raises(ParseError) as caught:
        parse_bytes(data)
    assert caught.value.line == 0
    assert caught.value.message == "the file is empty"
    assert str(caught.value) == "the file is empty"


@pytest.mark.parametrize(
    "data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"text\x00more"]
)
def test_binary_file_is_an_error(data):
    with pytest.raises(ParseError, match="binary file") as caught:
        parse_bytes(data)
    assert caught.value.line == 0


def test_nul_in_decoded_text_is_an_error():
    with pytest.raises(ParseError, match="binary file"):
        parse_text(f"{EN}\x00\n{ZH}")


def test_no_chinese_is_an_error(seed_bytes):
    english = [
        line
        for line in seed_bytes.decode("utf-8").splitlines()
        if detect_language(line) == "en"
    ]
    with pytest.raises(ParseError) as caught:
        _parse(*english)
    assert caught.value.line == 0
    assert caught.value.message.startswith("no Chinese text found")


def test_no_english_is_an_error():
    with pytest.raises(ParseError) as caught:
        _parse("Reporter丨Yang Han", ZH, ZH_2)
    assert caught.value.line == 0
    assert caught.value.message.startswith("no English text found")


def test_only_credit_lines_is_an_error():
    with pytest.raises(ParseError, match="no paragraphs found") as caught:
        _parse("Managing Editor丨Xiong Vivi", "记者丨杨晗", "来源:WhereZhengzhou")
    assert caught.value.line == 0


def test_undecodable_text_names_the_line_of_the_first_bad_byte():
    data = "第一行\n第二行\n".encode() + b"caf\xe9 \xff\xfe\n"

    with pytest.raises(ParseError) as caught:
        parse_bytes(data)

    assert caught.value.line == 3
    assert str(caught.value).startswith("line 3: the file is neither UTF-8 nor GB18030")

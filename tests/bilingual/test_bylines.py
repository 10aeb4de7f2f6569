"""Bylines anywhere in the text, in either language, read as credits; a credit
given once in each language is one credit whose people carry both names."""

import json

import pytest

from bilingual.parser import Credit, Person, parse_text

TITLE = "Drones take over the wheat harvest\n无人机接管麦收\n"
EN_1 = (
    "Farmers in Zhoukou are hiring drones to spray their wheat fields, a job that "
    "once took a family a whole week."
)
ZH_1 = "周口的农民纷纷雇用无人机给麦田喷药，这活儿过去要一家人忙上整整一周。"
EN_2 = "A drone can cover 200 mu in a day, said Wang Lei, who flies three of them."
ZH_2 = "“一架无人机一天能作业200亩。”操控着三架无人机的王磊说。"
STORY = f"{EN_1}\n{ZH_1}\n{EN_2}\n{ZH_2}\n"


def texts(article):
    return [(pair.en, pair.zh_hans) for pair in article.pairs]


def credit_notes(article):
    return [(f.line, f.message) for f in article.findings if f.kind == "credit"]


def test_bylines_at_the_top_in_both_languages_are_one_reporter_with_two_names():
    article = parse_text(f"{TITLE}本报记者 王晓\nReporter Wang Xiao\n{STORY}")

    assert article.credits == (
        Credit("reporter", "本报记者", (Person("Wang Xiao", "", "王晓"),), 3),
    )
    assert credit_notes(article) == [
        (3, "read as a credit: reporter (Wang Xiao / 王晓)"),
        (
            4,
            "read as a credit: reporter (Wang Xiao / 王晓), the credit on line 3 in "
            "the other language",
        ),
    ]
    assert article.title == {
        "en": "Drones take over the wheat harvest",
        "zh-hans": "无人机接管麦收",
    }
    assert texts(article) == [(EN_1, ZH_1), (EN_2, ZH_2)]


def test_bylines_at_the_bottom_name_two_reporters_in_order():
    article = parse_text(f"{TITLE}{STORY}By Li Hua and Zhang Wei\n记者 李华 张伟\n")

    assert article.credits == (
        Credit(
            "reporter",
            "By",
            (Person("Li Hua", "", "李华"), Person("Zhang Wei", "", "张伟")),
            7,
        ),
    )
    assert texts(article) == [(EN_1, ZH_1), (EN_2, ZH_2)]


def test_a_chinese_byline_on_top_and_an_english_one_at_the_bottom_are_merged():
    article = parse_text(f"{TITLE}■本报记者王晓\n{STORY}(Reporter Wang Xiao)\n")

    (credit,) = article.credits
    assert (credit.line, credit.people) == (3, (Person("Wang Xiao", "", "王晓"),))


def test_a_photographer_credited_in_each_language_is_one_person():
    article = parse_text(f"{TITLE}{STORY}摄影：马健\nPhoto: Ma Jian\n编辑丨孙丽\n")

    assert [(c.role, c.people) for c in article.credits] == [
        ("photographer", (Person("Ma Jian", "", "马健"),)),
        ("text_editor", (Person("孙丽", ""),)),
    ]


def test_bylines_naming_different_numbers_of_people_stay_apart():
    article = parse_text(f"{TITLE}记者 王晓 李华\nReporter Wang Xiao\n{STORY}")

    assert [c.names for c in article.credits] == [["王晓", "李华"], ["Wang Xiao"]]
    assert all(not p.other_name for c in article.credits for p in c.people)


def test_a_role_credited_twice_in_one_language_is_not_merged():
    article = parse_text(
        f"{TITLE}{STORY}Photo: Ma Jian\nPhoto: Li Xinhua\n摄影：马健\n"
    )

    assert [c.names for c in article.credits] == [["Ma Jian"], ["Li Xinhua"], ["马健"]]


def test_the_other_name_travels_in_the_article_data():
    article = parse_text(f"{TITLE}本报记者 王晓\nReporter Wang Xiao\n{STORY}")

    data = json.loads(json.dumps(article.as_dict(), ensure_ascii=False))

    assert data["credits"][0]["people"] == [
        {"name": "Wang Xiao", "note": "", "other_name": "王晓"}
    ]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("记者 王晓", ["王晓"]),
        ("本报记者 王晓", ["王晓"]),
        ("本报记者王晓", ["王晓"]),
        ("记者：王晓", ["王晓"]),
        ("（记者 王晓）", ["王晓"]),
        ("本报记者 王晓 报道", ["王晓"]),
        ("记者 王　晓", ["王晓"]),
        ("文/王晓", ["王晓"]),
        ("Reporter Wang Xiao", ["Wang Xiao"]),
        ("Reporters Wang Xiao and Li Hua", ["Wang Xiao", "Li Hua"]),
        ("By Wang Xiao", ["Wang Xiao"]),
        ("By Wang Xiao, Li Hua and Zhang Wei", ["Wang Xiao", "Li Hua", "Zhang Wei"]),
        ("Text by Wang Xiao", ["Wang Xiao"]),
    ],
)
def test_byline_forms_are_read_as_reporters(line, names):
    article = parse_text(f"{TITLE}{STORY}{line}\n")

    assert [(c.role, c.names) for c in article.credits] == [("reporter", names)]
    assert texts(article) == [(EN_1, ZH_1), (EN_2, ZH_2)]


@pytest.mark.parametrize(
    ("en", "zh"),
    [
        (
            "By the end of the year, the county will have 300 drones.",
            "到今年年底，全县将拥有300架无人机。",
        ),
        ("By Land and Sea", "海陆并进"),
        ("Reporter Notes From the Fields", "记者田间手记"),
        (
            "Reporter Wang Xiao spent a week in the fields.",
            "记者王晓在田间待了一周。",
        ),
    ],
)
def test_prose_and_headings_that_open_like_a_byline_stay_story(en, zh):
    article = parse_text(f"{TITLE}{en}\n{zh}\n{STORY}")

    assert article.credits == ()
    assert texts(article)[0] == (en, zh)


def test_a_byline_naming_two_roles_does_not_take_the_second_label_for_a_name():
    article = parse_text(f"{TITLE}{STORY}本报记者 王晓 通讯员 李华\n")

    assert not [c for c in article.credits if "通讯员" in c.names]
    assert ("", "本报记者 王晓 通讯员 李华") in texts(article)

"""One Han range for the package: the parser and the checks read every character
the same way, out to the CJK extension blocks."""

import pytest

from bilingual.checks import counts
from bilingual.parser import detect_language

HAN = {
    "ideographic zero": "\u3007",
    "Extension A": "\u3400",
    "Unified Ideographs": "\u4e00",
    "Compatibility Ideographs": "\uf900",
    "Extension B": "\U00020000",
    "Compatibility Ideographs Supplement": "\U0002f800",
    "Extension G": "\U00030000",
    "Extension H": "\U00031350",
}
NOT_HAN = {
    "Yijing hexagram": "\u4dc0",
    "hiragana": "\u3042",
    "hangul": "\ud55c",
}


@pytest.mark.parametrize("char", HAN.values(), ids=HAN.keys())
def test_the_parser_and_the_checks_both_read_a_han_character_as_chinese(char):
    assert detect_language(char * 4) == "zh-hans"
    assert counts("", char * 4).chinese_characters == 4


@pytest.mark.parametrize("char", NOT_HAN.values(), ids=NOT_HAN.keys())
def test_the_parser_and_the_checks_both_read_other_characters_as_not_chinese(char):
    assert detect_language(char * 4) is None
    assert counts("", char * 4).chinese_characters == 0

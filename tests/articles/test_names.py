"""People's names are joined one way everywhere: pages, feeds, ninjs and WeChat."""

import pytest

from articles.i18n import names, photo_credit
from tests.factories import StaffMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    curwen = StaffMemberFactory(
        name_en="Benjamin Curwen", note_en="UK", note_zh_hans="英国"
    )
    ma = StaffMemberFactory(name_en="Ma Jian", name_zh_hans="马健")
    return [curwen, ma]


def test_each_language_joins_names_its_own_way(people):
    assert names(people, "en") == "Benjamin Curwen, Ma Jian"
    # A name with no Chinese form keeps its pinyin; the list uses 、.
    assert names(people, "zh-hans") == "Benjamin Curwen、马健"


def test_a_note_sits_in_the_brackets_of_its_language(people):
    assert names(people, "en", notes=True) == "Benjamin Curwen (UK), Ma Jian"
    assert names(people, "zh-hans", notes=True) == "Benjamin Curwen（英国）、马健"


def test_a_photo_credit_is_labelled_in_its_language(people):
    assert photo_credit(people, "en") == "Photo: Benjamin Curwen, Ma Jian"
    assert photo_credit(people, "zh-hans") == "摄影：Benjamin Curwen、马健"

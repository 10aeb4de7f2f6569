"""Hostile size: a pair side too long or too deeply nested is refused before the
sanitiser parses it, and a save or a change page parses each text once."""

from collections import Counter

import nh3
import pytest

from articles import sanitize
from articles.models import Block
from tests.articles.test_admin import article_form_data, body, change_url
from tests.factories import ArticleFactory, BlockFactory

pytestmark = pytest.mark.django_db


def nested(depth: int, tag: str = "b") -> str:
    return f"<{tag}>" * depth + "words" + f"</{tag}>" * depth


@pytest.fixture
def parsed(monkeypatch):
    """Count the texts nh3 parses: the real function, called through."""
    sanitize.plain_text.cache_clear()  # a text read by an earlier test is parsed anew
    texts = Counter()
    real = nh3.clean

    def counting(text, *args, **kwargs):
        texts[text, str(kwargs.get("tags"))] += 1
        return real(text, *args, **kwargs)

    monkeypatch.setattr(nh3, "clean", counting)
    return texts


def errors_of(response) -> str:
    return " ".join(
        str(error)
        for form in response.context["inline_admin_formsets"]
        for error in form.formset.errors
    )


def test_a_hostile_megabyte_is_refused_before_it_is_parsed(editor_client, parsed):
    """722 KB of nested tags (the size that took 5.5 s to save) is refused at once."""
    article = ArticleFactory()
    payload = "<p>" + "<div><span><b>" * 50_000 + "x"
    assert len(payload) > 700_000

    response = editor_client.post(
        change_url(article),
        article_form_data(article, [{"position": 1, "en": payload, "zh": "<p>是</p>"}]),
    )

    assert response.status_code == 200
    assert "one side of a pair holds at most 100,000" in errors_of(response)
    assert not Block.objects.filter(article=article).exists()
    assert all(payload not in text for text, _tags in parsed)


def test_a_long_real_paragraph_is_accepted(editor_client, seed_bytes):
    article = ArticleFactory()
    longest = max(seed_bytes.decode("utf-8").splitlines(), key=len)
    paragraph = "<p>" + "<strong>" + longest + "</strong> " + longest * 20 + "</p>"
    assert 10_000 < len(paragraph) < 100_000

    response = editor_client.post(
        change_url(article),
        article_form_data(article, [{"position": 1, "en": paragraph, "zh": ""}]),
    )

    assert response.status_code == 302
    [(english, _chinese)] = body(article)
    assert english.startswith("<p><strong>") and len(english) > 10_000


@pytest.mark.parametrize(("depth", "refused"), [(20, False), (21, True)])
def test_nesting_deeper_than_twenty_is_refused(editor_client, depth, refused):
    article = ArticleFactory()
    text = nested(depth, "i")

    response = editor_client.post(
        change_url(article),
        article_form_data(article, [{"position": 1, "en": "<p>Hi</p>", "zh": text}]),
    )

    if refused:
        assert "nested more than 20 levels deep" in errors_of(response)
        assert not Block.objects.filter(article=article).exists()
    else:
        assert response.status_code == 302
        assert body(article) == [("<p>Hi</p>", text)]


def test_tags_that_never_close_count_as_levels():
    """An element left open is one more level; a stray end tag closes nothing."""
    sanitize.check_pair_html("<p>" + "<br><img src=x>" * 100 + "</p>")
    with pytest.raises(sanitize.ValidationError):
        sanitize.check_pair_html("</div>" * 50 + "<div/>" * 21)


def test_a_save_and_the_change_page_parse_each_text_once(editor_client, parsed):
    article = ArticleFactory()
    kept = BlockFactory(article=article, position=1, text_en="<p>Kept pair</p>")
    posted = [
        {"id": kept.pk, "position": 1, "en": kept.text_en, "zh": kept.text_zh_hans},
        {"position": 2, "en": "<p>New <b>pair</b></p>", "zh": "<p>新的一对</p>"},
    ]
    parsed.clear()

    response = editor_client.post(
        change_url(article), article_form_data(article, posted)
    )

    assert response.status_code == 302
    assert parsed, "the counter saw the sanitiser run"
    assert max(parsed.values()) == 1, parsed
    parsed.clear()

    page = editor_client.get(change_url(article))

    assert page.status_code == 200
    assert "新的一对" in page.content.decode()
    assert parsed and max(parsed.values()) == 1, parsed

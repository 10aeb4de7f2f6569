import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles import services
from articles.models import Article, Block, GlossaryTerm
from tests.articles.test_admin import change_url
from tests.factories import ArticleFactory, BlockFactory, proofread

pytestmark = pytest.mark.django_db

Status = Article.Status


def article_with(*pairs, status=Status.IN_REVIEW, **kwargs):
    article = ArticleFactory(status=status, **kwargs)
    for position, (en, zh) in enumerate(pairs, start=1):
        BlockFactory(
            article=article,
            position=position,
            text_en=f"<p>{en}</p>",
            text_zh_hans=f"<p>{zh}</p>",
        )
    return article


GOOD = ("Output rose by 11.5% in the first quarter.", "一季度产值增长11.5%。")
BAD = ("Output rose by 11.5% in the first quarter.", "一季度产值增长11.6%。")


def test_sign_offs_remember_the_text_and_an_edit_makes_the_pair_stale(client, user_in):
    chief = user_in("Managing Editor")
    article = article_with(GOOD)
    proofread(article, chief)
    services.article_approve(article=article, user=chief)
    block = Block.objects.get(article=article)
    assert block.stale_sides() == []

    block.text_zh_hans = "<p>一季度产值增长了11.5%。</p>"
    block.save()
    client.force_login(chief)

    assert block.stale_sides() == ["zh-hans"]
    assert (
        "Chinese changed since it was checked."
        in client.get(change_url(article)).content.decode()
    )
    dashboard = client.get("/admin/").content.decode()
    assert "Translations to check again" in dashboard
    assert article.title_en in dashboard


def test_a_proofreader_sign_off_checks_only_that_language(user_in):
    article = article_with(GOOD)

    services.article_proofread(
        article=article, user=user_in("Proofreader"), language="en"
    )

    block = Block.objects.get(article=article)
    assert block.checked_en == block.text_en
    assert block.checked_zh_hans == ""


def test_the_admin_shows_findings_next_to_the_pair_and_a_summary(client, user_in):
    article = article_with(GOOD, BAD)
    client.force_login(user_in("Managing Editor"))

    html = client.get(change_url(article)).content.decode()

    assert html.count('class="check check--error"') == 1
    assert "11.6" in html.split('class="check check--error"')[1][:300]
    assert "1 error," in " ".join(html.split())


def test_translation_errors_block_publishing_without_a_reason(user_in):
    chief = user_in("Managing Editor")
    article = article_with(BAD, status=Status.APPROVED)

    with pytest.raises(services.TransitionRefused, match="translation error"):
        services.article_publish(article=article, user=chief)

    article.refresh_from_db()
    assert article.status == Status.APPROVED


def test_a_managing_editor_may_publish_over_errors_with_a_reason(user_in):
    chief = user_in("Managing Editor")
    article = article_with(BAD, status=Status.APPROVED)

    services.article_publish(
        article=article, user=chief, override_reason="The source says 11.6%"
    )

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    event = article.events.get(action="publish")
    assert "The source says 11.6%" in event.comment


def test_the_glossary_is_checked_in_every_pair(client, user_in):
    GlossaryTerm.objects.create(en="Yutong", zh_hans="宇通")
    article = article_with(("Yutong buses are everywhere.", "郁通客车无处不在。"))
    client.force_login(user_in("Managing Editor"))

    html = client.get(change_url(article)).content.decode()

    assert 'class="check check--warning"' in html
    assert "宇通" in html


def test_the_article_page_shows_words_and_reading_time_per_language(client):
    article = article_with(GOOD, status=Status.PUBLISHED)
    article.first_published_at = article.created_at
    article.save()

    html = client.get(article.get_absolute_url()).content.decode()

    # Each count is in its own language; the page's own inherits `lang` from <html>.
    assert '<html lang="en">' in html
    english = ' · 8 words · 1 min read · <span lang="zh-Hans">7字 · 阅读约1分钟</span>'
    assert english in html

    chinese = client.get(f"/zh-hans/articles/{article.slug}/dual/").content.decode()
    assert '<html lang="zh-Hans">' in chinese
    counts = ' · <span lang="en">8 words · 1 min read</span> · 7字 · 阅读约1分钟</p>'
    assert counts in chinese


def run_check(*args):
    out = StringIO()
    call_command("check_translations", *args, stdout=out)
    return out.getvalue()


def test_check_translations_passes_the_seed_file(seed_bytes, tmp_path):
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_bytes)

    data = json.loads(run_check(str(path), "--format", "json"))

    [result] = data["files"]
    assert len(result["pairs"]) == 10
    assert not [
        finding
        for pair in result["pairs"]
        for finding in pair["findings"]
        if finding["severity"] == "error"
    ]


def test_check_translations_fails_on_a_wrong_number_and_writes_nothing(
    seed_bytes, tmp_path
):
    path = tmp_path / "wrong.txt"
    path.write_bytes(seed_bytes.replace("34.7%。".encode(), "43.7%。".encode()))

    with pytest.raises(CommandError) as failure:
        run_check(str(path))

    assert failure.value.returncode == 1
    assert Article.objects.count() == 0


def test_check_translations_on_stored_articles(tmp_path):
    article_with(GOOD, slug="good")
    article_with(BAD, slug="bad")

    good = json.loads(run_check("--article", "good", "--format", "json"))
    with pytest.raises(CommandError):
        run_check("--all")

    assert good["articles"][0]["name"] == "good"
    assert good["articles"][0]["pairs"][0]["findings"] == []


def test_check_translations_reports_names_rendered_two_ways_across_the_archive():
    GlossaryTerm.objects.create(en="Yutong", zh_hans="宇通")
    article_with(("Yutong grew fast.", "宇通增长很快。"), slug="one")
    article_with(("Yutong buses run well.", "郁通客车运行良好。"), slug="two")

    data = json.loads(run_check("--all", "--format", "json"))

    assert data["glossary_variants"] == {"Yutong": 1}

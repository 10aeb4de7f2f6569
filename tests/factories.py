from pathlib import Path

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from articles import services
from articles.models import (
    Article,
    ArticleCredit,
    Block,
    Narration,
    Publication,
    Section,
)
from staffcredits.models import CreditRole, StaffMember


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication
        django_get_or_create = ["slug"]

    name_en = "WhereZhengzhou"
    slug = "wherezhengzhou"
    producer_line_zh_hans = "郑州日报社·对外传播融媒体中心出品"
    rights_notice_en = "All rights reserved."
    sharing_notice_en = "Feel free to forward to WeChat Moments."
    sharing_notice_zh_hans = "转载请注明出处，欢迎转发到朋友圈"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name_en = "Economy"
    name_zh_hans = "经济"
    slug = "economy"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    publication = factory.SubFactory(PublicationFactory)
    slug = factory.Sequence(lambda n: f"story-{n}")
    title_en = factory.Sequence(lambda n: f"Story number {n}")
    title_zh_hans = factory.Sequence(lambda n: f"第{n}篇报道")

    class Params:
        published = factory.Trait(
            status=Article.Status.PUBLISHED,
            first_published_at=factory.LazyFunction(timezone.now),
        )


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n + 1)
    text_en = factory.Sequence(lambda n: f"<p>English paragraph {n}.</p>")
    text_zh_hans = factory.Sequence(lambda n: f"<p>中文段落{n}。</p>")


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    name_en = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")


class ArticleCreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleCredit

    article = factory.SubFactory(ArticleFactory)
    role = factory.LazyFunction(lambda: CreditRole.objects.get(code="reporter"))
    member = factory.SubFactory(StaffMemberFactory)


AUDIO = Path(__file__).resolve().parent / "fixtures" / "audio"


def narrate(article, *, fixture="tone-3s.mp3", **fields) -> Narration:
    """Attach a real audio file as the narration, its facts as an upload sets them."""
    content = (AUDIO / fixture).read_bytes()
    return Narration.objects.create(
        **{
            "article": article,
            "audio": SimpleUploadedFile(fixture, content),
            "duration_seconds": 3,
            "mime_type": "audio/mpeg",
            "size_bytes": len(content),
            **fields,
        }
    )


def run_worker():
    """Run every task that is due, as `python manage.py db_worker` does, then stop."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def committed():
    """Commit what the block does, as a request's transaction commits.

    Tests run inside a transaction that never commits, so what subscribes to
    `articles.events.article_changed` (search index, page cache, webhooks, mail)
    would never run; inside this block it runs when the block ends.
    """
    return TestCase.captureOnCommitCallbacks(execute=True)


def proofread(article, user) -> None:
    """Sign off both languages as `user` (a proofreader), as approval needs."""
    for language in ("en", "zh-hans"):
        services.article_proofread(article=article, user=user, language=language)


def published_story(editor) -> Article:
    """A published article whose one pair says "First words."."""
    article = ArticleFactory(status=Article.Status.APPROVED)
    BlockFactory(article=article, text_en="<p>First words.</p>")
    with committed():
        services.article_publish(article=article, user=editor)
    return Article.objects.get(pk=article.pk)


def page(client, article, mode=""):
    """GET an article's public page in English, in a mode ("", "dual/")."""
    return client.get(f"/en/articles/{article.slug}/{mode}")

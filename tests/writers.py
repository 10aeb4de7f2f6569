"""The work one writer process does in tests/test_concurrent_writers.py.

Kept apart from the test module because each process is started fresh (spawn):
it imports this module before Django is set up, so nothing here may import a
model at the top.
"""

import os
import traceback
from pathlib import Path

# What each round adds, for the counts the test expects.
HAND_WRITTEN_PAIRS = 3


def run(worker: int, rounds: int, db_name: str, shared_pk: int, start, results):
    """Connect to the test database, wait for the others, then write `rounds` times."""
    errors = []
    try:
        _connect(db_name)
        start.wait(timeout=60)
        for number in range(rounds):
            _round(worker, number, shared_pk)
    except Exception:
        errors.append(traceback.format_exc())
        start.abort()  # the others stop waiting and report too
    finally:
        _disconnect()
    results.put({"worker": worker, "errors": errors})


def _connect(db_name: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.test"
    import django

    django.setup()
    from django.db import connection

    connection.settings_dict["NAME"] = db_name


def _disconnect() -> None:
    from django.conf import settings
    from django.db import connection

    if settings.configured:
        connection.close()
        # The empty folder the test settings made for this process's media.
        Path(settings.MEDIA_ROOT).rmdir()


def _round(worker: int, number: int, shared_pk: int) -> None:
    """Import a story, write and publish another, edit the shared one; read a page."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from articles import services
    from articles.importing.builder import article_import
    from articles.models import Article, Block, Publication
    from bilingual.parser import parse_bytes
    from tests.factories import proofread

    user = get_user_model().objects.get(username=f"writer-{worker}")
    seed = Path(__file__).resolve().parent.parent / "articles/demo/seed_article.txt"
    article_import(
        parsed=parse_bytes(seed.read_bytes()),
        created_by=user,
        slug=f"import-{worker}-{number}",
    )

    with transaction.atomic():
        article = Article(
            publication=Publication.objects.get(),
            slug=f"hand-{worker}-{number}",
            title_en=f"Writer {worker}, story {number}",
            title_zh_hans=f"第{worker}位作者的第{number}篇报道",
            created_by=user,
        )
        services.article_save(article=article, expected_version=1, user=user)
        services.article_set_blocks(
            article=article,
            blocks=[
                Block(
                    text_en=f"<p>Paragraph {n}.</p>", text_zh_hans=f"<p>第{n}段。</p>"
                )
                for n in range(HAND_WRITTEN_PAIRS)
            ],
        )
        services.article_record_revision(article=article, user=user)
    services.article_submit(article=article, user=user)
    proofread(article, user)
    services.article_approve(article=article, user=user)
    services.article_publish(article=article, user=user, override_reason="load test")

    while True:  # an edit refused as stale is redone on the fresh article
        try:
            with transaction.atomic():
                shared = Article.objects.get(pk=shared_pk)
                shared.title_en = f"Last edited by writer {worker} in round {number}"
                services.article_save(
                    article=shared, expected_version=shared.version, user=user
                )
                blocks = list(shared.blocks.order_by("position"))
                services.article_set_blocks(
                    article=shared, blocks=blocks[1:] + blocks[:1]
                )
                services.article_record_revision(article=shared, user=user)
            break
        except services.EditConflict:
            continue

    list(Article.objects.published().for_listing()[:20])

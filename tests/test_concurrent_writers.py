"""Eight writer processes at once: nothing locked out, nothing lost, nothing torn.

A newsroom on the embedded SQLite default has several gunicorn workers writing
to one file. WAL, a busy timeout and IMMEDIATE transactions must make them queue
rather than fail. The same test runs against PostgreSQL in the second CI pass.
"""

import multiprocessing
import queue

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from reversion.models import Revision

from articles import services
from articles.importing.builder import article_import
from articles.models import Article, ArticleCredit, ArticleEvent, Block
from bilingual.parser import parse_bytes
from staffcredits.models import StaffMember
from tests import writers
from tests.factories import PublicationFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WRITERS = 8
ROUNDS = 2
SHARED_PAIRS = 4


def run_writers(shared_pk: int) -> list[dict]:
    """Start the writers in fresh processes, release them together, collect reports."""
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(WRITERS), context.Queue()
    processes = [
        context.Process(
            target=writers.run,
            args=(
                worker,
                ROUNDS,
                connection.settings_dict["NAME"],
                shared_pk,
                start,
                results,
            ),
        )
        for worker in range(WRITERS)
    ]
    for process in processes:
        process.start()
    reports = []
    try:
        for _ in processes:
            reports.append(results.get(timeout=120))
    except queue.Empty:
        pass
    for process in processes:
        process.join(timeout=30)
    return reports


def test_eight_writer_processes_finish_with_exact_counts_and_a_sound_database(
    seed_bytes,
):
    users = get_user_model().objects
    for worker in range(WRITERS):
        users.create_superuser(username=f"writer-{worker}", password="not-used-here")
    PublicationFactory()
    # One import first, so the people it credits already exist when writers start.
    first = article_import(parsed=parse_bytes(seed_bytes), slug="first-import")
    seed_pairs, seed_credits = (
        first.article.blocks.count(),
        first.article.credits.count(),
    )
    shared = Article(publication=first.article.publication, slug="shared")
    services.article_save(article=shared, expected_version=1)
    services.article_set_blocks(
        article=shared,
        blocks=[
            Block(text_en=f"<p>Pair {n}</p>", text_zh_hans=f"<p>第{n}对</p>")
            for n in range(SHARED_PAIRS)
        ],
    )
    original_order = list(shared.blocks.order_by("position").values_list("pk"))
    people = StaffMember.objects.count()

    reports = run_writers(shared.pk)

    assert len(reports) == WRITERS, "a writer process died without reporting"
    errors = [error for report in reports for error in report["errors"]]
    assert errors == [], "\n".join(errors)
    rounds = WRITERS * ROUNDS
    imports = rounds + 1
    assert Article.objects.count() == 2 + 2 * rounds
    assert Article.objects.published().count() == rounds
    assert Block.objects.count() == (
        SHARED_PAIRS + seed_pairs * imports + writers.HAND_WRITTEN_PAIRS * rounds
    )
    assert ArticleCredit.objects.count() == seed_credits * imports
    assert StaffMember.objects.count() == people
    assert Revision.objects.count() == imports + 2 * rounds
    events = ArticleEvent.objects
    assert events.filter(action="created").count() == 2 + 2 * rounds
    assert events.filter(action="publish").count() == rounds
    # Every edit of the shared article landed once: none lost, none doubled.
    shared.refresh_from_db()
    assert shared.version == 1 + rounds
    assert events.filter(article=shared, action="saved").count() == rounds
    turns = rounds % SHARED_PAIRS
    assert list(shared.blocks.order_by("position").values_list("pk")) == (
        original_order[turns:] + original_order[:turns]
    )

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA integrity_check")
            assert cursor.fetchall() == [("ok",)]
            cursor.execute("PRAGMA foreign_key_check")
            assert cursor.fetchall() == []

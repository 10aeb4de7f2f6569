"""`manage.py seed_archive N`: a large, realistic bilingual archive, made fast.

For measuring the site at scale (bench/scale.py; what it makes, in bench/README.md).
Rows go in with bulk_create, which announces nothing, so the search index is
rebuilt at the end with `manage.py rebuild_search_index`.
"""

import random
import time
from contextlib import contextmanager
from datetime import timedelta

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.demo.archive_text import (
    GIVEN,
    HEADINGS,
    QUOTES,
    SECTIONS,
    SENTENCES,
    SURNAMES,
    TITLES,
    Slots,
    pair,
    paragraph,
)
from articles.models import (
    Article,
    ArticleCredit,
    Block,
    Photo,
    Publication,
    Section,
)
from pagecache.stamps import site_changed
from staffcredits.models import CreditRole, StaffMember

Status = Article.Status
Kind = Block.Kind
ARCHIVE_YEARS = 10
STAFF_POOL = 60


# (English, Chinese) pairs that fill the templates below.
@contextmanager
def _dates_as_given(*fields):
    """Let bulk_create keep the given dates of auto_now(_add) fields: an archive
    has a history, and created_at is what the admin changelist sorts by."""
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field, _now, _add in saved:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class Command(BaseCommand):
    help = "Add N generated bilingual articles (default 100,000) for measuring scale."

    def add_arguments(self, parser):
        parser.add_argument("count", nargs="?", type=int, default=100_000)
        parser.add_argument(
            "--sections", type=int, default=8, help="How many sections to spread over."
        )
        parser.add_argument(
            "--batch-size", type=int, default=2000, help="Articles per transaction."
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=None,
            help="Random seed: the same seed generates the same archive.",
        )

    def handle(self, *args, count, sections, batch_size, seed, **options):
        if count < 1 or batch_size < 1:
            raise CommandError("The count and the batch size must be at least 1.")
        if not 1 <= sections <= len(SECTIONS):
            raise CommandError(f"--sections must be between 1 and {len(SECTIONS)}.")
        if seed is None:
            seed = random.SystemRandom().randint(1, 999_999)
        if seed < 0:
            raise CommandError("--seed must not be negative.")
        self.prefix = f"a{seed}-"
        if Article.objects.filter(slug__startswith=self.prefix).exists():
            raise CommandError(
                f"An archive made with seed {seed} is here already; use another --seed."
            )
        rng = random.Random(seed)
        self.roles = list(CreditRole.objects.exclude(code="voice"))
        if len(self.roles) < 6:
            raise CommandError("Credit roles are missing; run migrate first.")
        self.publication = self._publication()
        self.sections = self._sections(sections)
        self.staff = self._staff()
        # Archive order: article i was first published at start + i * step.
        self.now = timezone.now().replace(microsecond=0)
        self.start = self.now - timedelta(days=365 * ARCHIVE_YEARS)
        self.step = (self.now - self.start) / count
        self.stdout.write(
            f"Seeding {count:,} articles (seed {seed}; run again with --seed {seed} "
            "for the same archive)."
        )
        began = time.monotonic()
        done = 0
        with _dates_as_given(
            Article._meta.get_field("created_at"),
            Article._meta.get_field("updated_at"),
            Photo._meta.get_field("created_at"),
        ):
            while done < count:
                size = min(batch_size, count - done)
                self._batch(range(done, done + size), rng)
                done += size
                elapsed = time.monotonic() - began
                self.stdout.write(
                    f"  {done:,} / {count:,} articles, {done / elapsed:,.0f}/s"
                )
                self.stdout.flush()
        call_command("rebuild_search_index", stdout=self.stdout)
        if connection.vendor == "postgresql":
            # So that the planner knows the archive's size now, not at autovacuum.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        site_changed(schedule=True)
        elapsed = time.monotonic() - began
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {count:,} articles in {elapsed:,.1f} s "
                f"({count / elapsed:,.0f} articles/s)."
            )
        )

    def _publication(self) -> Publication:
        publication = Publication.objects.order_by("pk").first()
        return publication or Publication.objects.create(
            name_en="WhereZhengzhou",
            name_zh_hans="WhereZhengzhou",
            slug="wherezhengzhou",
            producer_line_zh_hans="郑州日报社·对外传播融媒体中心出品",
        )

    def _sections(self, wanted: int) -> list[Section]:
        found = []
        for order, (name_en, name_zh, slug) in enumerate(SECTIONS[:wanted]):
            section, _created = Section.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name_en,
                    "name_en": name_en,
                    "name_zh_hans": name_zh,
                    "order": order * 10,
                },
            )
            found.append(section)
        return found

    def _staff(self) -> list[StaffMember]:
        names = [
            (f"{surname} {given}", f"{surname_zh}{given_zh}")
            for surname, surname_zh in SURNAMES
            for given, given_zh in GIVEN
        ][:STAFF_POOL]
        existing = set(
            StaffMember.objects.filter(slug__startswith="archive-").values_list(
                "slug", flat=True
            )
        )
        StaffMember.objects.bulk_create(
            StaffMember(name=en, name_en=en, name_zh_hans=zh, slug=slug)
            for en, zh in names
            if (slug := f"archive-{slugify(en)}") not in existing
        )
        return list(StaffMember.objects.filter(slug__startswith="archive-"))

    def _moments(self, index: int, rng: random.Random) -> dict:
        """Return the status and dates of article `index`, in archive order."""
        published = (
            self.start + self.step * index + timedelta(minutes=rng.randint(0, 600))
        )
        roll = rng.random()
        if roll < 0.93:
            status, first = Status.PUBLISHED, published
        elif roll < 0.94:
            status, first = Status.UNPUBLISHED, published
        else:
            status = rng.choice(
                [Status.DRAFT] * 3
                + [Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.APPROVED]
            )
            # Unfinished work is recent.
            first, published = None, self.now - timedelta(hours=rng.randint(1, 2000))
        created = published - timedelta(hours=rng.randint(2, 72))
        updated = min(self.now, published + timedelta(hours=rng.randint(0, 48)))
        return {
            "status": status,
            "first_published_at": first,
            "created_at": created,
            "updated_at": updated,
        }

    def _photo(self, rng: random.Random, index: int, when) -> Photo:
        values = Slots(rng)
        width = rng.choice([1200, 1600, 2048])
        return Photo(
            image=f"photos/archive/{self.prefix}{index}-{rng.randint(1, 99)}.jpg",
            width=width,
            height=width * rng.choice([2, 3]) // 3,
            caption_en="{place} in {season}".format_map(values),
            caption_zh_hans="{season_zh}的{place_zh}".format_map(values),
            alt_text_en="People walking through {place} on a {season} day".format_map(
                values
            ),
            alt_text_zh_hans="{season_zh}，人们在{place_zh}散步".format_map(values),
            created_at=when,
        )

    def _article(self, index: int, rng: random.Random):
        """Return an unsaved article, its blocks (by position), photos and credits."""
        title_en, title_zh = pair(TITLES, rng)
        title_en = title_en[0].upper() + title_en[1:]
        summary_en, summary_zh = pair(SENTENCES, rng)
        moments = self._moments(index, rng)
        article = Article(
            publication=self.publication,
            section=rng.choice(self.sections),
            slug=f"{self.prefix}{index}-{slugify(title_en)}"[:120],
            title_en=title_en,
            title_zh_hans=title_zh,
            summary_en=summary_en[0].upper() + summary_en[1:],
            summary_zh_hans=summary_zh,
            source="WhereZhengzhou",
            **moments,
        )
        photos = []
        if rng.random() < 0.6:
            article.hero_photo = self._photo(rng, index, moments["created_at"])
            photos.append(article.hero_photo)
        blocks = []
        checked = moments["status"] in (Status.PUBLISHED, Status.UNPUBLISHED)
        for position in range(1, rng.randint(8, 14) + 1):
            kind, photo = Kind.PARAGRAPH, None
            roll = rng.random()
            if position > 2 and roll < 0.06:
                kind, (en, zh) = Kind.HEADING, rng.choice(HEADINGS)
            elif position > 1 and roll < 0.1:
                quote_en, quote_zh = rng.choice(QUOTES)
                kind, en, zh = (
                    Kind.QUOTE,
                    f"<p>“{quote_en}.”</p>",
                    f"<p>“{quote_zh}。”</p>",
                )
            elif position == 4 and roll < 0.35:
                # The photo block of the body: the photo's caption says it all.
                photo = self._photo(rng, index, moments["created_at"])
                kind, en, zh = Kind.PHOTO, "", ""
                photos.append(photo)
            else:
                en, zh = paragraph(rng)
            blocks.append(
                Block(
                    position=position,
                    kind=kind,
                    photo=photo,
                    text_en=en,
                    text_zh_hans=zh,
                    checked_en=en if checked else "",
                    checked_zh_hans=zh if checked else "",
                )
            )
        roles = rng.sample(self.roles, rng.randint(2, 6))
        credits = [
            ArticleCredit(role=role, member=rng.choice(self.staff)) for role in roles
        ]
        return article, blocks, photos, credits

    @transaction.atomic
    def _batch(self, indexes: range, rng: random.Random) -> None:
        made = [self._article(index, rng) for index in indexes]
        photos = [photo for _a, _b, batch, _c in made for photo in batch]
        # Saving a photo gives it a key; bulk_create then takes the key of every
        # related object assigned before (hero photos, photo blocks, articles).
        Photo.objects.bulk_create(photos)
        Photographers = Photo.photographers.through
        Photographers.objects.bulk_create(
            Photographers(photo_id=photo.pk, staffmember_id=rng.choice(self.staff).pk)
            for photo in photos
        )
        Article.objects.bulk_create([article for article, _b, _p, _c in made])
        blocks, credits = [], []
        for article, article_blocks, _photos, article_credits in made:
            for block in article_blocks:
                block.article = article
            for credit in article_credits:
                credit.article = article
            blocks += article_blocks
            credits += article_credits
        Block.objects.bulk_create(blocks, batch_size=5000)
        ArticleCredit.objects.bulk_create(credits, batch_size=5000)

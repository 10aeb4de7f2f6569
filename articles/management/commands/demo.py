"""`manage.py demo`: the demo site with the seed article, its staff and one login per
role.
"""

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from articles import services
from articles.demo.logo import give_logo
from articles.demo.photos import attach_demo_photos
from articles.importing.builder import article_import
from articles.models import LANGUAGE_CODES, Article, Section
from bilingual.parser import parse_bytes
from staffcredits.models import StaffMember

SEED_PATH = Path(__file__).resolve().parents[2] / "demo" / "seed_article.txt"
DEMO_SLUG = "zhengzhou-industry-gathers-pace"

# What an editor adds to the desk's copy before publishing: the seed has no headline
# and its summary was cut off mid-word.
EDITOR_FIELDS = {
    "title_en": (
        "Zhengzhou's industry gathers pace on computing power, AI and new energy"
    ),
    "title_zh_hans": "算力、人工智能、新能源齐发力，郑州工业跑出加速度",
    "summary_en": (
        "Zhengzhou's industrial sector witnessed a surge of technological "
        "breakthroughs in the first quarter of this year, driven by computing power, "
        "artificial intelligence and new energy."
    ),
    "summary_zh_hans": (
        "今年一季度，算力、人工智能、新能源领域动能澎湃，郑州工业迎来一批科技突破。"
    ),
}


# One demo login per newsroom role, linked to the person the seed credits. Benjamin
# Curwen proofreads and voices the story: one user may hold several roles.
DEMO_USERS = [
    ("editor", "Xiong Vivi", ["Managing Editor"]),
    ("reporter", "Yang Han", ["Reporter"]),
    ("texteditor", "Liu Fangyu", ["Text Editor"]),
    ("arteditor", "Jiang Yifan", ["Art Editor"]),
    ("curwen", "Benjamin Curwen", ["Proofreader", "Voice"]),
]


class Command(BaseCommand):
    help = (
        "Set up the demo: migrate, load the seed article (published), create one "
        "demo user per newsroom role, and serve the site on 127.0.0.1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="set everything up, but do not serve",
        )
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, no_serve, port, **options):
        call_command("migrate", interactive=False, verbosity=0)
        password = secrets.token_urlsafe(9)
        users = self._demo_users(password)
        article = self._seed_article(users)
        give_logo(article.publication)
        # An existing database may predate search; the index is cheap to rebuild.
        call_command("rebuild_search_index", verbosity=0)
        base = f"http://127.0.0.1:{port}"
        logins = "".join(
            f"\n    {username:<11} {', '.join(groups)}"
            for username, _, groups in DEMO_USERS
        )
        self.stdout.write(
            self.style.SUCCESS("Demo ready.")
            + f"\n  Read:   {base}{article.get_absolute_url()}"
            f"\n  中文:   {base}/zh-hans/articles/{article.slug}/dual/"
            f"\n  Admin:  {base}/admin/  password {password!r} for every user:"
            f"{logins}"
            "\n  (a new password is printed on every run)"
        )
        if not no_serve:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)

    @transaction.atomic
    def _seed_article(self, users) -> Article:
        """Import the seed as the reporter; the managing editor takes it live."""
        article = Article.objects.filter(slug=DEMO_SLUG).first()
        if article is None:
            parsed = parse_bytes(SEED_PATH.read_bytes())
            article = article_import(
                parsed=parsed, slug=DEMO_SLUG, created_by=users["reporter"]
            ).article
            article.section, _ = Section.objects.get_or_create(
                slug="economy", defaults={"name_en": "Economy", "name_zh_hans": "经济"}
            )
            for name, value in EDITOR_FIELDS.items():
                setattr(article, name, value)
            services.article_save(
                article=article,
                expected_version=article.version,
                user=users["texteditor"],
            )
            services.article_record_revision(
                article=article, user=users["texteditor"], comment="Headline added."
            )
            attach_demo_photos(article=article, user=users["texteditor"])
        editor = users["editor"]
        steps = {
            Article.Status.DRAFT: lambda: services.article_submit(
                article=article, user=users["reporter"]
            ),
            Article.Status.IN_REVIEW: lambda: self._proofread_and_approve(
                article, proofreader=users["curwen"], editor=editor
            ),
            Article.Status.APPROVED: lambda: services.article_publish(
                article=article, user=editor
            ),
        }
        while article.status in steps:
            steps[article.status]()
        return article

    @staticmethod
    def _proofread_and_approve(article, *, proofreader, editor):
        """Curwen signs off both languages, then the managing editor approves."""
        for language in LANGUAGE_CODES:
            services.article_proofread(
                article=article, user=proofreader, language=language
            )
        services.article_approve(article=article, user=editor)

    def _demo_users(self, password: str) -> dict:
        users = {}
        for username, person, groups in DEMO_USERS:
            user, _ = get_user_model().objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.com"}
            )
            user.set_password(password)
            user.is_staff = True
            user.save()
            user.groups.set(Group.objects.filter(name__in=groups))
            member = StaffMember.objects.filter(name_en=person).first()
            if member is None:
                member = StaffMember.objects.create(
                    name_en=person, slug=slugify(person)
                )
            if member.user_id is None:
                member.user = user
                member.save(update_fields=["user"])
            users[username] = user
        return users

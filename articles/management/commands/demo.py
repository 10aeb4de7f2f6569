import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from articles import services
from articles.importing.builder import article_import
from articles.importing.parser import parse_bytes
from articles.models import Article, Section

SEED_PATH = Path(__file__).resolve().parents[2] / "demo" / "seed_article.txt"
DEMO_SLUG = "zhengzhou-industry-gathers-pace"
DEMO_USERNAME = "editor"

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


class Command(BaseCommand):
    help = (
        "Set up the demo: migrate, load the seed article (published), create a demo "
        "managing editor, and serve the site on 127.0.0.1."
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
        article = self._seed_article()
        password = self._demo_editor()
        base = f"http://127.0.0.1:{port}"
        self.stdout.write(
            self.style.SUCCESS("Demo ready.")
            + f"\n  Read:   {base}{article.get_absolute_url()}"
            f"\n  中文:   {base}/zh-hans/articles/{article.slug}/dual/"
            f"\n  Admin:  {base}/admin/  user {DEMO_USERNAME!r}, password {password!r}"
            "\n  (a new password is printed on every run)"
        )
        if not no_serve:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)

    @transaction.atomic
    def _seed_article(self) -> Article:
        article = Article.objects.filter(slug=DEMO_SLUG).first()
        if article is None:
            parsed = parse_bytes(SEED_PATH.read_bytes())
            article = article_import(parsed=parsed, slug=DEMO_SLUG).article
            article.section, _ = Section.objects.get_or_create(
                slug="economy", defaults={"name_en": "Economy", "name_zh_hans": "经济"}
            )
            for name, value in EDITOR_FIELDS.items():
                setattr(article, name, value)
            article = services.article_save(
                article=article, expected_version=article.version
            )
        if article.status != Article.Status.PUBLISHED:
            services.article_publish(article=article)
        return article

    def _demo_editor(self) -> str:
        user, _ = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"email": "editor@example.com"}
        )
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        user.is_staff = user.is_superuser = True
        user.save()
        return password

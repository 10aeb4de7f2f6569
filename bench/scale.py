"""Time the pages that must stay fast over a 100,000-article archive on PostgreSQL.

Run from the project root:

    .venv/bin/python bench/scale.py               # create newsroom_scale, seed, time
    .venv/bin/python bench/scale.py --reuse       # time an archive seeded before
    .venv/bin/python bench/scale.py --count 20000 # a smaller archive

Creates (or, with --reuse, keeps) the PostgreSQL database `newsroom_scale` on
127.0.0.1, migrates it, runs `manage.py seed_archive COUNT --seed 1` (not with
--reuse) and VACUUM ANALYZE, then requests each page in-process with Django's
test client, with production's settings (DEBUG off) and the page cache emptied
before every request, so every figure is a page rendered from the database:
home, a section page 10,000 stories deep (keyset cursor), search for English and
Chinese words in most stories, in one in ten and in one in thirty, and the
admin's article list signed in, with and without filters.

Prints a Markdown table of the median and 90th percentile of REQUESTS timings and
the queries per page, and writes EXPLAIN (ANALYZE, BUFFERS) of each page's
slowest query to bench/scale-explain.txt. Not a test: nothing here runs in CI.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "newsroom_scale"
SERVER = "postgres://postgres@127.0.0.1:5432"
EXPLAIN_FILE = ROOT / "bench" / "scale-explain.txt"


def manage(*args: str) -> float:
    """Run manage.py with the bench's environment; return the seconds it took."""
    began = time.monotonic()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True)
    return time.monotonic() - began


def create_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def vacuum() -> float:
    import psycopg

    began = time.monotonic()
    with psycopg.connect(f"{SERVER}/{DATABASE}", autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    return time.monotonic() - began


def pages() -> list[tuple[str, str, bool]]:
    """Return (label, address, signed in) for each page to time."""
    from django.db.models import Count
    from django.urls import reverse
    from django.utils.http import urlencode

    from articles.models import Article, Section
    from articles.pagination import OLDER, cursor_of

    section = (
        Section.objects.annotate(n=Count("articles")).order_by("-n", "slug").first()
    )
    live = Article.objects.published().filter(section=section).for_listing()
    depth = min(10_000, live.count() - 1)
    deep = live[depth - 1 : depth].get()
    section_url = reverse("articles:section", kwargs={"slug": section.slug})
    search = reverse("search:search")
    changelist = reverse("admin:articles_article_changelist")
    return [
        ("Home", reverse("articles:home"), False),
        ("Section, first page", section_url, False),
        (
            f"Section, {depth:,} stories deep",
            f"{section_url}?{urlencode({OLDER: cursor_of(deep)})}",
            False,
        ),
        ("Search: Zhengzhou (in most stories)", f"{search}?q=Zhengzhou", False),
        ("Search: persimmons (about 1 in 10)", f"{search}?q=persimmons", False),
        ("Search: 郑州 (in most stories)", f"{search}?q=郑州", False),
        ("Search: 柿子 (about 1 in 10)", f"{search}?q=柿子", False),
        ("Search: autumn (about 1 in 30)", f"{search}?q=autumn", False),
        ("Search: two words, 胡辣汤 Zhengzhou", f"{search}?q=胡辣汤+Zhengzhou", False),
        ("Admin article list", changelist, True),
        ("Admin list, status published", f"{changelist}?status__exact=published", True),
        (
            "Admin list, one section",
            f"{changelist}?section__id__exact={section.pk}",
            True,
        ),
        ("Admin list, page 200", f"{changelist}?p=200", True),
    ]


def measure(requests: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from pagecache.stamps import site_generation

    # Static files by name: the pages, not collectstatic's manifest, are measured.
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
            },
        }
    ).enable()
    user, _created = get_user_model().objects.get_or_create(
        username="scale-bench", defaults={"is_staff": True, "is_superuser": True}
    )
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(user)
    rows, explains = [], []
    for label, url, staff in pages():
        client = signed_in if staff else anonymous
        timings = []
        for attempt in range(requests + 2):  # two to warm up
            # No cached pages; the site's cache state (its generation) stays warm,
            # as it is for every request but the first after a change.
            cache.clear()
            site_generation()
            began = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - began
            assert response.status_code == 200, (url, response.status_code)
            if attempt >= 2:
                timings.append(elapsed * 1000)
        cache.clear()
        site_generation()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
            plan = "\n".join(line for (line,) in cursor.fetchall())
        explains.append(f"## {label}\n{url}\n\n{slowest['sql']}\n\n{plan}\n")
        timings.sort()
        rows.append(
            (
                label,
                statistics.median(timings),
                timings[int(len(timings) * 0.9) - 1],
                len(queries.captured_queries),
            )
        )
        print(f"  {label}: {rows[-1][1]:.1f} ms", file=sys.stderr)
    EXPLAIN_FILE.write_text("\n".join(explains))
    print("| Page | Median | p90 | Queries |\n|---|---:|---:|---:|")
    for label, median, p90, count in rows:
        print(f"| {label} | {median:.1f} ms | {p90:.1f} ms | {count} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--reuse", action="store_true")
    options = parser.parse_args()
    os.environ.update(
        DATABASE_URL=f"{SERVER}/{DATABASE}",
        DJANGO_SETTINGS_MODULE="newsroom.settings.base",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "scale-bench-only"),
        DJANGO_ALLOWED_HOSTS="testserver",
    )
    sys.path.insert(0, str(ROOT))
    if options.reuse:
        migrated = manage("migrate", "--verbosity", "0")
        vacuumed = vacuum()
        print(f"Migrated in {migrated:.0f} s; VACUUM ANALYZE {vacuumed:.0f} s.")
    else:
        create_database()
        manage("migrate", "--verbosity", "0")
        seeded = manage("seed_archive", str(options.count), "--seed", "1")
        vacuumed = vacuum()
        print(f"Seeded in {seeded:.0f} s; VACUUM ANALYZE {vacuumed:.0f} s.")
    measure(options.requests)


if __name__ == "__main__":
    main()

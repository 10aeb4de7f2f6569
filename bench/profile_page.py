"""Where a page's time goes: queries, CPU and a profile, in one process.

Run on a site bench/load.py built (it prints the folder):

    BENCH_DIR=/tmp/newsroom-bench-xxxx .venv/bin/python bench/profile_page.py \
        [PATH] [-n 200]

With the page cache off, it requests PATH (default: the paired article) through
Django's test client: once to warm up, once counting queries, then `-n` times
timed, then `-n` times under cProfile. Prints the queries, the CPU per request
and the functions that took the most time, our own code first.

    --fresh   forget the article pages stored with the articles before each
              request: what the first reader after a change pays (a render)
    --facts   print only {"queries": …, "bytes": …, "aside_bytes": …} as JSON
              (bench/load.py); aside_bytes is the "more in this section" aside,
              the section's other stories

The cache is the one BENCH_CACHE names (bench/settings.py); BENCH_CACHE=dummy
measures with nothing cached anywhere.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ["BENCH_PAGE_CACHE"] = "0"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import StoredPage


def main() -> None:
    folder = Path(os.environ["BENCH_DIR"])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?")
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--facts", action="store_true")
    args = parser.parse_args()
    path = args.path or json.loads((folder / "dataset.json").read_text())["article"]
    client = Client(HTTP_HOST="127.0.0.1")

    def get():
        if args.fresh:
            StoredPage.objects.all().delete()
        response = client.get(path)
        assert response.status_code == 200, response.status_code
        return response

    get()
    with CaptureQueriesContext(connection) as queries:
        html = get().content
    size = len(html)
    if args.facts:
        start = html.find(b'<aside class="more-in-section"')
        aside = html[start : html.index(b"</aside>", start) + 8] if start >= 0 else b""
        print(
            json.dumps(
                {"queries": len(queries), "bytes": size, "aside_bytes": len(aside)}
            )
        )
        return
    sql_ms = sum(float(query["time"]) for query in queries.captured_queries) * 1000
    print(f"{path}: {size} bytes, {len(queries)} queries ({sql_ms:.1f} ms in SQL)")
    for query in queries.captured_queries:
        print(f"  {query['time']}s  {query['sql'][:150]}")

    start = time.process_time()
    for _ in range(args.n):
        get()
    cpu_ms = 1000 * (time.process_time() - start) / args.n
    print(f"\nCPU per request, in process: {cpu_ms:.2f} ms (mean of {args.n})")

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.n):
        get()
    profile.disable()
    for order in ("cumulative", "tottime"):
        text = io.StringIO()
        stats = pstats.Stats(profile, stream=text).sort_stats(order)
        stats.print_stats(args.top)
        print(f"\n--- top {args.top} by {order} ({args.n} requests) ---")
        print(text.getvalue().split("\n", 6)[-1])


if __name__ == "__main__":
    main()

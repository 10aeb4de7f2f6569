"""Load benchmark: the public site under gunicorn, loaded with wrk.

Run from the project root:

    .venv/bin/python bench/load.py                 # about 15 minutes
    .venv/bin/python bench/load.py --anchor        # then the Wagtail anchor too
    .venv/bin/python bench/load.py --duration 3 --repeats 1   # a quick look

Builds a scratch site in a temporary folder (bench/dataset.py: the demo, an
article comparable to the Wagtail anchor's, 50 more), serves it with gunicorn
(2 sync workers on 127.0.0.1, bench/settings.py) and loads each page with wrk
(2 threads, 4 connections): a warm-up, then `--repeats` rounds of `--duration`
seconds, the pages taking turns so that a burst of other work on the machine
does not land on one page only. For each page it prints the medians of
requests/s, p50 and p99 latency, and the CPU time gunicorn (master and workers,
from /proc) spent per request; `other CPU` is the most CPU other programs used
during a round, in % of the machine, so a disturbed run shows.

Four servers: nothing cached anywhere (Django's DummyCache: every request runs
the view against the database, which keeps each article's rendered page); the
page cache off, the article's aside in Redis (the view runs: what a reader gets
when the page cache misses); and the page cache on, in local memory and in Redis
(127.0.0.1:6379, database 14 by default, a per-run key prefix, removed
afterwards). Each also serves /bench/ok/, a view that does nothing: the floor.
With --anchor, the Wagtail anchor runs next and a table compares the two.

Not a test, and CI does not run it. Needs wrk (Debian: apt-get install wrk) and
gunicorn (requirements.txt).
"""

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANCHOR = ROOT.parent / "shared" / "bench" / "wagtail-anchor" / "run.sh"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


@dataclass
class Page:
    label: str
    path: str
    runs: list = field(default_factory=list)


@dataclass
class Server:
    label: str
    env: dict
    pages: list


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in tasks.split()]


def process_ticks(pids) -> int:
    """Return the user + system CPU time of `pids`, in clock ticks."""
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total


def machine_ticks() -> tuple[int, int]:
    """Return (busy, total) CPU ticks of the whole machine since boot."""
    values = [
        int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:9]
    ]
    user, nice, system, idle, iowait, irq, softirq, steal = values
    busy = user + nice + system + irq + softirq + steal
    return busy, busy + idle + iowait


class Gunicorn:
    """One gunicorn master with its sync workers, stopped by its own PID only."""

    def __init__(self, env: dict, workers: int, log_file: Path):
        self.port = free_port()
        self.workers = workers
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "--error-logfile",
                str(log_file),
                "newsroom.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {log_file}")
            if len(children(self.process.pid)) == workers and self.answers(
                "/bench/ok/"
            ):
                self.pids = [self.process.pid, *children(self.process.pid)]
                return
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn did not come up; see {log_file}")

    def answers(self, path: str) -> bool:
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                return response.status == 200
        except OSError:
            return False

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def parse_wrk(text: str) -> dict:
    latency = {
        pct: float(value) * MS[unit]
        for pct, value, unit in re.findall(
            r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M
        )
    }
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    timeouts = re.search(r"Socket errors:.*timeout (\d+)", text)
    return {
        "requests": int(re.search(r"(\d+) requests in", text).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50_ms": latency["50"],
        "p99_ms": latency["99"],
        "errors": (int(errors.group(1)) if errors else 0)
        + (int(timeouts.group(1)) if timeouts else 0),
    }


def run_wrk(server: Gunicorn, page: Page, seconds: float, args, folder: Path) -> dict:
    """Load one page for `seconds`; return wrk's figures and the CPU they cost."""
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{seconds:g}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    server_0, (busy_0, total_0) = process_ticks(server.pids), machine_ticks()
    wrk_0 = os.times()
    output = subprocess.run(
        [*command, server.base + page.path],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    wrk_1 = os.times()
    server_1, (busy_1, total_1) = process_ticks(server.pids), machine_ticks()
    run = parse_wrk(output)
    server_s = (server_1 - server_0) / CLOCK_TICKS
    wrk_s = (wrk_1.children_user - wrk_0.children_user) + (
        wrk_1.children_system - wrk_0.children_system
    )
    other_s = max(0.0, (busy_1 - busy_0) / CLOCK_TICKS - server_s - wrk_s)
    run["cpu_ms_per_request"] = 1000 * server_s / run["requests"]
    run["other_cpu_pct"] = 100 * other_s / ((total_1 - total_0) / CLOCK_TICKS)
    return run


def summary(page: Page) -> dict:
    def median(name):
        return statistics.median(run[name] for run in page.runs)

    return {
        "rps": round(median("rps")),
        "p50_ms": round(median("p50_ms"), 2),
        "p99_ms": round(median("p99_ms"), 2),
        "cpu_ms_per_request": round(median("cpu_ms_per_request"), 2),
        "other_cpu_pct_max": round(max(run["other_cpu_pct"] for run in page.runs), 1),
        "errors": sum(run["errors"] for run in page.runs),
    }


def build_site(folder: Path, env: dict) -> dict:
    info_file = folder / "dataset.json"
    if info_file.exists():
        log(f"reusing the site in {folder}; migrating, collecting static files again")
        for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run(
                [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True
            )
        return json.loads(info_file.read_text())
    log(f"building the site in {folder} (about two minutes)")
    output = subprocess.run(
        [sys.executable, "-m", "bench.dataset"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if output.returncode:
        sys.stderr.write(output.stderr)
        raise SystemExit("building the site failed")
    info = json.loads(output.stdout.strip().splitlines()[-1])
    info_file.write_text(json.dumps(info))
    return info


NOTHING_CACHED = "nothing cached"
LOCAL_MEMORY = "page cache on (local memory)"
REDIS_PAGE_CACHE_OFF = "page cache off (Redis)"
REDIS = "page cache on (Redis)"


def servers(article: str, redis_prefix: str) -> list[Server]:
    def ok() -> Page:
        return Page("bare view (floor)", "/bench/ok/")

    redis = {"BENCH_CACHE": "redis", "BENCH_CACHE_PREFIX": redis_prefix}
    return [
        Server(
            NOTHING_CACHED,
            {"BENCH_CACHE": "dummy"},
            [
                Page("paired article", article),
                Page("home", "/en/"),
                Page("search 'ferry'", "/en/search/?q=ferry"),
                Page("search '渡轮'", "/en/search/?q=%E6%B8%A1%E8%BD%AE"),
                ok(),
            ],
        ),
        Server(
            REDIS_PAGE_CACHE_OFF,
            {**redis, "BENCH_PAGE_CACHE": "0"},
            [Page("paired article, uncached", article), ok()],
        ),
        Server(
            LOCAL_MEMORY,
            {},
            [Page("paired article, cached", article), ok()],
        ),
        Server(
            REDIS,
            redis,
            [
                Page("paired article, cached", article),
                Page("home, cached", "/en/"),
                ok(),
            ],
        ),
    ]


def measure(server_spec: Server, env: dict, args, folder: Path) -> None:
    slug = re.sub(r"\W+", "-", server_spec.label).strip("-")
    server = Gunicorn(
        {**env, **server_spec.env}, args.workers, folder / f"gunicorn-{slug}.log"
    )
    try:
        log(f"{server_spec.label}: gunicorn {server.pids} on {server.base}")
        for page in server_spec.pages:
            if not server.answers(page.path):
                raise SystemExit(f"{page.path} did not answer 200")
            run_wrk(server, page, args.warmup, args, folder)
        for round_number in range(1, args.repeats + 1):
            log(f"{server_spec.label}: round {round_number}/{args.repeats}")
            for page in server_spec.pages:
                page.runs.append(run_wrk(server, page, args.duration, args, folder))
    finally:
        server.stop()


def forget_redis_keys(prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(
        os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    )
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def run_anchor(env: dict) -> dict:
    log(f"running the Wagtail anchor ({ANCHOR})")
    output = subprocess.run(
        ["bash", str(ANCHOR)], env=env, capture_output=True, text=True
    )
    if output.returncode:
        sys.stderr.write(output.stderr[-3000:])
        raise SystemExit("the Wagtail anchor failed")
    return json.loads(output.stdout.strip().splitlines()[-1])


def page_facts(env: dict, article: str) -> dict:
    """Return the paired article's queries and bytes with nothing cached."""
    output = subprocess.run(
        [sys.executable, "bench/profile_page.py", article, "--facts"],
        cwd=ROOT,
        env={**env, "BENCH_CACHE": "dummy"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(output.stdout)


def report(results: list, facts: dict, anchor: dict | None) -> None:
    print(
        f"{'server':<30} {'page':<28} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'CPU ms/req':>10} {'other CPU':>9}"
    )
    for server_label, page_label, figures in results:
        print(
            f"{server_label:<30} {page_label:<28} {figures['rps']:>7} "
            f"{figures['p50_ms']:>7} {figures['p99_ms']:>7} "
            f"{figures['cpu_ms_per_request']:>10} {figures['other_cpu_pct_max']:>8}%"
            + (f"  ({figures['errors']} errors)" if figures["errors"] else "")
        )
    print(
        f"\npaired article with nothing cached: {facts['queries']} queries, "
        f"{facts['bytes']:,} bytes of HTML ({facts['aside_bytes']:,} of them the "
        "section's other stories)"
    )
    if not anchor:
        return
    found = {(s, p): f for s, p, f in results}
    rows = [
        (
            "article, nothing cached anywhere",
            found[(NOTHING_CACHED, "paired article")],
            anchor["wagtail_article_rps"],
            1.5,
        ),
        (
            "article, page cache off, Redis",
            found[(REDIS_PAGE_CACHE_OFF, "paired article, uncached")],
            anchor["wagtail_article_rps"],
            3.0,
        ),
        (
            "article, page-cache hit (local memory, as the anchor's)",
            found[(LOCAL_MEMORY, "paired article, cached")],
            anchor["wagtail_article_cached_rps"],
            1.0,
        ),
        # Production's: every worker retires a page another saved. The anchor
        # has no Redis variant: beside its local memory.
        (
            "article, page-cache hit (Redis, as in production)",
            found[(REDIS, "paired article, cached")],
            anchor["wagtail_article_cached_rps"],
            1.0,
        ),
        (
            "bare view, whole middleware stack",
            found[(NOTHING_CACHED, "bare view (floor)")],
            anchor["hello_rps"],
            0.8,
        ),
    ]
    print(
        f"\n| path | Newsroom | Wagtail {anchor.get('wagtail', '')} | ratio "
        "| target |\n|---|---:|---:|---:|---:|"
    )
    for label, ours, theirs, target in rows:
        ratio = ours["rps"] / theirs
        verdict = f"{target}× " + ("met" if ratio >= target else "NOT met")
        print(
            f"| {label} | {ours['rps']:,} req/s, p99 {ours['p99_ms']:.0f} ms "
            f"| {theirs:,.0f} req/s | **{ratio:.2f}×** | {verdict} |"
        )
    # The anchor's page is the article alone; ours may end with the section's
    # other stories, which are weighed apart.
    wagtail_bytes = anchor["wagtail_article_html_bytes"]
    article_bytes = facts["bytes"] - facts["aside_bytes"]
    html_ratio = article_bytes / wagtail_bytes
    verdict = "met" if html_ratio <= 1.3 else "NOT met"
    print(
        f"| article HTML | {article_bytes:,} bytes | {wagtail_bytes:,} bytes "
        f"| **{html_ratio:.2f}×** | ≤ 1.3× {verdict} |"
    )
    print(
        f"| … with its section's other stories | {facts['bytes']:,} bytes "
        f"| (none shown) | {facts['bytes'] / wagtail_bytes:.2f}× | — |"
    )
    print(
        f"| article queries, nothing cached | {facts['queries']} "
        f"| {anchor['wagtail_article_queries']} | | ≤ 4 "
        f"{'met' if facts['queries'] <= 4 else 'NOT met'} |"
    )
    print(f"\nother programs' CPU during the anchor: {anchor['foreign_cpu_pct_max']}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds per run")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--warmup", type=float, default=2, help="seconds")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--dir", type=Path, help="build the site here, or reuse the one built there"
    )
    parser.add_argument(
        "--anchor", action="store_true", help="then run the Wagtail anchor too"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed; on Debian: sudo apt-get install wrk")
    if not (ROOT / ".venv" / "bin" / "gunicorn").exists():
        raise SystemExit("gunicorn is not installed: .venv/bin/pip install gunicorn")

    folder = args.dir or Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_DIR": str(folder),
        # One key for every worker and the dataset build.
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "PYTHONPATH": str(ROOT),
    }
    info = build_site(folder, env)
    redis_prefix = f"newsroom-bench-{secrets.token_hex(4)}"
    results = []
    try:
        for spec in servers(info["article"], redis_prefix):
            measure(spec, env, args, folder)
            results += [(spec.label, page.label, summary(page)) for page in spec.pages]
            (folder / "results.json").write_text(
                json.dumps({"results": results}, ensure_ascii=False)
            )
    finally:
        forget_redis_keys(redis_prefix)
    facts = page_facts(env, info["article"])
    anchor = None
    if args.anchor:
        anchor_env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "BENCH_"))
        }
        anchor_env |= {
            "BENCH_DURATION": f"{args.duration:g}",
            "BENCH_REPEATS": str(args.repeats),
            "BENCH_WARMUP": f"{args.warmup:g}",
            "BENCH_CONNECTIONS": str(args.connections),
            "BENCH_THREADS": str(args.threads),
            "BENCH_WORKERS": str(args.workers),
            # Like ours: a worker keeps its database connection.
            "BENCH_CONN_MAX_AGE": os.environ.get("BENCH_CONN_MAX_AGE", "600"),
        }
        anchor = run_anchor(anchor_env)
    (folder / "results.json").write_text(
        json.dumps(
            {"results": results, "facts": facts, "anchor": anchor}, ensure_ascii=False
        )
    )
    report(results, facts, anchor)
    log(f"site, gunicorn logs and results.json in {folder}")


if __name__ == "__main__":
    main()

"""Time a bulk import: 1,000 generated article files into a fresh SQLite database.

Run from the project root:  .venv/bin/python bench/import_bench.py [COUNT]

Not a test: it prints the elapsed time and articles per second for bench/README.md.
"""

import os
import random
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "city river park market train bridge museum school street night morning "
    "people visitors families workers farmers children new old busy quiet green "
    "bright long short open warm walk build grow visit travel the a of in on with"
).split()
HAN = "城市河流公园市场火车桥博物馆学校街道夜晚早上人们游客家庭工人农民孩子新旧忙安静"
NAMES = ["Yang Han", "Liu Fangyu", "Xiong Vivi", "Jiang Yifan", "Benjamin Curwen"]


def article(number: int, rng: random.Random) -> str:
    """Return a desk-style article: title, ten pairs, photo line and credits."""
    lines = [f"Story number {number} from the city", f"城市故事第{number}篇", ""]
    for _ in range(10):
        english = " ".join(rng.choices(WORDS, k=rng.randint(25, 60))).capitalize()
        chinese = "".join(rng.choices(HAN, k=rng.randint(30, 90)))
        lines += [english + ".", chinese + "。", ""]
    lines += [
        f"Photo: {rng.choice(NAMES)}, {rng.choice(NAMES)}",
        f"Reporter丨{rng.choice(NAMES)}",
        f"Proofreader丨{rng.choice(NAMES)}（英国）",
        "来源：WhereZhengzhou",
    ]
    return "\n".join(lines)


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
        # Production's settings (DEBUG off, so no query log), on the temporary file.
        os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.base"
        os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        files = Path(folder) / "desk"
        files.mkdir()
        rng = random.Random(5)
        for number in range(count):
            (files / f"{number:05}.txt").write_text(article(number, rng))

        out = StringIO()
        start, cpu_start = time.perf_counter(), time.process_time()
        call_command("import_article", str(files), stdout=out, stderr=StringIO())
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start

        from articles.models import Article, Block

        assert Article.objects.count() == count, out.getvalue()[-500:]
        print(out.getvalue().splitlines()[-1])
        print(
            f"{count} articles ({Block.objects.count()} pairs) in {elapsed:.1f} s: "
            f"{count / elapsed:.0f} articles/s on {os.cpu_count()} cores "
            f"({cpu:.1f} s of CPU time)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)

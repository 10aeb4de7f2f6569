"""`manage.py check_translations`: the translation checks over articles or files."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles import checking
from articles.models import Article
from articles.sanitize import plain_text
from bilingual.checks import check_pairs, glossary_variants
from bilingual.parser import ParseError, parse_bytes


class Command(BaseCommand):
    help = (
        "Check that each English paragraph and its Chinese translation agree (numbers, "
        "dates, names, glossary, missing sides). Exits non-zero when an error is found."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="text files to check")
        parser.add_argument("--article", help="slug of one stored article")
        parser.add_argument("--all", action="store_true", help="every stored article")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, paths, article, all, format, **options):
        if bool(paths) + bool(article) + bool(all) != 1:
            raise CommandError("Give text files, or --article SLUG, or --all.")
        if paths:
            key, results = "files", [self._check_file(path) for path in paths]
        else:
            articles = Article.objects.prefetch_related("blocks").order_by("slug")
            if article:
                articles = articles.filter(slug=article)
                if not articles:
                    raise CommandError(f"No article with the slug {article!r}.")
            terms = checking.glossary()
            results = [self._check_article(item, terms) for item in articles]
            key = "articles"
        report = {key: results}
        if all:
            # Across the archive: a glossary name rendered one way here, another there.
            report["glossary_variants"] = glossary_variants(
                [(pair["en"], pair["zh-hans"]) for r in results for pair in r["pairs"]],
                terms,
            )
        if format == "json":
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self._print(results)
            for term, count in report.get("glossary_variants", {}).items():
                self.stdout.write(
                    self.style.WARNING(
                        f"glossary: {term!r} is rendered differently in {count} pair(s)"
                    )
                )
        errors = sum(
            finding["severity"] == "error"
            for result in results
            for pair in result["pairs"]
            for finding in pair["findings"]
        )
        if errors:
            raise CommandError(f"{errors} translation error(s) found.", returncode=1)

    def _check_file(self, path: Path) -> dict:
        try:
            parsed = parse_bytes(path.read_bytes())
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        except ParseError as error:
            raise CommandError(f"{path}: {error}") from error
        pairs = [(pair.en, pair.zh_hans) for pair in parsed.pairs]
        findings = check_pairs(pairs, glossary=checking.glossary())
        return _result(str(path), pairs, findings)

    def _check_article(self, article: Article, terms) -> dict:
        reports = checking.article_report(article, terms)
        pairs = [
            (plain_text(r.block.text_en), plain_text(r.block.text_zh_hans))
            for r in reports
        ]
        return _result(article.slug, pairs, [r.findings for r in reports])

    def _print(self, results):
        for result in results:
            flagged = [pair for pair in result["pairs"] if pair["findings"]]
            self.stdout.write(f"{result['name']}: {len(result['pairs'])} pairs")
            for pair in flagged:
                for finding in pair["findings"]:
                    style = (
                        self.style.ERROR
                        if finding["severity"] == "error"
                        else self.style.WARNING
                    )
                    self.stdout.write(
                        style(
                            f"  pair {pair['index']}: {finding['severity']} "
                            f"[{finding['kind']}] {finding['message']}"
                        )
                    )


def _result(name: str, pairs, findings) -> dict:
    return {
        "name": name,
        "pairs": [
            {
                "index": index,
                "en": en,
                "zh-hans": zh,
                "findings": [finding.as_dict() for finding in pair_findings],
            }
            for index, ((en, zh), pair_findings) in enumerate(
                zip(pairs, findings, strict=True), start=1
            )
        ],
    }

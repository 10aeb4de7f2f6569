"""Run the pure translation checks over stored articles and files."""

from dataclasses import dataclass
from html import unescape

from django.utils.html import strip_tags

from bilingual import checks

from .models import Article, Block, GlossaryTerm


@dataclass(frozen=True)
class PairReport:
    block: Block
    findings: list[checks.Finding]

    @property
    def errors(self) -> list[checks.Finding]:
        return [f for f in self.findings if f.severity == "error"]


def plain(html: str) -> str:
    """Return the text a reader sees in stored rich text."""
    return unescape(strip_tags(html or "")).replace("\xa0", " ").strip()


def glossary() -> list[checks.GlossaryEntry]:
    return [
        checks.GlossaryEntry(en=term.en, zh_hans=term.zh_hans)
        for term in GlossaryTerm.objects.all()
    ]


def text_blocks(article: Article) -> list[Block]:
    """The pairs that carry text, in order (photos have none to compare)."""
    return [block for block in article.blocks.all() if block.kind != Block.Kind.PHOTO]


def article_report(article: Article, terms=None) -> list[PairReport]:
    """Check every text pair of `article` against its neighbours and the glossary."""
    blocks = text_blocks(article)
    results = checks.check_pairs(
        [(plain(block.text_en), plain(block.text_zh_hans)) for block in blocks],
        glossary=glossary() if terms is None else terms,
    )
    return [
        PairReport(block, findings)
        for block, findings in zip(blocks, results, strict=True)
    ]


def article_counts(article: Article) -> checks.Counts:
    """Words, characters and reading time of the whole article, per language."""
    blocks = text_blocks(article)
    return checks.counts(
        "\n".join(plain(block.text_en) for block in blocks),
        "\n".join(plain(block.text_zh_hans) for block in blocks),
    )

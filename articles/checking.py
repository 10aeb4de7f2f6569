"""Run the pure translation checks over stored articles and files."""

from dataclasses import dataclass

from bilingual import checks

from .models import Article, Block, GlossaryTerm
from .sanitize import plain_text


@dataclass(frozen=True)
class PairReport:
    block: Block
    findings: list[checks.Finding]

    @property
    def errors(self) -> list[checks.Finding]:
        return [f for f in self.findings if f.severity == "error"]


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
        [
            (plain_text(block.text_en), plain_text(block.text_zh_hans))
            for block in blocks
        ],
        glossary=glossary() if terms is None else terms,
    )
    return [
        PairReport(block, findings)
        for block, findings in zip(blocks, results, strict=True)
    ]


@dataclass(frozen=True)
class ReadingCount:
    """How much a page carries in one language: words (English) or characters
    (Chinese), and the minutes they take to read."""

    language: str
    amount: int
    minutes: int


def reading_counts(article: Article, languages) -> list[ReadingCount]:
    """The counts of the text `article` has in each of `languages`, in that order.

    Only what is written in a language counts for it (a pair with no Chinese adds
    nothing to the Chinese count); a language with no text at all is left out.
    """
    counts = article_counts(article)
    amounts = {
        "en": (counts.english_words, counts.english_minutes),
        "zh-hans": (counts.chinese_characters, counts.chinese_minutes),
    }
    return [
        ReadingCount(language, *amounts[language])
        for language in languages
        if amounts[language][0]
    ]


def article_counts(article: Article) -> checks.Counts:
    """Words, characters and reading time of the whole article, per language."""
    blocks = text_blocks(article)
    return checks.counts(
        "\n".join(plain_text(block.text_en) for block in blocks),
        "\n".join(plain_text(block.text_zh_hans) for block in blocks),
    )

import pytest

from articles.importing.builder import AlreadyImported, ImportRefused, article_import
from articles.importing.credits import Consent
from articles.models import Article, ArticleCredit, Block, ImportedFile, Publication
from bilingual.parser import parse_text
from staffcredits.models import CreditRole, StaffMember
from tests.factories import PublicationFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_seed_becomes_a_draft_with_ten_pairs_in_order(parsed_seed):
    article = article_import(parsed=parsed_seed).article

    blocks = list(article.blocks.order_by("position"))
    assert article.status == Article.Status.DRAFT
    assert [block.position for block in blocks] == list(range(1, 11))
    assert blocks[0].text_en.startswith("<p>Zhengzhou's industrial sector witnessed")
    assert blocks[0].text_zh_hans.startswith("<p>在算力、人工智能、新能源等领域")
    assert blocks[-1].text_zh_hans.endswith("加速书写新质生产力的时代“答卷”。</p>")
    assert (
        article.translation_note_en == "NB: This may not be a word-for-word transcript."
    )
    assert article.source == "WhereZhengzhou"
    assert article.summary_en.endswith("driven by the bu")


def test_seed_credits_become_people_and_roles(parsed_seed):
    article = article_import(parsed=parsed_seed).article

    credits = [
        (credit.role.code, credit.member.name_en)
        for credit in ArticleCredit.objects.filter(article=article).order_by(
            "role__order", "position"
        )
    ]
    assert credits == [
        ("managing_editor", "Xiong Vivi"),
        ("text_editor", "Liu Fangyu"),
        ("reporter", "Yang Han"),
        ("photographer", "Ma Jian"),
        ("photographer", "Li Xinhua"),
        ("art_editor", "Jiang Yifan"),
        ("proofreader", "Benjamin Curwen"),
        ("voice", "Benjamin Curwen"),
    ]
    curwen = StaffMember.objects.get(name_en="Benjamin Curwen")
    assert curwen.note_zh_hans == "英国"
    assert curwen.credits.count() == 2


def test_first_import_sets_up_the_publication_from_its_lines(parsed_seed):
    article = article_import(parsed=parsed_seed).article

    publication = article.publication
    assert publication.producer_line_zh_hans == "郑州日报社·对外传播融媒体中心出品"
    assert publication.studio_line_zh_hans == "Where Zhengzhou工作室编辑制作"
    assert publication.rights_notice_en == "All rights reserved."
    assert publication.sharing_notice_en == "Feel free to forward to WeChat Moments."
    assert publication.sharing_notice_zh_hans == "转载请注明出处，欢迎转发到朋友圈"


def test_import_uses_the_existing_publication(parsed_seed):
    publication = PublicationFactory()

    article = article_import(parsed=parsed_seed).article

    assert article.publication == publication
    assert Publication.objects.count() == 1


def test_importing_twice_reuses_people_and_gives_a_new_slug(parsed_seed):
    first = article_import(parsed=parsed_seed).article
    second = article_import(parsed=parsed_seed).article

    assert second.slug == f"{first.slug}-2"
    assert StaffMember.objects.filter(name_en="Benjamin Curwen").count() == 1


def test_seed_without_a_headline_cannot_be_published(parsed_seed):
    result = article_import(parsed=parsed_seed)

    assert any("headline" in warning.lower() for warning in result.warnings)
    assert "Write the title in both English and Chinese." in (
        result.article.publish_problems()
    )


def test_an_unknown_role_is_kept_as_text_to_resolve_and_adds_nothing():
    parsed = parse_text(
        "Hello readers of this fine city.\n你好，这座城市的读者。\nMusic丨Zhang San\n"
    )
    roles = CreditRole.objects.count()

    result = article_import(parsed=parsed)

    assert result.article.credits_to_resolve == "Music丨Zhang San"
    assert not result.article.credits.exists()
    assert CreditRole.objects.count() == roles
    assert not StaffMember.objects.exists()
    assert any("“Music”" in warning for warning in result.warnings)
    assert any("Credits to resolve" in p for p in result.article.publish_problems())


def test_an_unknown_role_is_added_with_its_people_when_consented():
    parsed = parse_text(
        "Hello readers of this fine city.\n你好，这座城市的读者。\nMusic丨Zhang San\n"
    )

    result = article_import(
        parsed=parsed, consent=Consent.default(parsed.credits, add_roles=True)
    )

    credit = ArticleCredit.objects.get(article=result.article)
    assert (credit.role.code, credit.role.label_en) == ("music", "Music")
    assert credit.member.name_en == "Zhang San"
    assert result.article.credits_to_resolve == ""
    assert any("“Music” added" in warning for warning in result.warnings)


def test_a_failure_midway_writes_nothing(parsed_seed, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ArticleCredit.objects, "bulk_create", fail)

    with pytest.raises(RuntimeError):
        article_import(parsed=parsed_seed)

    assert Article.objects.count() == 0
    assert Block.objects.count() == 0
    assert StaffMember.objects.count() == 0


def test_text_too_long_for_its_field_is_refused_whole_on_every_database():
    parsed = parse_text(
        "A paragraph in English for the readers.\n一段写给读者的中文。\n"
        "NB: " + "this translation is free " * 15 + "\n"
    )

    with pytest.raises(ImportRefused, match="at most 300 fit"):
        article_import(parsed=parsed)

    assert Article.objects.count() == 0
    assert StaffMember.objects.count() == 0


def test_people_sharing_a_role_on_two_lines_keep_their_order():
    parsed = parse_text(
        "A paragraph in English for the readers.\n一段写给读者的中文。\n"
        "Reporter丨Zhang San\nReporter丨Li Si\n"
    )

    article = article_import(parsed=parsed).article

    assert [
        credit.member.name_en for credit in article.credits.order_by("position")
    ] == ["Zhang San", "Li Si"]


def test_an_unknown_chinese_role_gets_an_ascii_code():
    parsed = parse_text(
        "A paragraph in English for the readers.\n一段写给读者的中文。\n统筹丨张三\n"
    )

    result = article_import(parsed=parsed, consent=Consent(roles=frozenset({"统筹"})))

    role = CreditRole.objects.get(label_zh_hans="统筹")
    assert role.code.startswith("role-") and role.code.isascii()
    assert not result.article.credits.exists()
    assert result.article.credits_to_resolve == "统筹丨张三"


def test_closing_lines_that_differ_from_the_publication_are_reported(parsed_seed):
    publication = PublicationFactory(producer_line_zh_hans="另一家媒体出品")

    result = article_import(parsed=parsed_seed, publication=publication)

    assert any("郑州日报社" in warning for warning in result.warnings)
    publication.refresh_from_db()
    assert publication.producer_line_zh_hans == "另一家媒体出品"


def test_heading_quote_and_caption_pairs_keep_their_kind():
    parsed = parse_text(
        "A CITY OF GARDENS\n花园之城\n\n"
        "The city grew fast last year.\n这座城市去年发展很快。\n\n"
        '"We come here every evening."\n“我们每天晚上都来。”\n\n'
        "▲ A tour boat on the river\n▲ 河上的一艘游船\n"
    )

    result = article_import(parsed=parsed)

    blocks = list(result.article.blocks.order_by("position"))
    assert [block.kind for block in blocks] == [
        Block.Kind.PARAGRAPH,
        Block.Kind.QUOTE,
        Block.Kind.PARAGRAPH,
    ]
    assert result.article.title_en == "A CITY OF GARDENS"
    assert blocks[2].text_en == "<p>A tour boat on the river</p>"
    assert any(
        "Line 10" in warning and "caption was kept as a paragraph" in warning
        for warning in result.warnings
    )


def test_a_heading_pair_becomes_a_heading_block():
    parsed = parse_text(
        "The city grew fast last year.\n这座城市去年发展很快。\n"
        "A CITY OF GARDENS\n花园之城\n"
        "Factories opened across the region.\n全区新开了许多工厂。\n"
    )

    article = article_import(parsed=parsed).article

    heading = article.blocks.get(position=2)
    assert (heading.kind, heading.text_en, heading.text_zh_hans) == (
        Block.Kind.HEADING,
        "A CITY OF GARDENS",
        "花园之城",
    )


def test_the_column_tag_picks_the_section_of_that_name():
    section = SectionFactory(name_en="Culture", name_zh_hans="文化")
    text = "文化丨节气里的郑州\nSolar terms in Zhengzhou\n{}\n{}\n"

    article = article_import(
        parsed=parse_text(text.format("The city grew fast.", "城市发展很快。"))
    ).article
    result = article_import(
        parsed=parse_text(
            text.replace("文化", "体育").format("A second story.", "第二篇。")
        )
    )

    assert article.section == section
    assert result.article.section is None
    assert any("No section is called “体育”" in w for w in result.warnings)


def test_the_same_source_text_is_imported_once(parsed_seed, seed_bytes):
    text = seed_bytes.decode()
    first = article_import(parsed=parsed_seed, source_text=text, source_name="a.txt")

    with pytest.raises(AlreadyImported) as refused:
        article_import(parsed=parsed_seed, source_text=text.replace("\n", "\r\n"))

    assert refused.value.article == first.article
    assert first.article.slug in refused.value.messages[0]
    assert Article.objects.count() == 1
    assert ImportedFile.objects.get().name == "a.txt"


def test_a_refused_import_records_no_hash():
    parsed = parse_text(
        "A paragraph in English for the readers.\n一段写给读者的中文。\n"
        "NB: " + "this translation is free " * 15 + "\n"
    )

    with pytest.raises(ImportRefused):
        article_import(parsed=parsed, source_text="anything")

    assert ImportedFile.objects.count() == 0

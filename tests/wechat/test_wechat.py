"""The WeChat export: HTML the official-account editor keeps, its fields, its images.

Photos are real JPEGs made by Pillow and stored the way an upload is; the pairs'
rich text is written straight to the database where a test needs markup that the
editor would have cleaned, to show that the export cleans it again itself.
"""

import io
import json
import re
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from PIL import Image

from articles.media.images import clean_upload, photo_make_renditions
from articles.models import Article, ArticleCredit, Block, Narration, Photo
from staffcredits.models import CreditRole
from tests.factories import (
    ArticleFactory,
    BlockFactory,
    PublicationFactory,
    StaffMemberFactory,
)
from wechat.export import NotExportable, WeChatExport, build_export
from wechat.fields import trim

pytestmark = pytest.mark.django_db

RED, BLUE = (200, 30, 30), (30, 40, 200)
PAIRS = [
    (
        "<p>Zhengzhou's industry surged in the first quarter.</p>",
        "<p>一季度郑州工业迎来突破。</p>",
    ),
    (
        "<p>Investment in high-tech manufacturing rose 34.7%.</p>",
        "<p>高技术制造业投资增长34.7%。</p>",
    ),
    (
        "<p>BYD's Zhengzhou base produced 147,000 vehicles.</p>",
        "<p>比亚迪郑州基地生产整车14.7万辆。</p>",
    ),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.SITE_URL = "https://news.example.com"


def make_photo(colour, caption_en, caption_zh, photographer) -> Photo:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), colour).save(buffer, format="JPEG")
    photo = Photo(
        image=clean_upload(ContentFile(buffer.getvalue(), name="upload.jpg")),
        caption_en=caption_en,
        caption_zh_hans=caption_zh,
        alt_text_en="A photo.",
        alt_text_zh_hans="一张照片。",
    )
    photo.save()
    photo.photographers.add(photographer)
    photo_make_renditions(photo)
    return photo


def credit(article, code, member, position=0):
    ArticleCredit.objects.create(
        article=article,
        role=CreditRole.objects.get(code=code),
        member=member,
        position=position,
    )


def story(status=Article.Status.PUBLISHED, **fields) -> Article:
    """A story shaped like the seed: pairs, photos, credits and publication lines."""
    publication = PublicationFactory(
        studio_line_zh_hans="Where Zhengzhou工作室编辑制作",
        default_source="WhereZhengzhou",
    )
    ma_jian = StaffMemberFactory(name_en="Ma Jian")
    article = ArticleFactory(
        **{
            "publication": publication,
            "status": status,
            "title_en": "Zhengzhou's industry gathers pace",
            "title_zh_hans": "郑州工业跑出加速度",
            "summary_en": "Computing power, AI and new energy drive the city.",
            "summary_zh_hans": "今年一季度，郑州工业迎来一批科技突破。",
            "translation_note_en": "NB: This may not be a word-for-word transcript.",
            "hero_photo": make_photo(
                RED, "The skyline at dusk.", "暮色中的天际线。", ma_jian
            ),
            **fields,
        }
    )
    for position, (en, zh) in enumerate(PAIRS, start=1):
        BlockFactory(article=article, position=position, text_en=en, text_zh_hans=zh)
    BlockFactory(
        article=article,
        position=4,
        kind=Block.Kind.PHOTO,
        photo=make_photo(BLUE, "Buses at Yutong.", "宇通的客车。", ma_jian),
        text_en="",
        text_zh_hans="",
    )
    credit(article, "managing_editor", StaffMemberFactory(name_en="Xiong Vivi"))
    credit(article, "reporter", StaffMemberFactory(name_en="Yang Han"))
    curwen = StaffMemberFactory(
        name_en="Benjamin Curwen", note_en="UK", note_zh_hans="英国"
    )
    credit(article, "proofreader", curwen)
    credit(article, "voice", curwen)
    credit(article, "photographer", ma_jian)
    Narration.objects.create(article=article, audio="narration/read.mp3", voice=curwen)
    return article


def export_of(article: Article) -> WeChatExport:
    return build_export(Article.objects.for_detail().get(pk=article.pk))


def canonical(article: Article) -> str:
    return f"https://news.example.com/zh-hans/articles/{article.slug}/"


def addresses(html: str) -> list[str]:
    return re.findall(r'(?:href|src)\s*=\s*"([^"]*)"', html)


# What the HTML keeps


def test_export_keeps_no_class_style_script_or_address_but_its_own():
    article = story()
    # Markup the pair editor would have cleaned, as an old import might have left it.
    Block.objects.filter(article=article, position=2).update(
        text_en=(
            '<p class="lead" style="color:red">Read the <a href="https://example.com/r"'
            ' class="ext">full report</a>.<script>alert(1)</script></p>'
            '<style>p{color:red}</style><img src="https://example.com/x.png">'
        )
    )

    export = export_of(article)

    for html in (export.html, export.document()):
        assert "class=" not in html
        assert "<style" not in html
        assert "<script" not in html
        assert "alert(1)" not in html
        assert set(addresses(html)) == {
            canonical(article),
            "images/01.jpg",
            "images/02.jpg",
        }
        assert re.findall(r"https?://[^\s\"<]+", html) == [canonical(article)] * 2
    assert "Read the full report." in export.html


def test_a_link_in_a_pair_becomes_its_text_and_the_editor_is_told():
    article = story()
    Block.objects.filter(article=article, position=1).update(
        text_en='<p>See <a href="https://example.com/data">the data</a> here.</p>'
    )

    export = export_of(article)

    assert "See the data here." in export.html
    assert "example.com/data" not in export.html
    assert any(
        "Pair 1" in warning
        and "“the data”" in warning
        and "example.com/data" in warning
        for warning in export.warnings
    )


def test_each_pair_is_stacked_english_then_chinese_in_article_order():
    export = export_of(story())
    html = export.html

    positions = []
    for en, zh in PAIRS:
        en_text, zh_text = en[3:-4], zh[3:-4]
        positions += [html.index(en_text), html.index(zh_text)]
    assert positions == sorted(positions)
    english = re.search(r'<p style="([^"]*)" lang="en">BYD', html).group(1)
    chinese = re.search(r'<p style="([^"]*)" lang="zh-Hans">比亚迪', html).group(1)
    assert "serif" in english and "serif" not in chinese
    assert english != chinese


def test_photos_are_the_exports_files_in_order_with_captions_and_credits():
    export = export_of(story())
    html = export.html

    assert [image.filename for image in export.images] == ["01.jpg", "02.jpg"]
    hero, body_photo = (
        html.index('src="images/01.jpg"'),
        html.index('src="images/02.jpg"'),
    )
    assert hero < html.index("Zhengzhou's industry surged") < body_photo
    after = html[body_photo:]
    assert after.index("Buses at Yutong.") < after.index("宇通的客车。")
    assert (
        '<span lang="en">Photo: Ma Jian</span> / '
        '<span lang="zh-Hans">摄影：Ma Jian</span>' in after
    )


def test_credits_and_footer_follow_the_desks_role_name_lines():
    article = story()
    html = export_of(article).html
    footer = html[html.index("责任编辑") :]

    for text in [
        "责任编辑 Managing Editor丨Xiong Vivi",
        "记者 Reporter丨Yang Han",
        "校对 Proofreader丨Benjamin Curwen（英国）",
        "配音 Voice丨Benjamin Curwen（英国）",
        "来源 Source丨WhereZhengzhou",
        "郑州日报社·对外传播融媒体中心出品",
        "Where Zhengzhou工作室编辑制作",
        "All rights reserved.",
        "Feel free to forward to WeChat Moments.",
        "转载请注明出处，欢迎转发到朋友圈",
    ]:
        assert text in footer
    # Photographers are credited under their photos, not in the closing block.
    assert "摄影 Photographer" not in html
    assert footer.index("Xiong Vivi") < footer.index("来源") < footer.index("出品")
    assert footer.endswith(f"{canonical(article)}</a></p></section></section>")
    # The Voice is named where the narration will go, before the pairs.
    assert html.index("配音 Voice丨") < html.index("一季度郑州工业迎来突破")


# The fields and their limits


def test_fields_are_the_chinese_title_the_reporter_and_the_summary():
    article = story()
    export = export_of(article)

    assert export.title == "郑州工业跑出加速度"
    assert export.author == "Yang Han"
    assert export.digest == (
        # No space after the full stop: 。 carries its own.
        "今年一季度，郑州工业迎来一批科技突破。"
        "Computing power, AI and new energy drive the city."
    )
    assert export.source_url == canonical(article)
    # The English title opens the body, since the title field holds the Chinese.
    assert export.html.index("gathers pace") < export.html.index("一季度郑州工业")
    assert not [w for w in export.warnings if "title" in w or "digest" in w]


def test_a_title_over_32_characters_is_kept_and_flagged_with_the_overage():
    export = export_of(story(title_zh_hans="郑" * 40))

    assert export.title == "郑" * 40
    assert "The title is 40 characters, 8 over the 32 limit." in " ".join(
        export.warnings
    )


def test_an_article_over_20000_characters_is_flagged_with_the_exact_overage():
    article = story()
    for position in range(5, 60):
        BlockFactory(
            article=article,
            position=position,
            text_en="<p>" + "Computing power and new energy. " * 6 + "</p>",
            text_zh_hans="<p>" + "算力与新能源。" * 20 + "</p>",
        )

    export = export_of(article)
    length = len(export.html)

    assert length > 20_000
    assert (
        f"The article is {length:,} characters, {length - 20_000:,} over the 20,000 "
        "limit" in export.warnings[0]
    )
    assert [f.over for f in export.fields() if f.key == "body"] == [length - 20_000]


def test_a_short_article_has_no_length_warning():
    export = export_of(story())

    assert len(export.html) < 20_000
    assert not [w for w in export.warnings if "The article is" in w]


def test_a_long_summary_is_trimmed_to_128_characters_with_an_ellipsis():
    summary = (
        "Zhengzhou's industrial sector witnessed a surge of technological "
        "breakthroughs in the first quarter of this year, driven by the burgeoning "
        "momentum in computing power, artificial intelligence and new energy"
    )
    export = export_of(story(summary_zh_hans="", summary_en=summary))

    assert len(export.digest) <= 128
    assert export.digest.endswith("…")
    assert summary.startswith(export.digest[:-1])
    assert export.digest[-2].isalpha() and summary[len(export.digest) - 1] == " "
    assert any(
        f"The summary is {len(summary)} characters" in warning
        for warning in export.warnings
    )


def test_a_trim_prefers_the_end_of_a_chinese_sentence():
    text = "郑州工业迎来突破。" * 15

    assert trim(text, 128) == "郑州工业迎来突破。" * 14
    assert trim("算" * 200, 128) == "算" * 127 + "…"


def test_the_author_field_names_the_reporters_that_fit_in_16_characters():
    article = story()
    credit(article, "reporter", StaffMemberFactory(name_en="Li Xinhua"), position=1)

    export = export_of(article)

    assert export.author == "Yang Han"
    assert any("Only 1 of the 2 reporters" in warning for warning in export.warnings)


def test_without_a_reporter_the_author_is_the_publication():
    article = story()
    ArticleCredit.objects.filter(article=article, role__code="reporter").delete()

    assert export_of(article).author == "WhereZhengzhou"


@pytest.mark.parametrize(
    "status",
    [Article.Status.DRAFT, Article.Status.IN_REVIEW, Article.Status.UNPUBLISHED],
)
def test_only_approved_or_published_articles_are_exported(status):
    with pytest.raises(NotExportable, match="approved or published"):
        export_of(story(status=status))


def test_an_approved_article_is_exported_with_a_note_that_its_link_waits():
    export = export_of(story(status=Article.Status.APPROVED))

    assert any("Not published yet" in warning for warning in export.warnings)


# Images


def jpeg_colour(data: bytes) -> tuple[int, int, int]:
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    return image.getpixel((image.width // 2, image.height // 2))


def test_the_images_zip_holds_the_largest_jpegs_in_article_order(client, editor):
    article = story()
    client.force_login(editor)

    response = client.get(
        reverse("admin:articles_article_wechat_images", args=[article.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f"{article.slug}-wechat-images.zip" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == ["01.jpg", "02.jpg"]
    hero = Article.objects.get(pk=article.pk).hero_photo
    largest = max(
        (r for r in hero.renditions if r["format"] == "jpeg"), key=lambda r: r["width"]
    )
    with default_storage.open(largest["name"], "rb") as stored:
        assert archive.read("01.jpg") == stored.read()
    assert Image.open(io.BytesIO(archive.read("01.jpg"))).width == 1440
    first, second = (jpeg_colour(archive.read(name)) for name in ("01.jpg", "02.jpg"))
    assert first[0] > 150 > first[2] and second[2] > 150 > second[0]


# The command


def test_the_command_writes_the_html_the_fields_and_the_images(tmp_path):
    article = story()
    outdir = tmp_path / "wechat"
    out = io.StringIO()

    call_command("export_wechat", article.slug, str(outdir), stdout=out, stderr=out)

    export = export_of(article)
    assert (outdir / "article.html").read_text() == export.document()
    fields = json.loads((outdir / "fields.json").read_text())
    assert fields["title"] == "郑州工业跑出加速度"
    assert fields["author"] == "Yang Han"
    assert fields["images"] == ["images/01.jpg", "images/02.jpg"]
    assert fields["characters"]["body"] == len(export.html)
    text = (outdir / "fields.txt").read_text()
    assert "郑州工业跑出加速度" in text and canonical(article) in text
    assert sorted(p.name for p in (outdir / "images").iterdir()) == ["01.jpg", "02.jpg"]
    assert jpeg_colour((outdir / "images" / "01.jpg").read_bytes())[0] > 150
    assert "Warning: This article has a narration" in out.getvalue()


def test_the_command_refuses_a_folder_that_is_not_empty(tmp_path):
    article = story()
    outdir = tmp_path / "wechat"
    outdir.mkdir()
    (outdir / "notes.txt").write_text("mine")

    with pytest.raises(CommandError, match="not empty"):
        call_command("export_wechat", article.slug, str(outdir))

    assert sorted(p.name for p in outdir.iterdir()) == ["notes.txt"]


def test_the_command_with_force_replaces_an_earlier_export(tmp_path):
    article = story()
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "03.jpg").write_bytes(b"an older export's photo")
    (tmp_path / "notes.txt").write_text("mine")

    call_command(
        "export_wechat",
        article.slug,
        str(tmp_path),
        "--force",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )

    assert sorted(p.name for p in (tmp_path / "images").iterdir()) == [
        "01.jpg",
        "02.jpg",
    ]
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_the_command_refuses_a_draft_and_an_unknown_slug(tmp_path):
    draft = story(status=Article.Status.DRAFT)

    with pytest.raises(CommandError, match="approved or published"):
        call_command("export_wechat", draft.slug, str(tmp_path / "out"))
    with pytest.raises(CommandError, match="No article"):
        call_command("export_wechat", "no-such-story", str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


# The admin


def export_url(article, name="wechat"):
    return reverse(f"admin:articles_article_{name}", args=[article.pk])


def test_a_managing_editor_sees_the_fields_counts_preview_and_downloads(
    client, user_in
):
    article = story(title_zh_hans="郑" * 40)
    client.force_login(user_in("Managing Editor"))

    response = client.get(export_url(article))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="' + "郑" * 40 + '"' in html
    assert "40 characters, 8 over the 32 limit" in html
    assert "8 of 16 characters" in html  # Yang Han
    assert 'data-copy="wechat-title"' in html
    assert "js/admin-wechat.js" in html
    preview = export_url(article, "wechat_preview")
    assert f'<iframe sandbox="allow-same-origin" src="{preview}"' in html
    assert export_url(article, "wechat_html") in html
    assert export_url(article, "wechat_images") in html
    assert "<script>" not in html.split("</head>")[1]  # no inline scripts


def test_the_html_download_is_the_exported_page(editor_client):
    article = story()

    response = editor_client.get(export_url(article, "wechat_html"))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode() == export_of(article).document()


def test_the_preview_is_the_exported_page_styled_inline_and_scriptless(
    editor_client,
):
    article = story()

    response = editor_client.get(export_url(article, "wechat_preview"))

    assert response.content.decode() == export_of(article).document()
    assert "Content-Disposition" not in response
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = response["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy
    assert "default-src 'none'" in policy and "script-src" not in policy


def test_the_preview_shows_each_image_under_its_export_name(editor_client):
    article = story()

    response = editor_client.get(
        reverse("admin:articles_article_wechat_image", args=[article.pk, "02.jpg"])
    )

    assert jpeg_colour(b"".join(response.streaming_content))[2] > 150
    missing = reverse(
        "admin:articles_article_wechat_image", args=[article.pk, "09.jpg"]
    )
    assert editor_client.get(missing).status_code == 404


def test_a_draft_is_refused_with_a_message_on_its_change_page(editor_client):
    draft = story(status=Article.Status.DRAFT)

    response = editor_client.get(export_url(draft), follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "admin:articles_article_change", args=[draft.pk]
    )
    assert "Only approved or published articles" in response.content.decode()
    assert editor_client.get(export_url(draft, "wechat_images")).status_code == 302


def test_a_reporter_cannot_export_someone_elses_draft(client, user_in, editor):
    draft = story(status=Article.Status.DRAFT, created_by=editor)
    client.force_login(user_in("Reporter"))

    for name in ("wechat", "wechat_html", "wechat_images"):
        response = client.get(export_url(draft, name))
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "admin:articles_article_change", args=[draft.pk]
        )


def test_staff_who_may_not_read_articles_are_refused(client, django_user_model):
    article = story()
    client.force_login(
        django_user_model.objects.create_user(
            username="outsider", password="pass-word-123", is_staff=True
        )
    )

    assert client.get(export_url(article)).status_code == 403
    assert client.get(export_url(article, "wechat_images")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    article = story()

    for name in ("wechat", "wechat_html", "wechat_images"):
        response = client.get(export_url(article, name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_the_change_page_links_to_the_export_only_when_it_is_allowed(editor_client):
    published, draft = story(), ArticleFactory()

    assert (
        export_url(published)
        in editor_client.get(
            reverse("admin:articles_article_change", args=[published.pk])
        ).content.decode()
    )
    assert (
        "WeChat export"
        not in editor_client.get(
            reverse("admin:articles_article_change", args=[draft.pk])
        ).content.decode()
    )


def test_the_change_page_does_without_the_export_when_its_pages_are_absent(
    editor_client, settings
):
    published = story()
    settings.ROOT_URLCONF = "tests.wechat.urls_without_wechat"

    response = editor_client.get(
        reverse("admin:articles_article_change", args=[published.pk])
    )

    assert response.status_code == 200
    assert "WeChat export" not in response.content.decode()

import pytest
from django.urls import reverse

from articles.models import Article, Block
from tests.factories import ArticleFactory, BlockFactory, PublicationFactory

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def article_form_data(article, blocks, **overrides):
    """The POST the change form sends: article fields plus the pairs inline."""
    data = {
        "title_en": article.title_en,
        "title_zh_hans": article.title_zh_hans,
        "slug": article.slug,
        "summary_en": "",
        "summary_zh_hans": "",
        "translation_note_en": "",
        "translation_note_zh_hans": "",
        "publication": article.publication_id,
        "section": "",
        "source": "",
        "hero_photo": "",
        "opened_version": article.version,
        "blocks-TOTAL_FORMS": len(blocks),
        "blocks-INITIAL_FORMS": sum(1 for block in blocks if block.get("id")),
        "blocks-MIN_NUM_FORMS": 0,
        "blocks-MAX_NUM_FORMS": 1000,
        "credits-TOTAL_FORMS": 0,
        "credits-INITIAL_FORMS": 0,
        "credits-MIN_NUM_FORMS": 0,
        "credits-MAX_NUM_FORMS": 1000,
        "uploaded_photos-TOTAL_FORMS": 0,
        "uploaded_photos-INITIAL_FORMS": 0,
        "uploaded_photos-MIN_NUM_FORMS": 0,
        "uploaded_photos-MAX_NUM_FORMS": 1000,
        "narrations-TOTAL_FORMS": 0,
        "narrations-INITIAL_FORMS": 0,
        "narrations-MIN_NUM_FORMS": 0,
        "narrations-MAX_NUM_FORMS": 1000,
    }
    for index, block in enumerate(blocks):
        prefix = f"blocks-{index}-"
        data.update(
            {
                prefix + "id": block.get("id", ""),
                prefix + "article": article.pk,
                prefix + "position": block.get("position", ""),
                prefix + "kind": block.get("kind", "paragraph"),
                prefix + "text_en": block.get("en", ""),
                prefix + "text_zh_hans": block.get("zh", ""),
                prefix + "photo": "",
            }
        )
        if block.get("delete"):
            data[prefix + "DELETE"] = "on"
    data.update(overrides)
    return data


def body(article):
    return [
        (block.text_en, block.text_zh_hans)
        for block in Block.objects.filter(article=article).order_by("position")
    ]


def test_change_page_shows_pairs_side_by_side(editor_client):
    article = ArticleFactory()
    BlockFactory(article=article, text_en="<p>Left</p>", text_zh_hans="<p>右</p>")

    html = editor_client.get(change_url(article)).content.decode()

    english = html.index('name="blocks-0-text_en"')
    chinese = html.index('name="blocks-0-text_zh_hans"')
    assert english < chinese
    assert html.count('class="django_ckeditor_5 ') >= 2
    assert 'lang="zh-Hans"' in html[chinese - 300 : chinese + 300]


def test_editor_adds_pairs_and_they_are_saved_in_order(editor_client):
    article = ArticleFactory()
    data = article_form_data(
        article,
        [
            {"position": 2, "en": "<p>Second</p>", "zh": "<p>第二</p>"},
            {"position": 1, "en": "<p>First</p>", "zh": "<p>第一</p>"},
            {"en": "<p>Appended</p>", "zh": "<p>追加</p>"},
        ],
    )

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert body(article) == [
        ("<p>First</p>", "<p>第一</p>"),
        ("<p>Second</p>", "<p>第二</p>"),
        ("<p>Appended</p>", "<p>追加</p>"),
    ]
    assert list(
        Block.objects.filter(article=article).values_list("position", flat=True)
    ) == [1, 2, 3]


def test_editor_swaps_and_deletes_pairs(editor_client):
    article = ArticleFactory()
    one = BlockFactory(article=article, position=1, text_en="<p>One</p>")
    two = BlockFactory(article=article, position=2, text_en="<p>Two</p>")
    three = BlockFactory(article=article, position=3, text_en="<p>Three</p>")
    data = article_form_data(
        article,
        [
            {"id": one.pk, "position": 2, "en": "<p>One</p>", "zh": one.text_zh_hans},
            {"id": two.pk, "position": 1, "en": "<p>Two</p>", "zh": two.text_zh_hans},
            {"id": three.pk, "position": 3, "delete": True, "en": "<p>Three</p>"},
        ],
    )

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert [en for en, _ in body(article)] == ["<p>Two</p>", "<p>One</p>"]


def test_posted_html_is_sanitised_before_it_is_stored(editor_client):
    article = ArticleFactory()
    data = article_form_data(
        article,
        [
            {
                "position": 1,
                "en": '<p onclick="x()">Hi <a href="javascript:alert(1)">link</a>'
                '<img src=x onerror=alert(2)><span style="color:red">red</span></p>'
                "<script>alert(3)</script>",
                "zh": '<p>你好<a href="https://example.com">链接</a></p>',
            }
        ],
    )

    editor_client.post(change_url(article), data)

    [(english, chinese)] = body(article)
    assert english == '<p>Hi <a rel="noopener noreferrer">link</a>red</p>'
    assert chinese == (
        '<p>你好<a href="https://example.com" rel="noopener noreferrer">链接</a></p>'
    )


def test_an_edit_based_on_an_old_version_is_refused_and_changes_nothing(editor_client):
    article = ArticleFactory(title_en="Original")
    stale_version = article.version
    Article.objects.filter(pk=article.pk).update(version=stale_version + 1)
    data = article_form_data(
        article,
        [{"position": 1, "en": "<p>Mine</p>", "zh": "<p>我的</p>"}],
        title_en="My rewrite",
        opened_version=stale_version,
    )

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert "Someone else saved this article" in response.content.decode()
    article.refresh_from_db()
    assert article.title_en == "Original"
    assert body(article) == []


def test_saving_raises_the_version(editor_client):
    article = ArticleFactory()
    data = article_form_data(article, [], title_en="New title")

    editor_client.post(change_url(article), data)

    article.refresh_from_db()
    assert (article.title_en, article.version) == ("New title", 2)


def test_import_preview_shows_pairs_and_writes_nothing(editor_client, seed_bytes):
    response = editor_client.post(
        reverse("admin:articles_article_import"),
        {"text": seed_bytes.decode(), "preview": "Preview"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "10 pairs found" in html
    assert "No headline" in html or "no headline" in html
    assert Article.objects.count() == 0


def test_import_creates_a_draft_from_pasted_text(editor_client, seed_bytes):
    PublicationFactory()

    response = editor_client.post(
        reverse("admin:articles_article_import"),
        {"text": seed_bytes.decode(), "create": "Create draft"},
    )

    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == change_url(article)
    assert article.status == Article.Status.DRAFT
    assert article.blocks.count() == 10


def test_import_of_a_bad_file_says_why(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("story.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    response = editor_client.post(
        reverse("admin:articles_article_import"), {"file": upload, "create": "1"}
    )

    assert response.status_code == 200
    assert "binary" in response.content.decode()
    assert Article.objects.count() == 0


def test_editor_image_upload_is_refused(editor_client):
    response = editor_client.post(reverse("editor-upload-refused"), {})

    assert response.status_code == 403


def test_previewing_an_uploaded_file_keeps_its_text_for_creating(
    editor_client, seed_bytes
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("story.txt", seed_bytes.decode().encode("gb18030"))

    response = editor_client.post(
        reverse("admin:articles_article_import"), {"file": upload, "preview": "1"}
    )

    html = response.content.decode()
    assert "GB18030" in html
    assert "在算力、人工智能、新能源等领域的澎湃动能中" in html.split("<textarea")[1]
    assert Article.objects.count() == 0


def test_an_empty_new_row_is_not_stored_as_a_pair(editor_client):
    article = ArticleFactory()
    data = article_form_data(
        article,
        [
            {"position": 1, "en": "<p>Kept</p>", "zh": "<p>保留</p>"},
            {"position": 2, "en": "<p>&nbsp;</p>", "zh": ""},
        ],
    )

    editor_client.post(change_url(article), data)

    assert body(article) == [("<p>Kept</p>", "<p>保留</p>")]


def test_a_save_without_the_opened_version_is_refused(editor_client):
    article = ArticleFactory(title_en="Original")
    data = article_form_data(article, [], title_en="Blind overwrite")
    del data["opened_version"]

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title_en == "Original"


def test_import_that_cannot_be_stored_is_refused_on_the_page(editor_client):
    text = (
        "A paragraph in English for the readers.\n一段写给读者的中文。\n"
        "来源:" + "W" * 130 + "\n"
    )

    response = editor_client.post(
        reverse("admin:articles_article_import"), {"text": text, "create": "1"}
    )

    assert response.status_code == 200
    assert "at most 120 fit" in response.content.decode()
    assert Article.objects.count() == 0

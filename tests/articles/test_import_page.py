"""The admin import page: paste or upload, fix the proposed pairing, create a draft."""

import re

import docx
import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Block, ImportedFile
from tests.factories import PublicationFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_article_import")
TEXT = (
    "Why Zhengzhou keeps surprising visitors 郑州为何总让人惊喜?\n"
    "\n"
    "Factories opened across the region.\n"
    "全区新开了许多工厂。\n"
    "这座城市去年发展很快。\n"
    "The city grew fast last year.\n"
    "\n"
    "A CITY OF GARDENS\n"
    "花园之城\n"
    "\n"
    "阅读 10万+  在看 23\n"
    "Reporter丨Yang Han\n"
)
PROPOSED = [
    ("Factories opened across the region.", "全区新开了许多工厂。"),
    ("", "这座城市去年发展很快。"),
    ("The city grew fast last year.", ""),
    ("A CITY OF GARDENS", "花园之城"),
]


def proposal_data(response, **changes):
    """Return the POST data of the page as shown, with `changes` applied."""
    source = response.context["form"]
    data = {
        "text": source["text"].value(),
        "source_name": source["source_name"].value() or "",
        "title_en": response.context["titles"]["title_en"].value(),
        "title_zh_hans": response.context["titles"]["title_zh_hans"].value(),
    }
    for formset in (response.context["pairs"], response.context["credits"]):
        data |= formset_data(formset)
    return data | changes


def formset_data(formset):
    """Return what a browser posts for `formset` as the page shows it."""
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(len(formset.forms)),
        f"{formset.prefix}-INITIAL_FORMS": str(len(formset.forms)),
    }
    for form in formset.forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field, forms.BooleanField):
                if value:
                    data[form.add_prefix(name)] = "on"
            else:
                data[form.add_prefix(name)] = "" if value is None else value
    return data


def sides(response):
    return [
        (row["values"]["en"], row["values"]["zh_hans"])
        for row in response.context["rows"]
    ]


@pytest.fixture
def preview(editor_client):
    return editor_client.post(URL, {"text": TEXT, "preview": "1"})


def test_preview_shows_pairs_side_by_side_with_findings_beside_them(preview):
    html = preview.content.decode().replace(' rows="4"', "")
    rows = {
        index: html.split(f'id="pair-{index}"')[1].split("</tr>")[0]
        for index in range(4)
    }

    assert preview.status_code == 200
    assert "4 pairs found" in html
    assert sides(preview) == PROPOSED
    assert re.search(r'<textarea name="pair-0-en"[^>]* lang="en"', html)
    assert re.search(r'<textarea name="pair-1-zh_hans"[^>]* lang="zh-Hans"', html)
    assert rows[1].startswith(' class="import-pair import-pair--warning"')
    assert rows[0].startswith(' class="import-pair"')
    assert "this Chinese paragraph has no English original" in rows[1]
    assert "this English paragraph has no Chinese translation" in rows[2]
    assert "100% sure: aligned by length" in rows[0]
    assert 'value="heading" selected' in rows[3]
    assert "dropped “阅读 10万+  在看 23”: a view or like count" in html
    assert Article.objects.count() == 0


def test_an_edit_returns_the_edited_proposal_and_keeps_typed_changes(
    editor_client, preview
):
    data = proposal_data(
        preview, **{"pair-0-en": "Factories opened all over the region."}
    )

    response = editor_client.post(URL, data | {"edit": "merge:1"})

    assert sides(response) == [
        ("Factories opened all over the region.", "全区新开了许多工厂。"),
        ("The city grew fast last year.", "这座城市去年发展很快。"),
        ("A CITY OF GARDENS", "花园之城"),
    ]
    assert "Edited by you" in response.content.decode()
    assert "3 pairs found" in response.content.decode()
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ("swap:3", ("花园之城", "A CITY OF GARDENS")),
        ("move-en:3", ("", "花园之城A CITY OF GARDENS")),
        ("move-zh:3", ("A CITY OF GARDENS 花园之城", "")),
    ],
)
def test_sides_can_be_swapped_or_moved_to_the_other_language(
    editor_client, preview, edit, expected
):
    response = editor_client.post(URL, proposal_data(preview, edit=edit))

    assert sides(response) == PROPOSED[:3] + [expected]


def test_split_and_mark_as_junk(editor_client, preview):
    split = editor_client.post(URL, proposal_data(preview, edit="split:0"))
    junked = editor_client.post(URL, proposal_data(split, edit="junk:1"))

    assert sides(split) == [
        ("Factories opened across the region.", ""),
        ("", "全区新开了许多工厂。"),
        *PROPOSED[1:],
    ]
    assert sides(junked) == [("Factories opened across the region.", ""), *PROPOSED[1:]]


def test_creating_the_draft_stores_the_fixed_pairs_in_one_step(editor_client, preview):
    PublicationFactory()
    merged = editor_client.post(URL, proposal_data(preview, edit="merge:1"))
    data = proposal_data(merged, title_en="Zhengzhou keeps surprising visitors")

    response = editor_client.post(URL, data | {"create": "1"})

    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:articles_article_change", args=[article.pk]
    )
    assert article.title_en == "Zhengzhou keeps surprising visitors"
    assert article.title_zh_hans == "郑州为何总让人惊喜？"
    blocks = list(article.blocks.order_by("position"))
    assert [(b.kind, b.text_en, b.text_zh_hans) for b in blocks] == [
        (
            "paragraph",
            "<p>Factories opened across the region.</p>",
            "<p>全区新开了许多工厂。</p>",
        ),
        (
            "paragraph",
            "<p>The city grew fast last year.</p>",
            "<p>这座城市去年发展很快。</p>",
        ),
        ("heading", "A CITY OF GARDENS", "花园之城"),
    ]
    assert article.credits.get().member.name_en == "Yang Han"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert not any("has no" in message for message in messages)


def test_the_same_text_cannot_become_a_second_article(editor_client, preview):
    editor_client.post(URL, proposal_data(preview, create="1"))
    first = Article.objects.get()

    response = editor_client.post(URL, {"text": TEXT + "\n\n", "create": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert f"already imported as “{first.slug}”" in html
    assert reverse("admin:articles_article_change", args=[first.pk]) in html
    assert Article.objects.count() == 1
    assert ImportedFile.objects.get().article == first


def test_a_bad_pair_is_shown_with_its_error_and_nothing_is_created(
    editor_client, preview
):
    data = proposal_data(preview, create="1", **{"pair-0-kind": "banner"})

    response = editor_client.post(URL, data)

    assert response.status_code == 200
    assert "banner is not one of the available choices" in response.content.decode()
    assert Article.objects.count() == 0
    assert Block.objects.count() == 0


def test_a_word_file_is_previewed_and_created(editor_client, tmp_path):
    document = docx.Document()
    for line in TEXT.splitlines():
        document.add_paragraph(line)
    document.save(tmp_path / "story.docx")
    upload = SimpleUploadedFile("story.docx", (tmp_path / "story.docx").read_bytes())

    preview = editor_client.post(URL, {"file": upload, "preview": "1"})
    response = editor_client.post(URL, proposal_data(preview, create="1"))

    assert "这座城市去年发展很快。" in preview.content.decode().split("<textarea")[1]
    assert response.status_code == 302
    assert Article.objects.get().blocks.count() == 4
    assert ImportedFile.objects.get().name == "story.docx"


def test_the_page_loads_its_script_from_a_file_not_inline(preview):
    html = preview.content.decode()

    assert "js/admin-import.js" in html
    assert "css/admin-import.css" in html
    body = html.split('id="content-main"')[1]
    assert "<script" not in body
    assert " onclick=" not in body


UNTITLED = (
    "The city grew fast last year.\n"
    "这座城市去年发展很快,工厂很多。\n"
    "Factories opened across the region.\n"
    "全区新开了许多工厂。\n"
)


def messages_after_creating(client, response):
    created = client.post(URL, proposal_data(response, create="1"))
    assert created.status_code == 302
    return [str(message) for message in created.wsgi_request._messages]


def test_warnings_about_lines_and_titles_are_shown_until_fixed(editor_client):
    preview = editor_client.post(URL, {"text": UNTITLED, "preview": "1"})

    messages = messages_after_creating(editor_client, preview)

    assert any("Line 2: converted 1 half-width" in m for m in messages)
    assert any("no headline found" in m for m in messages)


def test_warnings_about_junked_lines_and_typed_titles_are_not_shown_after_creating(
    editor_client,
):
    preview = editor_client.post(URL, {"text": UNTITLED, "preview": "1"})
    junked = editor_client.post(URL, proposal_data(preview, edit="junk:0"))
    titled = proposal_data(junked, title_en="A city grows", title_zh_hans="城市在长")

    edited = editor_client.post(URL, titled)
    messages = messages_after_creating(editor_client, edited)

    assert "converted 1 half-width" in preview.content.decode()
    assert "converted 1 half-width" not in junked.content.decode()
    assert "no headline found" not in edited.content.decode()
    assert not any("converted" in m or "headline" in m for m in messages)
    assert Article.objects.get().title_zh_hans == "城市在长"


def test_a_title_in_one_language_keeps_the_missing_title_warning(editor_client):
    preview = editor_client.post(URL, {"text": UNTITLED, "preview": "1"})

    messages = messages_after_creating(
        editor_client, editor_client.post(URL, proposal_data(preview, title_en="Hi"))
    )

    assert any("no headline found" in m for m in messages)

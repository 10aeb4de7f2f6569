"""The header on every page: a renamed section, a renamed publication or a new logo
shows at once on the cached front and section pages and on stored article pages.

Each test first changes the row behind the signals' back (a queryset update) and
sees the old page still served, so the page is known to come from the cache or
the store; then saves it as the admin does, and sees the change.
"""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from articles.models import Publication, Section
from tests.factories import (
    ArticleFactory,
    BlockFactory,
    PublicationFactory,
    SectionFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_cache")]

PAGES = ["/en/", "/en/sections/culture/", "/en/articles/{slug}/"]


@pytest.fixture
def site():
    PublicationFactory(name_en="WhereZhengzhou")
    SectionFactory()
    culture = SectionFactory(slug="culture", name_en="Culture", name_zh_hans="文化")
    article = ArticleFactory(published=True, section=culture)
    BlockFactory(article=article)
    return article


def header(client, address: str) -> str:
    html = client.get(address).text
    return html[html.index('<header class="site-header">') : html.index("</header>")]


@pytest.mark.parametrize("address", PAGES)
def test_a_renamed_section_shows_in_every_pages_menu(client, site, address):
    address = address.format(slug=site.slug)
    assert ">Economy</a>" in header(client, address)

    Section.objects.filter(slug="economy").update(name_en="Business")
    assert ">Economy</a>" in header(client, address)  # still the stored page

    economy = Section.objects.get(slug="economy")
    economy.save()

    assert ">Business</a>" in header(client, address)


@pytest.mark.parametrize("address", PAGES)
def test_a_new_section_and_a_deleted_one_show_in_every_pages_menu(
    client, site, address
):
    address = address.format(slug=site.slug)
    header(client, address)

    SectionFactory(slug="voices", name_en="Voices", name_zh_hans="声音")
    assert ">Voices</a>" in header(client, address)

    Section.objects.get(slug="economy").delete()
    assert ">Economy</a>" not in header(client, address)


@pytest.mark.parametrize("address", PAGES)
def test_a_renamed_publication_and_its_new_logo_show_on_every_page(
    client, site, address
):
    address = address.format(slug=site.slug)
    assert ">WhereZhengzhou</span>" in header(client, address)

    Publication.objects.update(name_en="Zhengzhou Daily")
    assert ">WhereZhengzhou</span>" in header(client, address)

    publication = Publication.objects.get()
    publication.save()
    assert ">Zhengzhou Daily</span>" in header(client, address)

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(buffer, format="PNG")
    publication.logo.save("mark.png", ContentFile(buffer.getvalue()))

    assert f'<img class="site-header__logo" src="{publication.logo.url}"' in header(
        client, address
    )

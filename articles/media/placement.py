"""Where a photo uploaded from an article's page goes: the hero, or a photo pair."""

from django.utils.translation import gettext_lazy as _

from .. import services
from ..models import Article, Block, Photo

HERO = "hero"
# Not placed: the photo joins the library and waits for a pair or the hero field.
LIBRARY = ""


def place_choices(article: Article | None) -> list[tuple[str, str]]:
    """Return where a new photo may go in `article`, as (value, label) choices."""
    pairs = article.blocks.count() if article is not None and article.pk else 0
    return [
        (HERO, _("As the hero photo, above the title")),
        ("0", _("Before pair 1")),
        *(
            (str(number), _("After pair %(number)d") % {"number": number})
            for number in range(1, pairs + 1)
        ),
        (LIBRARY, _("Nowhere yet (choose it later in a pair or as the hero)")),
    ]


def article_place_photo(*, article: Article, photo: Photo, place: str) -> None:
    """Place `photo` in `article`: as its hero (`HERO`), or as a photo pair after
    pair `place` ("0": before the first); past the last pair it goes last.

    Part of the article's save: call it in the transaction of its `article_save`,
    whose event retires the stored pages and re-indexes the body.
    """
    if place == LIBRARY:
        return
    if place == HERO:
        article.hero_photo = photo
        article.save(update_fields=["hero_photo"])
        return
    blocks = list(article.blocks.order_by("position"))
    after = min(int(place), len(blocks))
    pair = Block(article=article, kind=Block.Kind.PHOTO, photo=photo)
    services.article_set_blocks(
        article=article, blocks=[*blocks[:after], pair, *blocks[after:]]
    )

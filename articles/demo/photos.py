"""Photos for the demo article, drawn with Pillow because the seed has no images.

They enter exactly as an upload would: re-encoded by `images.clean_upload`, given
renditions by `images.photo_make_renditions`, and placed through the services.
"""

import io
import random

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw

from articles import services
from articles.media.images import clean_upload, photo_make_renditions
from articles.models import Article, Block, Photo

SIZE = (1600, 1000)
HORIZON = 700

HERO_TEXT = {
    "caption_en": "Zhengzhou's skyline at dusk.",
    "caption_zh_hans": "暮色中的郑州城市天际线。",
    "alt_text_en": (
        "Dark silhouettes of tower blocks with lit windows and a television tower "
        "under an orange and deep blue evening sky, a pale sun above the roofs."
    ),
    "alt_text_zh_hans": (
        "橙色与深蓝色的晚霞下，高楼和电视塔的剪影亮着点点灯光，楼顶上方挂着一轮淡黄的太阳。"
    ),
}
BUSES_TEXT = {
    "caption_en": "New energy buses lined up at a production base in Zhengzhou.",
    "caption_zh_hans": "郑州一处生产基地内整齐排列的新能源客车。",
    "alt_text_en": (
        "Six white buses with a green stripe, seen from the front, parked side by "
        "side on grey tarmac under a pale blue sky."
    ),
    "alt_text_zh_hans": (
        "淡蓝色天空下，六辆带绿色条纹的白色客车车头朝前，并排停在灰色场地上。"
    ),
}


def _sky(draw: ImageDraw.ImageDraw, top, bottom) -> None:
    for y in range(HORIZON):
        t = y / HORIZON
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (SIZE[0], y)], fill=colour)


def draw_skyline() -> bytes:
    """Return a JPEG of tower blocks against a dusk sky."""
    rng = random.Random(2024)
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    _sky(draw, (22, 34, 78), (244, 146, 62))
    draw.ellipse([1180, 110, 1300, 230], fill=(255, 206, 120))
    draw.rectangle([0, HORIZON, SIZE[0], SIZE[1]], fill=(18, 20, 30))
    x = 0
    while x < SIZE[0]:
        width, height = rng.randint(60, 150), rng.randint(120, 520)
        top = HORIZON + 40 - height
        draw.rectangle([x, top, x + width, SIZE[1]], fill=(24, 26, 38))
        for wy in range(top + 14, HORIZON + 30, 22):
            for wx in range(x + 10, x + width - 12, 18):
                if rng.random() < 0.35:
                    draw.rectangle([wx, wy, wx + 7, wy + 10], fill=(255, 214, 130))
        x += width + rng.randint(4, 20)
    # A television tower, the city's landmark on the skyline.
    draw.polygon(
        [(300, HORIZON + 40), (316, 120), (332, HORIZON + 40)], fill=(24, 26, 38)
    )
    draw.ellipse([290, 230, 342, 282], fill=(24, 26, 38))
    return _jpeg(image)


def draw_buses() -> bytes:
    """Return a JPEG of a row of buses on a yard."""
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    _sky(draw, (150, 196, 235), (222, 236, 246))
    draw.rectangle([0, HORIZON, SIZE[0], SIZE[1]], fill=(118, 122, 128))
    for lane in range(6):
        left = 40 + lane * 260
        top = 430 + lane * 4
        draw.rounded_rectangle([left, top, left + 230, 760], radius=26, fill="white")
        draw.rectangle([left, 640, left + 230, 700], fill=(46, 160, 90))
        for pane in range(3):
            px = left + 18 + pane * 68
            draw.rounded_rectangle(
                [px, top + 40, px + 56, 600], radius=8, fill=(40, 62, 84)
            )
        for wheel in (left + 40, left + 150):
            draw.ellipse([wheel, 730, wheel + 44, 774], fill=(30, 30, 30))
    return _jpeg(image)


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def _photo(picture: bytes, text: dict, photographers) -> Photo:
    photo = Photo(image=clean_upload(ContentFile(picture, name="demo.jpg")), **text)
    photo.save()
    photo.photographers.set(photographers)
    photo_make_renditions(photo)
    return photo


@transaction.atomic
def attach_demo_photos(*, article: Article, user) -> None:
    """Give the demo article a hero photo and a photo pair, unless it has a hero.

    One transaction, as an editor's save: the body and the hero change together.
    """
    if article.hero_photo_id:
        return
    credited = article.photo_credits()
    article.hero_photo = _photo(draw_skyline(), HERO_TEXT, credited[:1])
    services.article_save(article=article, expected_version=article.version, user=user)
    buses = _photo(draw_buses(), BUSES_TEXT, credited[1:] or credited[:1])
    blocks = list(article.blocks.all())
    after = next(
        (i for i, block in enumerate(blocks) if "Yutong" in block.text_en),
        len(blocks) // 2,
    )
    blocks.insert(after + 1, Block(kind=Block.Kind.PHOTO, photo=buses))
    services.article_set_blocks(article=article, blocks=blocks)
    services.article_record_revision(
        article=article, user=user, comment="Photos added."
    )

"""Photos: uploads checked by content, cleaned, rendered once, shown responsively.

Every image here is a real file made with Pillow (or written byte by byte, for the
decompression bomb), uploaded through the admin or handed to `articles.media.images`.
"""

import io
import random
import re
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image, ImageCms

from articles import revisions, services
from articles.demo.photos import attach_demo_photos
from articles.importing.builder import article_import
from articles.media.images import clean_upload, open_image, photo_make_renditions
from articles.models import Article, Block, Photo
from articles.services import TransitionRefused
from tests.articles.test_admin import article_form_data, change_url
from tests.factories import ArticleFactory, BlockFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

ORIENTATION = 0x0112
GPS_IFD = 0x8825
RED, BLUE = (220, 20, 20), (20, 40, 220)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Give each test an empty media folder, so what a test stores is all there is."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def stored_files(folder: str = "") -> list[str]:
    """List every file under `folder` in the default storage."""
    if not default_storage.exists(folder or "."):
        return []
    directories, files = default_storage.listdir(folder or ".")
    prefix = f"{folder}/" if folder else ""
    names = [prefix + name for name in files]
    for directory in directories:
        names += stored_files(prefix + directory)
    return names


def jpeg(width=1200, height=800, *, exif=None, quality=90, noise=False) -> bytes:
    """A JPEG, blue with a red top-left corner, so orientation can be checked."""
    if noise:  # incompressible, to make a file of a given size
        pixels = random.Random(width).randbytes(width * height * 3)
        image = Image.frombytes("RGB", (width, height), pixels)
    else:
        image = Image.new("RGB", (width, height), BLUE)
        image.paste(RED, (0, 0, width // 4, height // 4))
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, format="JPEG", quality=quality, **options)
    return buffer.getvalue()


def camera_exif() -> Image.Exif:
    """EXIF as a phone writes it: held sideways (orientation 6), with a position."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (34.0, 45.0, 36.0), 3: "E", 4: (113.0, 37.0, 12.0)}
    return exif


def png_declaring(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of the given size, all black: it compresses to almost nothing.

    This is a real decompression bomb: decoding it would take width × height bytes.
    """

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    compressor = zlib.compressobj(9)
    row = bytes(1 + (width + 7) // 8)
    data = b"".join(compressor.compress(row) for _ in range(height))
    data += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", data)
        + chunk(b"IEND", b"")
    )


def gif(width: int, height: int, frames: int) -> bytes:
    """An animated GIF whose frames each differ by one pixel (so none is merged)."""
    images = []
    for number in range(frames):
        frame = Image.new("P", (width, height), 0)
        frame.putpalette([0, 0, 0, 255, 255, 255] + [0] * 762)
        frame.putpixel((number % width, 0), 1)
        images.append(frame)
    buffer = io.BytesIO()
    images[0].save(buffer, format="GIF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


def gif_declaring(width: int, height: int, frames: int) -> bytes:
    """A valid animated GIF on a large canvas whose frames are each one pixel.

    A few hundred bytes that a viewer composites onto width × height pixels, once
    per frame.
    """
    screen = struct.pack("<HHBBB", width, height, 0x80, 0, 0) + bytes(3) + b"\xff" * 3
    # One pixel of colour 0, LZW-coded with 3-bit codes: clear, 0, end.
    frame = struct.pack("<BHHHHB", 0x2C, 0, 0, 1, 1, 0) + b"\x02\x02\x44\x01\x00"
    return b"GIF89a" + screen + frame * frames + b"\x3b"


def refusal(data: bytes, name: str = "photo.jpg") -> str:
    with pytest.raises(ValidationError) as caught:
        open_image(ContentFile(data, name=name))
    return " ".join(caught.value.messages)


def make_photo(width=1200, height=800, **fields) -> Photo:
    """A photo stored the way an upload is, with its renditions."""
    fields = {
        "caption_en": "Buses at the Yutong plant.",
        "caption_zh_hans": "宇通工厂的客车。",
        "alt_text_en": "A row of white buses.",
        "alt_text_zh_hans": "一排白色客车。",
        **fields,
    }
    photo = Photo(
        image=clean_upload(ContentFile(jpeg(width, height), name="x.jpg")), **fields
    )
    photo.save()
    photo_make_renditions(photo)
    return photo


# Checking and cleaning an upload


def test_camera_photo_is_stored_upright_without_exif_or_position():
    original = jpeg(300, 200, exif=camera_exif())
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)

    stored = clean_upload(ContentFile(original, name="IMG_0001.JPG"))

    image = Image.open(io.BytesIO(stored.read()))
    assert image.format == "JPEG"
    assert image.size == (200, 300)
    # Turned a quarter clockwise, the red top-left corner is now top-right.
    assert image.getpixel((190, 10)) == pytest.approx(RED, abs=30)
    assert image.getpixel((10, 10)) == pytest.approx(BLUE, abs=30)
    assert not image.getexif()
    assert "exif" not in image.info
    assert b"PhoneMaker" not in stored.read() and b"Exif" not in stored.read()
    assert re.fullmatch(r"[0-9a-f]{32}\.jpg", stored.name)


def test_a_wide_gamut_profile_is_converted_to_plain_srgb():
    buffer = io.BytesIO()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (64, 64), (200, 120, 40)).save(
        buffer, format="JPEG", icc_profile=srgb
    )

    stored = Image.open(clean_upload(ContentFile(buffer.getvalue(), name="a.jpg")))

    assert "icc_profile" not in stored.info
    assert stored.getpixel((32, 32)) == pytest.approx((200, 120, 40), abs=6)


def test_a_16_bit_grey_scan_keeps_its_tones():
    buffer = io.BytesIO()
    Image.new("I;16", (40, 30), 30_000).save(buffer, format="PNG")

    stored = Image.open(clean_upload(ContentFile(buffer.getvalue(), name="scan.png")))

    assert stored.getpixel((5, 5)) == (117, 117, 117)


def test_a_png_declaring_30000_by_30000_pixels_is_refused_clearly():
    bomb = png_declaring(30_000, 30_000)
    assert len(bomb) < 200_000

    message = refusal(bomb, "tiny.png")

    assert "too large" in message and "50 megapixels" in message


def test_pixels_over_the_limit_are_refused_before_decoding():
    message = refusal(png_declaring(8_000, 8_000), "big.png")

    assert "50 megapixels" in message


def test_an_animation_too_heavy_in_frames_times_pixels_is_refused():
    animation = gif_declaring(2_000, 2_000, 26)
    assert len(animation) < 500
    assert Image.open(io.BytesIO(animation)).n_frames == 26

    message = refusal(animation, "loop.gif")

    assert "26 frames of 2000 × 2000 pixels" in message


def test_a_small_animation_is_kept_as_its_first_frame_in_png():
    stored = Image.open(clean_upload(ContentFile(gif(40, 30, 3), name="loop.gif")))

    assert stored.format == "PNG"
    assert stored.size == (40, 30)
    assert getattr(stored, "n_frames", 1) == 1


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"This is a text file, not a photo.\n", "photo.jpg"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            b"<script>alert(1)</script></svg>",
            "photo.svg",
        ),
        (b"BM" + bytes(60), "photo.bmp"),
    ],
    ids=["text-named-jpg", "svg", "bmp-not-allowed"],
)
def test_files_that_are_not_allowed_images_are_refused_by_content(data, name):
    message = refusal(data, name)

    assert "Upload a JPEG, PNG, WebP or GIF image" in message


def test_a_real_bmp_is_refused_although_pillow_could_read_it():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), RED).save(buffer, format="BMP")

    assert "Upload a JPEG, PNG, WebP or GIF image" in refusal(buffer.getvalue())


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.NEWSROOM_MAX_IMAGE_BYTES = 50_000
    data = jpeg(600, 600, noise=True, quality=95)
    assert len(data) > 50_000

    message = refusal(data)

    assert "a photo may be at most 48.8\xa0KB" in message


def test_a_truncated_file_is_refused_as_damaged():
    data = jpeg(800, 600, noise=True)

    message = refusal(data[: len(data) // 2])

    assert "damaged or incomplete" in message


# Renditions


def test_renditions_are_made_in_webp_and_jpeg_without_upscaling():
    photo = make_photo(1200, 800)

    made = sorted((item["format"], item["width"]) for item in photo.renditions)
    assert made == [
        ("jpeg", 480),
        ("jpeg", 960),
        ("jpeg", 1200),
        ("webp", 480),
        ("webp", 960),
        ("webp", 1200),
    ]
    for item in photo.renditions:
        with default_storage.open(item["name"]) as file:
            image = Image.open(file)
            image.load()
        assert image.format == {"webp": "WEBP", "jpeg": "JPEG"}[item["format"]]
        assert image.size == (item["width"], item["height"])
        assert item["height"] == round(item["width"] * 800 / 1200)
    assert Photo.objects.get(pk=photo.pk).renditions == photo.renditions


def test_a_large_photo_gets_the_three_standard_widths_only():
    photo = make_photo(2000, 1500)

    assert sorted({item["width"] for item in photo.renditions}) == [480, 960, 1440]


def test_renditions_are_made_once():
    photo = make_photo(1000, 600)
    times = {
        item["name"]: default_storage.get_modified_time(item["name"])
        for item in photo.renditions
    }
    files = stored_files()

    assert photo_make_renditions(Photo.objects.get(pk=photo.pk)) == 0

    assert stored_files() == files
    assert {name: default_storage.get_modified_time(name) for name in times} == times


def test_a_new_image_gets_new_renditions_and_the_old_ones_go():
    photo = make_photo(1000, 600)
    old = {item["name"] for item in photo.renditions}

    photo.image = clean_upload(ContentFile(jpeg(800, 800), name="new.jpg"))
    photo.save()
    assert photo_make_renditions(photo) == 4

    new = {item["name"] for item in photo.renditions}
    assert not old & new
    assert not any(default_storage.exists(name) for name in old)
    assert all(default_storage.exists(name) for name in new)


def test_make_renditions_command_fills_in_old_photos_and_is_idempotent():
    old = Photo(image=ContentFile(jpeg(300, 200, exif=camera_exif()), name="old.jpg"))
    old.save()
    out = io.StringIO()

    call_command("make_renditions", stdout=out)

    old.refresh_from_db()
    assert "made for 1 photo(s); 0 already" in out.getvalue()
    # A photo stored before uploads were cleaned still reaches readers upright.
    assert {(item["width"], item["height"]) for item in old.renditions} == {(200, 300)}
    out = io.StringIO()
    call_command("make_renditions", stdout=out)
    assert "made for 0 photo(s); 1 already up to date" in out.getvalue()


# The admin


@pytest.fixture
def art_editor_client(client, user_in):
    client.force_login(user_in("Art Editor"))
    return client


def photo_form(image: bytes, name: str = "zz.jpg", **fields) -> dict:
    return {
        "image": SimpleUploadedFile(name, image, content_type="image/jpeg"),
        "caption_en": "Buses at the Yutong plant.",
        "caption_zh_hans": "宇通工厂的客车。",
        "alt_text_en": "A row of white buses.",
        "alt_text_zh_hans": "一排白色客车。",
        **fields,
    }


def test_art_editor_uploads_a_photo_and_gets_its_renditions(art_editor_client):
    photographer = StaffMemberFactory(name_en="Ma Jian")

    response = art_editor_client.post(
        reverse("admin:articles_photo_add"),
        photo_form(
            jpeg(1200, 800, exif=camera_exif()), photographers=[photographer.pk]
        ),
    )

    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (800, 1200)
    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", photo.image.name)
    assert list(photo.photographers.all()) == [photographer]
    assert sorted((item["format"], item["width"]) for item in photo.renditions) == [
        ("jpeg", 480),
        ("jpeg", 800),
        ("webp", 480),
        ("webp", 800),
    ]
    assert all(default_storage.exists(item["name"]) for item in photo.renditions)
    with default_storage.open(photo.image.name) as file:
        assert not Image.open(file).getexif()


def test_admin_refuses_a_decompression_bomb_with_a_message_and_saves_nothing(
    art_editor_client,
):
    response = art_editor_client.post(
        reverse("admin:articles_photo_add"),
        photo_form(png_declaring(30_000, 30_000), name="tiny.png"),
    )

    assert response.status_code == 200
    assert "The image is too large" in response.content.decode()
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_admin_refuses_a_text_file_named_jpg(art_editor_client):
    response = art_editor_client.post(
        reverse("admin:articles_photo_add"), photo_form(b"not an image at all")
    )

    assert response.status_code == 200
    assert "Upload a JPEG, PNG, WebP or GIF image" in response.content.decode()
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_admin_upload_field_offers_only_the_allowed_formats(art_editor_client):
    html = art_editor_client.get(reverse("admin:articles_photo_add")).content.decode()

    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in html


@pytest.mark.parametrize("page", ["change", "changelist"])
def test_admin_shows_a_thumbnail_from_the_renditions(art_editor_client, page):
    photo = make_photo(1200, 800)
    args = [photo.pk] if page == "change" else []

    html = art_editor_client.get(
        reverse(f"admin:articles_photo_{page}", args=args)
    ).content.decode()

    small = next(
        item
        for item in photo.renditions
        if (item["format"], item["width"]) == ("jpeg", 480)
    )
    assert f'srcset="{default_storage.url(small["name"])} 480w' in html


def test_saving_text_only_does_not_remake_renditions(art_editor_client):
    photo = make_photo(1000, 600)
    before = photo.renditions

    response = art_editor_client.post(
        reverse("admin:articles_photo_change", args=[photo.pk]),
        {
            "caption_en": "Changed caption.",
            "caption_zh_hans": "改过的图片说明。",
            "alt_text_en": "A row of white buses.",
            "alt_text_zh_hans": "一排白色客车。",
        },
    )

    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption_en == "Changed caption."
    assert photo.renditions == before


def test_reporter_without_the_permission_cannot_upload(client, user_in):
    client.force_login(user_in("Reporter"))

    response = client.post(reverse("admin:articles_photo_add"), photo_form(jpeg()))

    assert response.status_code == 403
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_anonymous_upload_is_sent_to_login(client):
    response = client.post(reverse("admin:articles_photo_add"), photo_form(jpeg()))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert Photo.objects.count() == 0


@pytest.mark.parametrize("who", ["anonymous", "non-staff", "staff"])
def test_the_text_editor_upload_endpoint_refuses_everyone(
    client, django_user_model, user_in, who
):
    if who == "non-staff":
        client.force_login(
            django_user_model.objects.create_user(username="reader", password="x")
        )
    elif who == "staff":
        client.force_login(user_in("Art Editor"))

    response = client.post(
        reverse("editor-upload-refused"),
        {"upload": SimpleUploadedFile("a.jpg", jpeg(), content_type="image/jpeg")},
    )

    assert response.status_code == 403
    assert stored_files() == []


# The article page


@pytest.fixture
def photo_story():
    article = ArticleFactory(published=True, slug="photo-story")
    hero = make_photo(1600, 900, caption_en="The skyline.", caption_zh_hans="天际线。")
    hero.photographers.set([StaffMemberFactory(name_en="Ma Jian", name_zh_hans="马剑")])
    body = make_photo(1200, 800)
    body.photographers.set(
        [
            StaffMemberFactory(name_en="Ma Jian", name_zh_hans="马剑"),
            StaffMemberFactory(name_en="Li Xinhua"),
        ]
    )
    Article.objects.filter(pk=article.pk).update(hero_photo=hero)
    article.refresh_from_db()
    for position in (1, 3):
        BlockFactory(article=article, position=position)
    BlockFactory(
        article=article,
        position=2,
        kind=Block.Kind.PHOTO,
        photo=body,
        text_en="",
        text_zh_hans="",
    )
    return article


def figures(html: str) -> list[str]:
    return re.findall(r'<figure class="photo">.*?</figure>', html, re.S)


def test_article_page_serves_a_webp_srcset_and_a_jpeg_src_with_dimensions(
    client, photo_story
):
    html = client.get(f"/en/articles/{photo_story.slug}/").content.decode()

    hero, body = figures(html)
    assert re.search(
        r'<source type="image/webp" srcset="/media/renditions/\d+/[0-9a-f]{16}-'
        r'480\.webp 480w, \S+ 960w, \S+-1440\.webp 1440w" sizes="[^"]+">',
        hero,
    )
    assert 'width="1440" height="810"' in hero
    assert 'fetchpriority="high"' in hero and 'loading="lazy"' not in hero
    # Whatever reads srcset reads WebP: the JPEG is the src alone, not sent twice.
    assert re.search(r'<img src="/media/renditions/\S+-960\.jpg" width=', body)
    assert ".jpg" not in re.search(r"<source [^>]+>", body).group(0)
    assert 'width="1200" height="800"' in body
    assert 'loading="lazy"' in body and "fetchpriority" not in body
    # The alt text is in the page's language: it inherits `lang` from <html>.
    assert 'alt="A row of white buses." loading="lazy"' in body


def test_chinese_page_gives_alt_text_and_credit_in_chinese(client, photo_story):
    html = client.get(f"/zh-hans/articles/{photo_story.slug}/").content.decode()

    hero, body = figures(html)
    assert 'alt="一排白色客车。" loading="lazy"' in body
    credit = re.search(r'<p class="photo__credit">(.*?)</p>', hero, re.S)[1]
    assert re.sub(r"<[^>]+>", "", credit) == "摄影：马剑"

    # A photo with no Chinese alt text is described in English, and says so.
    photo = photo_story.hero_photo
    photo.alt_text_zh_hans = ""
    photo.save()
    html = client.get(f"/zh-hans/articles/{photo_story.slug}/").content.decode()
    assert 'alt="A row of white buses." lang="en" fetchpriority' in figures(html)[0]


def test_english_page_credits_photographers_apart_from_the_caption(client, photo_story):
    html = client.get(f"/en/articles/{photo_story.slug}/").content.decode()

    body = figures(html)[1]
    credit = re.search(r'<p class="photo__credit">(.*?)</p>', body, re.S)[1]
    # A photo's photographers are listed by name (the article's credit line keeps
    # the desk's order).
    assert re.sub(r"<[^>]+>", "", credit) == "Photo: Li Xinhua, Ma Jian"
    assert '<p class="photo__caption" lang="en">Buses at the Yutong plant.</p>' in body


def test_dual_page_captions_the_photo_in_both_languages(client, photo_story):
    html = client.get(f"/en/articles/{photo_story.slug}/dual/").content.decode()

    body = figures(html)[1]
    assert '<p class="photo__caption" lang="en">Buses at the Yutong plant.</p>' in body
    assert '<p class="photo__caption" lang="zh-Hans">宇通工厂的客车。</p>' in body
    assert 'sizes="(min-width: 76rem) 74rem, calc(100vw - 2rem)"' in body


def test_a_photo_without_renditions_falls_back_to_its_original(client, photo_story):
    Photo.objects.filter(pk=photo_story.hero_photo_id).update(renditions=[])
    hero_photo = Photo.objects.get(pk=photo_story.hero_photo_id)

    html = client.get(f"/en/articles/{photo_story.slug}/").content.decode()

    hero = figures(html)[0]
    assert "<source" not in hero
    assert f'<img src="{hero_photo.image.url}" width="1600" height="900"' in hero


# Publishing


def test_publish_is_refused_while_a_photo_lacks_chinese_alt_text(editor):
    article = ArticleFactory(status=Article.Status.APPROVED)
    BlockFactory(article=article, position=1)
    photo = make_photo(alt_text_zh_hans="")
    BlockFactory(
        article=article,
        position=2,
        kind=Block.Kind.PHOTO,
        photo=photo,
        text_en="",
        text_zh_hans="",
    )

    with pytest.raises(TransitionRefused) as refused:
        services.article_publish(article=article, user=editor)

    assert refused.value.messages == [
        "Write the Chinese alt text of the photo in pair 2, "
        "“Buses at the Yutong plant.”."
    ]
    assert Article.objects.get(pk=article.pk).status == Article.Status.APPROVED


def test_publish_names_a_hero_photo_missing_english_alt_text():
    article = ArticleFactory(hero_photo=make_photo(alt_text_en="", caption_en=""))
    BlockFactory(article=article, position=1)

    problems = [str(problem) for problem in article.publish_problems()]

    assert len(problems) == 1
    assert problems[0].startswith("Write the English alt text of the hero photo “")


# The demo


def test_demo_photos_give_the_seed_a_hero_and_a_photo_pair(parsed_seed, editor):
    article = article_import(parsed=parsed_seed, slug="seed", created_by=editor).article
    article.title_en, article.title_zh_hans = "Seed", "种子"

    attach_demo_photos(article=article, user=editor)
    attach_demo_photos(article=article, user=editor)

    article.refresh_from_db()
    assert Photo.objects.count() == 2
    hero = article.hero_photo
    assert [p.name_en for p in hero.photographers.all()] == ["Ma Jian"]
    blocks = list(article.blocks.all())
    photo_block = next(block for block in blocks if block.kind == Block.Kind.PHOTO)
    assert "Yutong" in blocks[photo_block.position - 2].text_en
    assert [p.name_en for p in photo_block.photo.photographers.all()] == ["Li Xinhua"]
    for photo in (hero, photo_block.photo):
        assert photo.alt_text_en and photo.alt_text_zh_hans
        assert photo.caption_en and photo.caption_zh_hans
        assert {item["format"] for item in photo.renditions} == {"webp", "jpeg"}
        assert all(default_storage.exists(item["name"]) for item in photo.renditions)
    assert article.publish_problems() == []


# Uploading from the article's page (PhotoInline)


@pytest.fixture
def reporter(user_in):
    return user_in("Reporter")


@pytest.fixture
def draft(reporter):
    article = ArticleFactory(created_by=reporter)
    for position in (1, 2, 3):
        BlockFactory(
            article=article,
            position=position,
            text_en=f"<p>Pair {position}.</p>",
            text_zh_hans=f"<p>第{position}段。</p>",
        )
    return article


def inline_upload(article, image: bytes, place: str, name="p.jpg", **fields) -> dict:
    """The change form's POST: the article as it is, and one photo uploaded inline."""
    blocks = [
        {"id": b.pk, "position": b.position, "en": b.text_en, "zh": b.text_zh_hans}
        for b in article.blocks.order_by("position")
    ]
    data = article_form_data(article, blocks)
    photo = {
        "image": SimpleUploadedFile(name, image, content_type="image/jpeg"),
        "caption_en": "Buses leave the Yutong plant.",
        "caption_zh_hans": "客车驶出宇通工厂。",
        "alt_text_en": "A row of white buses.",
        "alt_text_zh_hans": "一排白色客车。",
        "place": place,
        **fields,
    }
    data.update({f"uploaded_photos-0-{key}": value for key, value in photo.items()})
    data.update({"uploaded_photos-TOTAL_FORMS": 1, "uploaded_photos-0-id": ""})
    return data


def kinds(article) -> list[tuple[int, str, str]]:
    return [
        (block.position, block.kind, block.text_en)
        for block in article.blocks.order_by("position")
    ]


def test_reporter_uploads_a_photo_into_their_draft_after_pair_2(
    client, reporter, draft
):
    photographer = StaffMemberFactory(name_en="Ma Jian")
    client.force_login(reporter)

    response = client.post(
        change_url(draft),
        inline_upload(
            draft,
            jpeg(1200, 800, exif=camera_exif()),
            "2",
            photographers=[photographer.pk],
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    photo = Photo.objects.get()
    assert photo.uploaded_for == draft
    assert photo.caption_zh_hans == "客车驶出宇通工厂。"
    assert list(photo.photographers.all()) == [photographer]
    # Cleaned and rendered as any library upload is.
    assert (photo.width, photo.height) == (800, 1200)
    assert {item["format"] for item in photo.renditions} == {"webp", "jpeg"}
    assert all(default_storage.exists(item["name"]) for item in photo.renditions)
    assert kinds(draft) == [
        (1, "paragraph", "<p>Pair 1.</p>"),
        (2, "paragraph", "<p>Pair 2.</p>"),
        (3, "photo", ""),
        (4, "paragraph", "<p>Pair 3.</p>"),
    ]
    assert draft.blocks.get(position=3).photo == photo


def test_the_photo_pair_is_in_the_saved_revision(client, reporter, draft):
    client.force_login(reporter)

    client.post(change_url(draft), inline_upload(draft, jpeg(), "0"))

    latest = revisions.article_versions(draft).first()
    snapshot = revisions.snapshot(latest)
    assert [(block.kind, block.photo_id) for block in snapshot.blocks][:2] == [
        ("photo", Photo.objects.get().pk),
        ("paragraph", None),
    ]


def test_reporter_uploads_the_hero_photo(client, reporter, draft):
    client.force_login(reporter)

    response = client.post(change_url(draft), inline_upload(draft, jpeg(), "hero"))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.hero_photo == Photo.objects.get()
    assert [kind for _, kind, _ in kinds(draft)] == ["paragraph"] * 3


def test_a_photo_uploaded_from_an_article_is_in_the_library(
    client, reporter, draft, user_in
):
    client.force_login(reporter)
    client.post(change_url(draft), inline_upload(draft, jpeg(), ""))
    photo = Photo.objects.get()
    client.force_login(user_in("Art Editor"))

    listing = client.get(reverse("admin:articles_photo_changelist")).content.decode()
    change = client.get(reverse("admin:articles_photo_change", args=[photo.pk]))

    assert reverse("admin:articles_photo_change", args=[photo.pk]) in listing
    assert change.status_code == 200
    assert 'name="rendition_file"' in change.content.decode()
    assert draft.blocks.filter(photo=photo).count() == 0  # not placed: library only


@pytest.mark.parametrize("why", ["someone else's draft", "locked", "in review"])
def test_an_upload_into_an_article_the_reporter_may_not_edit_changes_nothing(
    client, reporter, user_in, draft, why
):
    if why == "someone else's draft":
        draft.created_by = user_in("Reporter", username="colleague")
    elif why == "locked":
        draft.locked_by = user_in("Text Editor")
    else:
        draft.status = Article.Status.IN_REVIEW
    draft.save()
    client.force_login(reporter)

    page = client.get(change_url(draft)).content.decode()
    response = client.post(change_url(draft), inline_upload(draft, jpeg(), "1"))

    assert 'name="uploaded_photos-0-image"' not in page
    assert response.status_code == 403
    assert Photo.objects.count() == 0
    assert stored_files() == []
    assert [kind for _, kind, _ in kinds(draft)] == ["paragraph"] * 3


def test_an_upload_that_is_not_an_image_is_refused_and_nothing_is_saved(
    client, reporter, draft
):
    client.force_login(reporter)
    version = draft.version

    response = client.post(
        change_url(draft), inline_upload(draft, b"MZ not a photo", "1", name="a.jpg")
    )

    assert response.status_code == 200
    assert "Upload a JPEG, PNG, WebP or GIF image" in response.content.decode()
    assert Photo.objects.count() == 0
    assert stored_files() == []
    draft.refresh_from_db()
    assert draft.version == version
    assert [kind for _, kind, _ in kinds(draft)] == ["paragraph"] * 3


def test_an_upload_on_a_stale_version_is_refused_with_who_saved(
    client, reporter, draft, user_in
):
    client.force_login(reporter)
    data = inline_upload(draft, jpeg(), "1")
    services.article_save(
        article=draft, expected_version=draft.version, user=user_in("Text Editor")
    )

    response = client.post(change_url(draft), data)

    assert response.status_code == 200
    assert "texteditor saved this article at" in response.content.decode()
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_an_upload_with_a_pair_in_error_stores_nothing(client, reporter, draft):
    client.force_login(reporter)
    data = inline_upload(draft, jpeg(), "1")
    data["blocks-0-kind"] = "photo"  # a photo pair without a photo: refused

    response = client.post(change_url(draft), data)

    assert response.status_code == 200
    assert "A photo block needs a photo." in response.content.decode()
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_a_reporter_corrects_the_caption_of_a_photo_uploaded_for_their_draft(
    client, reporter, draft
):
    client.force_login(reporter)
    client.post(change_url(draft), inline_upload(draft, jpeg(), "1"))
    photo = Photo.objects.get()
    draft.refresh_from_db()
    image_before = photo.image.name
    data = inline_upload(draft, jpeg(), "", caption_en="Corrected caption.")
    data.update(
        {
            "uploaded_photos-INITIAL_FORMS": 1,
            "uploaded_photos-0-id": photo.pk,
            "uploaded_photos-0-uploaded_for": draft.pk,
            "blocks-1-photo": photo.pk,
        }
    )
    # Pair 2 is the photo now; the helper posted it as a paragraph.
    data["blocks-1-kind"] = "photo"

    response = client.post(change_url(draft), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    photo.refresh_from_db()
    assert photo.caption_en == "Corrected caption."
    # The image is the Art Editor's to replace: a file posted with it is ignored.
    assert photo.image.name == image_before
    assert Photo.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "outcome"),
    [
        ("Art Editor", "form"),
        ("Managing Editor", "form"),
        ("Reporter", "sent to the articles"),
        ("Text Editor", "sent to the articles"),
        ("Proofreader", "refused"),
        ("Voice", "refused"),
    ],
)
def test_photos_add_is_the_art_editors_and_uploaders_are_sent_to_their_articles(
    client, user_in, role, outcome
):
    client.force_login(user_in(role))

    response = client.get(reverse("admin:articles_photo_add"), follow=True)

    if outcome == "form":
        assert response.status_code == 200
        assert 'name="image"' in response.content.decode()
    elif outcome == "sent to the articles":
        assert response.redirect_chain == [
            (reverse("admin:articles_article_changelist"), 302)
        ]
        assert "Upload a photo from your article" in response.content.decode()
    else:
        assert response.status_code == 403


def test_a_reporter_may_not_change_a_library_photo(client, reporter):
    photo = make_photo()
    client.force_login(reporter)

    response = client.post(
        reverse("admin:articles_photo_change", args=[photo.pk]),
        {**photo_form(jpeg(600, 400)), "caption_en": "Vandalised."},
    )

    assert response.status_code == 403
    photo.refresh_from_db()
    assert photo.caption_en == "Buses at the Yutong plant."


# The Art Editor's library: replacing a rendition or the image


def rendition(photo, image_format, width):
    return next(
        item
        for item in photo.renditions
        if (item["format"], item["width"]) == (image_format, width)
    )


def replace_form(photo, **fields) -> dict:
    return {
        "caption_en": photo.caption_en,
        "caption_zh_hans": photo.caption_zh_hans,
        "alt_text_en": photo.alt_text_en,
        "alt_text_zh_hans": photo.alt_text_zh_hans,
        **fields,
    }


def test_art_editor_replaces_one_rendition_with_a_crop_of_the_same_size(
    art_editor_client,
):
    photo = make_photo(1200, 800)
    old = rendition(photo, "jpeg", 480)
    crop = Image.new("RGB", (480, 320), RED)
    buffer = io.BytesIO()
    crop.save(buffer, format="PNG")

    response = art_editor_client.post(
        reverse("admin:articles_photo_change", args=[photo.pk]),
        replace_form(
            photo,
            rendition=old["name"],
            rendition_file=SimpleUploadedFile("crop.png", buffer.getvalue()),
        ),
    )

    assert response.status_code == 302
    photo.refresh_from_db()
    new = rendition(photo, "jpeg", 480)
    assert new["name"] != old["name"]
    assert not default_storage.exists(old["name"])
    with default_storage.open(new["name"]) as file:
        stored = Image.open(file)
        assert (stored.format, stored.size) == ("JPEG", (480, 320))
        red, green, blue = stored.convert("RGB").getpixel((240, 160))
        assert red > 200 and blue < 60
    # The others are untouched, and remaking renditions keeps the hand-made one.
    assert rendition(photo, "webp", 480) == rendition(
        Photo.objects.get(pk=photo.pk), "webp", 480
    )
    assert photo_make_renditions(photo) == 0


def test_a_rendition_of_the_wrong_size_is_refused_with_the_size_to_export(
    art_editor_client,
):
    photo = make_photo(1200, 800)
    before = photo.renditions

    response = art_editor_client.post(
        reverse("admin:articles_photo_change", args=[photo.pk]),
        replace_form(
            photo,
            rendition=rendition(photo, "jpeg", 960)["name"],
            rendition_file=SimpleUploadedFile("crop.jpg", jpeg(900, 600)),
        ),
    )

    assert response.status_code == 200
    assert (
        "This rendition is 960 × 640 pixels; the file is 900 × 600"
        in response.content.decode()
    )
    photo.refresh_from_db()
    assert photo.renditions == before
    assert len(stored_files("renditions")) == len(before)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (["rendition"], "choose it and upload its new file"),
        (["rendition_file"], "choose it and upload its new file"),
        (
            ["rendition", "rendition_file", "image"],
            "replace the image or one rendition, not both",
        ),
    ],
)
def test_a_rendition_replacement_needs_a_choice_and_a_file_and_no_new_image(
    art_editor_client, fields, message
):
    photo = make_photo(1200, 800)
    before = photo.renditions
    posted = {
        "rendition": rendition(photo, "jpeg", 480)["name"],
        "rendition_file": SimpleUploadedFile("crop.jpg", jpeg(480, 320)),
        "image": SimpleUploadedFile("new.jpg", jpeg(1000, 500)),
    }

    response = art_editor_client.post(
        reverse("admin:articles_photo_change", args=[photo.pk]),
        replace_form(photo, **{name: posted[name] for name in fields}),
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    photo.refresh_from_db()
    assert photo.renditions == before
    assert (photo.width, photo.height) == (1200, 800)


def test_art_editor_replaces_the_image_and_every_rendition_is_remade(
    art_editor_client,
):
    photo = make_photo(1200, 800)
    before = {item["name"] for item in photo.renditions}

    response = art_editor_client.post(
        reverse("admin:articles_photo_change", args=[photo.pk]),
        replace_form(photo, image=SimpleUploadedFile("new.jpg", jpeg(1000, 500))),
    )

    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (1000, 500)
    after = {item["name"] for item in photo.renditions}
    assert after and not after & before
    assert sorted(stored_files("renditions")) == sorted(after)


def test_a_replaced_rendition_retires_the_stored_page(client, art_editor_client):
    article = ArticleFactory(published=True, slug="retire")
    photo = make_photo(1200, 800)
    BlockFactory(article=article, position=1)
    BlockFactory(
        article=article, position=2, kind=Block.Kind.PHOTO, photo=photo, text_en=""
    )
    # The JPEG every browser without WebP is sent: the <img>'s src.
    old = rendition(photo, "jpeg", 960)["name"]
    assert old in client.get("/en/articles/retire/").content.decode()
    crop = io.BytesIO()
    Image.new("RGB", (960, 640), RED).save(crop, format="JPEG")

    art_editor_client.post(
        reverse("admin:articles_photo_change", args=[photo.pk]),
        replace_form(
            photo,
            rendition=old,
            rendition_file=SimpleUploadedFile("c.jpg", crop.getvalue()),
        ),
    )

    html = client.get("/en/articles/retire/").content.decode()
    assert old not in html
    assert rendition(Photo.objects.get(), "jpeg", 960)["name"] in html


# Choosing a photo by its thumbnail


def test_the_hero_and_pair_choosers_show_the_chosen_photos_thumbnail(
    client, reporter, draft
):
    hero = make_photo(1200, 800)
    draft.hero_photo = hero
    draft.save()
    client.force_login(reporter)

    html = client.get(change_url(draft)).content.decode()

    select = re.search(r'<select name="hero_photo"[^>]*>.*?</select>', html, re.S)
    assert 'class="photo-chooser"' in select.group(0)
    small = default_storage.url(rendition(hero, "jpeg", 480)["name"])
    assert f'data-thumbnail="{small}"' in select.group(0)
    assert re.search(r'<select name="blocks-0-photo"[^>]*class="photo-chooser"', html)
    assert "js/admin-photos.js" in html


def test_the_chooser_search_gives_each_photo_with_its_thumbnail(client, reporter):
    buses = make_photo(1200, 800)
    make_photo(800, 600, caption_en="A river.", alt_text_en="Water.")
    client.force_login(reporter)

    response = client.get(
        reverse("admin:articles_photo_autocomplete"),
        {
            "term": "buses",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "hero_photo",
        },
    )

    assert response.status_code == 200
    assert response.json()["results"] == [
        {
            "id": str(buses.pk),
            "text": "Buses at the Yutong plant.",
            "thumbnail": default_storage.url(rendition(buses, "jpeg", 480)["name"]),
        }
    ]


def test_the_photo_list_styles_its_thumbnails_from_a_file_not_inline(
    art_editor_client,
):
    make_photo(1200, 800)

    html = art_editor_client.get(
        reverse("admin:articles_photo_changelist")
    ).content.decode()

    assert 'class="photo-thumb"' in html
    assert "style=" not in html
    assert "css/admin-photos.css" in html

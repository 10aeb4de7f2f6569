"""The demo publication's logo, drawn with Pillow because the seed has none.

A square PNG of the size the logo field asks for, made once: a publication that
already has a logo keeps it.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from articles.models import Publication

SIZE = 1400
# The site's accent (static/css/site.css), and paper white.
RED = (164, 38, 44)
WHITE = (255, 255, 255)


def draw_logo() -> bytes:
    """Return a PNG: a white Z, for Zhengzhou, in a ring on the site's red."""
    image = Image.new("RGB", (SIZE, SIZE), RED)
    draw = ImageDraw.Draw(image)
    margin, ring = 150, 70
    draw.ellipse(
        [margin, margin, SIZE - margin, SIZE - margin], outline=WHITE, width=ring
    )
    left, right, top, bottom, stroke = 440, 960, 430, 970, 110
    draw.rectangle([left, top, right, top + stroke], fill=WHITE)
    draw.rectangle([left, bottom - stroke, right, bottom], fill=WHITE)
    draw.polygon(
        [
            (right - stroke * 1.3, top + stroke),
            (right, top + stroke),
            (left + stroke * 1.3, bottom - stroke),
            (left, bottom - stroke),
        ],
        fill=WHITE,
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def give_logo(publication: Publication) -> bool:
    """Give `publication` the demo logo unless it has one; return whether it did."""
    if publication.logo and publication.logo.storage.exists(publication.logo.name):
        return False
    publication.logo.save(f"{publication.slug}.png", ContentFile(draw_logo()))
    return True

"""Template access to a photo's renditions, which need the storage to build URLs."""

from django import template

from ..i18n import localized
from ..media.images import photo_sources

register = template.Library()


@register.inclusion_tag("articles/includes/picture.html")
def picture(photo, sizes, css="", decorative=False, eager=False):
    """Render `photo` as a <picture> of its renditions, shown `sizes` wide.

    Its alt text is in the page's language, or empty when the photo is
    `decorative` (a thumbnail beside its story's linked title). An `eager` photo
    is the page's first sight and is fetched first; any other loads when near.
    """
    return {
        "sources": photo_sources(photo),
        "sizes": sizes,
        "css": css,
        "alt": None if decorative else localized(photo, "alt_text"),
        "eager": eager,
    }

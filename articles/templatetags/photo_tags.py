"""Template access to a photo's renditions, which need the storage to build URLs."""

from django import template

from ..media.images import PhotoSources, photo_sources

register = template.Library()


@register.simple_tag
def sources_of(photo) -> PhotoSources:
    """Return the srcsets of `photo`, or its original when it has no renditions."""
    return photo_sources(photo)

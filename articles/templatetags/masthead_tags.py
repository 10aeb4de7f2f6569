"""The site header's data: the publication that signs the site, and the sections."""

from dataclasses import dataclass

from django import template

from ..models import Publication, Section

register = template.Library()


@dataclass(frozen=True)
class Masthead:
    publication: Publication | None
    sections: list[Section]


@register.simple_tag
def masthead() -> Masthead:
    """Return the site's publication (the first one made) and the sections in
    menu order: two queries, whatever the page."""
    publication = Publication.objects.order_by("pk").first()
    return Masthead(publication, list(Section.objects.all()))

"""The article aggregate's admin; importing this package registers every model admin."""

from .article import ArticleAdmin
from .desk import GlossaryTermAdmin, PublicationAdmin, SectionAdmin
from .media import NarrationAdmin, PhotoAdmin

__all__ = [
    "ArticleAdmin",
    "GlossaryTermAdmin",
    "NarrationAdmin",
    "PhotoAdmin",
    "PublicationAdmin",
    "SectionAdmin",
]

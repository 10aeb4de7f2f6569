"""Which fields django-modeltranslation keeps in English and Chinese on one row."""

from modeltranslation.translator import TranslationOptions, register

from .models import Article, Block, Correction, Photo, Publication, Section


@register(Publication)
class PublicationTranslationOptions(TranslationOptions):
    fields = ("name", "producer_line", "studio_line", "rights_notice", "sharing_notice")


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "translation_note")


@register(Block)
class BlockTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("caption", "alt_text")


@register(Correction)
class CorrectionTranslationOptions(TranslationOptions):
    fields = ("note",)

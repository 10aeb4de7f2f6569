from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        import reversion

        from .models import Article, ArticleCredit, Block

        # Registered here, after modeltranslation has added the _en/_zh_hans fields,
        # so revisions keep both languages. An article's revision holds its pairs
        # and credits as well.
        reversion.register(Block)
        reversion.register(ArticleCredit)
        reversion.register(Article, follow=["blocks", "credits"])

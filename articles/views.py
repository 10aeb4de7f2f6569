from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from .checking import article_counts
from .i18n import current_language
from .models import LANGUAGE_CODES, Article


class HomeView(ListView):
    template_name = "articles/home.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().for_listing()


class ArticleDetailView(DetailView):
    """The article in the interface language only: the indexable version."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    mode = "single"

    def get_queryset(self):
        return Article.objects.published().for_detail()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            counts=article_counts(self.object),
            mode=self.mode,
            text_languages=self.text_languages(),
            fallback=self.mode == "single",
            **kwargs,
        )

    def text_languages(self) -> list[str]:
        return [current_language()]


class ArticleDualView(ArticleDetailView):
    """The paired layout: each English block followed by its Chinese translation."""

    template_name = "articles/article_dual.html"
    mode = "dual"

    def text_languages(self) -> list[str]:
        return list(LANGUAGE_CODES)


@require_POST
def editor_upload_refused(request):
    """Refuse uploads through the rich-text editor: photos are added as photo blocks."""
    message = _("Images cannot be uploaded in the text editor; add a photo block.")
    return JsonResponse({"error": {"message": message}}, status=403)

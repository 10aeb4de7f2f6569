"""The public search page: published articles in either language, best match first."""

from urllib.parse import urlencode

from django.utils.translation import gettext as _
from django.views.generic import ListView

from articles.i18n import current_language
from articles.pagination import PageLinks

from .query import MAX_QUERY_LENGTH, RANKED_MATCHES, query_words, search, snippet


class SearchView(ListView):
    template_name = "search/search.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.query = " ".join(self.request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
        return search(self.query, current_language())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            query=self.query,
            max_query_length=MAX_QUERY_LENGTH,
            ranked_matches=RANKED_MATCHES,
            # The language switch keeps the search (never stored: no other reader
            # sees this page).
            page_path=self.request.get_full_path(),
            **kwargs,
        )
        context["pages"] = self.page_links(context["page_obj"])
        words, language = query_words(self.query), current_language()
        for article in context["articles"]:
            article.snippet = snippet(article.search_entry, words, language)
        return context

    def page_links(self, page) -> PageLinks:
        if page is None or not page.has_other_pages():
            return PageLinks()

        def link(number):
            return "?" + urlencode({"q": self.query, "page": number})

        return PageLinks(
            previous_url=link(page.previous_page_number())
            if page.has_previous()
            else "",
            next_url=link(page.next_page_number()) if page.has_next() else "",
            label=_("Page %(number)s of %(count)s")
            % {"number": page.number, "count": page.paginator.num_pages},
        )

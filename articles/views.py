"""The public pages: home, sections, staff, an article in one language or paired."""

from datetime import datetime

from django.conf import settings
from django.db.models import F, Min, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView

from pagecache.pages import last_modified, public_address
from staffcredits.models import StaffMember

from . import seo
from .checking import reading_counts
from .i18n import current_language
from .models import LANGUAGE_CODES, Article, ArticleCredit, Block, Section
from .pagination import NEWER, OLDER, PageLinks, cursor_of, keyset_page
from .rendering import RELATED_SLOT, article_page, find_public

# The reading modes a reader can choose: one language, or the pairs side by side.
DUAL = "dual"
READING_MODES = (*LANGUAGE_CODES, DUAL)
# The reader's last choice, kept for a year; it is a preference, not a secret.
MODE_COOKIE = "newsroom_mode"
MODE_COOKIE_AGE = 365 * 24 * 60 * 60
MORE_IN_SECTION = 4
# Who translated a story is named near its top, with the translation note.
TRANSLATOR = "translator"
# What the "more in this section" aside shows of each story, and nothing more.
ASIDE_FIELDS = (
    "slug",
    "title_en",
    "title_zh_hans",
    "section__name_en",
    "section__name_zh_hans",
)


def mode_url(slug: str, mode: str) -> str:
    """Return the address of an article in a reading mode.

    A single-language mode is the page in that language, chrome included; the
    bilingual mode keeps the interface language the reader is using.
    """
    if mode == DUAL:
        return reverse("articles:dual", kwargs={"slug": slug})
    with translation.override(mode):
        return reverse("articles:detail", kwargs={"slug": slug})


@require_GET
@never_cache
def read(request, slug):
    """Open an article in the reader's remembered mode (bilingual until they choose)."""
    mode = request.COOKIES.get(MODE_COOKIE)
    return HttpResponseRedirect(mode_url(slug, mode if mode in READING_MODES else DUAL))


@require_GET
@never_cache
def choose_mode(request, slug, mode):
    """Remember the reading mode a reader picked and show the article in it.

    A plain link, so switching works without JavaScript; with it, the link also
    carries ?pair=N, the pair the reader was at, and the new page opens there.
    """
    if mode not in READING_MODES:
        raise Http404
    url = mode_url(slug, mode)
    pair = request.GET.get("pair", "")
    if pair.isascii() and pair.isdigit():
        url += f"#pair-{int(pair)}"
    response = HttpResponseRedirect(url)
    response.set_cookie(
        MODE_COOKIE,
        mode,
        max_age=MODE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


# Stories the front page shows under each section's heading, chosen among the
# newest stories of all: weeks of a desk's work, and a front page that costs the
# same however long the archive.
FRONT_PER_SECTION = 4
FRONT_CHOSEN_AMONG = 200


def listed():
    """Return the public stories with some text in the page's language, newest
    first, with the section and the hero photo a list item shows."""
    return (
        Article.objects.published()
        .written_in(current_language())
        .for_listing()
        .select_related("hero_photo")
    )


def front_page(per_section: int = FRONT_PER_SECTION):
    """Return the lead story and each section's newest others, in one query.

    The lead is the newest story; the sections come in their menu order, the
    stories without a section last; a section with nothing among the newest
    FRONT_CHOSEN_AMONG stories is left out (its page and the menu still have it).
    """
    place = Window(
        RowNumber(),
        partition_by=[F("section_id")],
        order_by=[F("first_published_at").desc(), F("pk").desc()],
    )
    newest = listed().values("pk")[:FRONT_CHOSEN_AMONG]
    # One more per section than shown: the lead may be one of its section's.
    stories = list(
        Article.objects.filter(pk__in=newest)
        .for_listing()
        .select_related("hero_photo")
        .annotate(place=place)
        .filter(place__lte=per_section + 1)
    )
    if not stories:
        return None, []
    lead, groups = stories[0], {}
    for article in stories[1:]:
        groups.setdefault(article.section_id, []).append(article)
    ordered = sorted(groups.values(), key=lambda group: _menu_place(group[0].section))
    return lead, [(group[0].section, group[:per_section]) for group in ordered]


def _menu_place(section) -> tuple:
    """Sort key of a section as the menu orders them; no section comes last."""
    return (1, 0, "") if section is None else (0, section.order, section.slug)


class ListingView(ListView):
    """Published articles, newest first, a page at a time by keyset cursor.

    Only those with something in the page's language: a reader of one language
    is not sent to a story that has nothing in it.
    """

    context_object_name = "articles"
    page_size = 20

    def get_queryset(self):
        return listed()

    def get_context_data(self, **kwargs):
        page = keyset_page(self.object_list, self.request.GET, size=self.page_size)
        return super().get_context_data(
            object_list=page.items,
            pages=page.links,
            page_path=public_address(self.request),
            **kwargs,
        )


class HomeView(ListingView):
    """The front page: the lead story with its photo, then each section's newest.

    Its "earlier stories" link leads to the archive, the home address with a
    cursor, a plain list a page at a time.
    """

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        if OLDER in self.request.GET or NEWER in self.request.GET:
            return super().get_context_data(**kwargs)
        lead, sections = front_page()
        earlier = f"?{OLDER}={cursor_of(lead)}" if sections else ""
        return {
            "view": self,
            "front": True,
            "lead": lead,
            "sections": sections,
            "pages": PageLinks(next_url=earlier, next_label=_("Earlier stories")),
            "page_path": public_address(self.request),
            **kwargs,
        }


class SectionView(ListingView):
    template_name = "articles/section.html"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section, current_section=self.section, **kwargs
        )


class StaffView(ListingView):
    """Everything a person is credited on, newest first, with their roles."""

    template_name = "staffcredits/staff_detail.html"

    def get_queryset(self):
        self.member = get_object_or_404(StaffMember, slug=self.kwargs["slug"])
        credited = ArticleCredit.objects.filter(member=self.member).values("article")
        return super().get_queryset().filter(pk__in=credited)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(member=self.member, **kwargs)
        articles = context["articles"]
        roles: dict[int, list] = {article.pk: [] for article in articles}
        for credit in ArticleCredit.objects.filter(
            member=self.member, article__in=articles
        ).select_related("role"):
            roles[credit.article_id].append(credit.role)
        context["entries"] = [
            (article, sorted(roles[article.pk], key=lambda role: role.order))
            for article in articles
        ]
        return context


class ArticleDetailView(DetailView):
    """The article in the interface language only: the indexable version.

    Served from the page stored with the article (articles/rendering.py) while
    nothing it shows has changed: one query, with no cache at all.
    """

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    mode = "single"

    def get(self, request, slug):
        language = translation.get_language()
        found = find_public(slug, language, self.mode)
        if found is None:
            raise Http404
        page, rendered_at = article_page(
            found,
            language,
            self.mode,
            render_page=lambda: self.render_page(found.pk),
            render_aside=lambda: self.render_related(found),
        )
        response = HttpResponse(page)
        # When the page was rendered, not when the article was saved: the page also
        # shows photos, people and other stories, which change on their own.
        last_modified(response, rendered_at.timestamp())
        return response

    def render_page(self, pk: int) -> str:
        self.object = get_object_or_404(Article.objects.published().for_detail(), pk=pk)
        context = self.get_context_data(object=self.object, related_slot=RELATED_SLOT)
        return render_to_string(self.get_template_names(), context, self.request)

    def render_related(self, article) -> tuple[str, datetime | None]:
        """The newest other stories in the article's section, and until when they
        are: when the section's next scheduled story goes public."""
        if article.section_id is None:
            return "", None
        section = Article.objects.filter(section_id=article.section_id)
        now = timezone.now()  # one moment: a story going live meanwhile is in one
        others = list(
            section.published(now)
            .exclude(pk=article.pk)
            .for_listing()
            .only(*ASIDE_FIELDS)[:MORE_IN_SECTION]
        )
        context = {"articles": others, "section": others[0].section if others else None}
        html = render_to_string(
            "articles/includes/more_in_section.html", context, self.request
        )
        return html, section.scheduled(now).aggregate(at=Min("publish_at"))["at"]

    def get_context_data(self, **kwargs):
        article = self.object
        text_languages = self.text_languages()
        return super().get_context_data(
            counts=reading_counts(article, text_languages),
            mode=self.mode,
            reading_mode=self.mode if self.mode == DUAL else current_language(),
            text_languages=text_languages,
            fallback=self.mode == "single",
            voice_role=article.voice_role(),
            reporters=article.reporters(),
            translators=article.credited(TRANSLATOR),
            has_photos=bool(article.hero_photo_id)
            or any(block.kind == Block.Kind.PHOTO for block in article.blocks.all()),
            **kwargs,
        )

    def text_languages(self) -> list[str]:
        return [current_language()]


class ArticleDualView(ArticleDetailView):
    """The paired layout: each English block followed by its Chinese translation."""

    template_name = "articles/article_dual.html"
    mode = DUAL

    def text_languages(self) -> list[str]:
        return list(LANGUAGE_CODES)


def qr_code(request, slug):
    """The QR code of a public article's address in this language, as an SVG file.

    A file of its own rather than inline in the page: a browser or CDN keeps it
    while the page around it changes, and the page is lighter by its size.
    """
    article = get_object_or_404(Article.objects.published().only("slug"), slug=slug)
    url = seo.article_url(article, current_language(), settings.SITE_URL)
    return HttpResponse(seo.qr_svg(url), content_type="image/svg+xml")


@require_POST
def editor_upload_refused(request):
    """Refuse uploads through the rich-text editor: photos are added as photo blocks."""
    message = _("Images cannot be uploaded in the text editor; add a photo block.")
    return JsonResponse({"error": {"message": message}}, status=403)

"""The WeChat export in the admin: a page with the fields to copy, and downloads.

Kept apart from `admin.py`: `ArticleAdmin.get_urls` adds these views with
`*admin_wechat.get_urls(self)`, and they check access the way its other article
pages do (`has_view_or_change_permission`), so whoever may read an article in
the admin may export it once it is approved or published.
"""

import tempfile
from functools import partial, wraps

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from wechat import export as wechat

from .models import Article

# A zip larger than this is written to a temporary file rather than kept in memory.
ZIP_IN_MEMORY = 16 * 1024 * 1024
# The export is styled inline only, as WeChat wants, which the site's own policy
# forbids; the page carries its own: inline styles and our images, no scripts, and
# framed by nothing but our own pages (the preview).
DOCUMENT_POLICY = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; "
    "frame-ancestors 'self'"
)


def _export(request: HttpRequest, pk: int, model_admin: ModelAdmin):
    """Return the article and its export, refused as the other article pages do."""
    article = get_object_or_404(Article.objects.for_detail(), pk=pk)
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    return article, wechat.build_export(article)


def exportable_only(view):
    """Send the editor back to the article, saying why, when it cannot be exported."""

    @wraps(view)
    def wrapped(request, pk, *args, **kwargs):
        try:
            return view(request, pk, *args, **kwargs)
        except wechat.NotExportable as refusal:
            messages.error(request, str(refusal))
            return redirect(reverse("admin:articles_article_change", args=[pk]))

    return wrapped


@exportable_only
def export_page(request, pk, *, model_admin):
    """Show the fields to copy with their lengths, a preview and the downloads."""
    article, export = _export(request, pk, model_admin)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": article,
        "title": _("WeChat export"),
        "export": export,
        "fields": export.fields(),
    }
    return TemplateResponse(
        request, "admin/articles/article/wechat_export.html", context
    )


@exportable_only
def document(request, pk, *, model_admin, download):
    """Return `article.html`: to download, or shown in the export page's preview."""
    _article, export = _export(request, pk, model_admin)
    response = HttpResponse(export.document(), content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = DOCUMENT_POLICY
    if download:
        response["Content-Disposition"] = (
            f'attachment; filename="{export.slug}-wechat.html"'
        )
    else:
        response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@exportable_only
def download_images(request, pk, *, model_admin):
    """Download the article's images, in article order, in one zip."""
    _article, export = _export(request, pk, model_admin)
    file = tempfile.SpooledTemporaryFile(max_size=ZIP_IN_MEMORY)
    wechat.write_images_zip(export, file)
    file.seek(0)
    return FileResponse(
        file,
        as_attachment=True,
        filename=f"{export.slug}-wechat-images.zip",
        content_type="application/zip",
    )


@exportable_only
def image(request, pk, filename, *, model_admin):
    """Serve one exported image under its export name, for the page's preview."""
    _article, export = _export(request, pk, model_admin)
    found = next((i for i in export.images if i.filename == filename), None)
    if found is None:
        raise Http404
    return FileResponse(wechat.open_image(found), filename=found.filename)


def get_urls(model_admin: ModelAdmin) -> list[URLPattern]:
    """Return the export's admin URLs, to list before the ModelAdmin's own."""

    def view(function, route, name):
        return path(
            route,
            model_admin.admin_site.admin_view(
                partial(function, model_admin=model_admin)
            ),
            name=f"articles_article_{name}",
        )

    # The preview's <img src="images/01.jpg"> resolves next to preview.html.
    return [
        view(export_page, "<int:pk>/wechat/", "wechat"),
        view(
            partial(document, download=False),
            "<int:pk>/wechat/preview.html",
            "wechat_preview",
        ),
        view(
            partial(document, download=True),
            "<int:pk>/wechat/article.html",
            "wechat_html",
        ),
        view(download_images, "<int:pk>/wechat/images.zip", "wechat_images"),
        view(image, "<int:pk>/wechat/images/<str:filename>", "wechat_image"),
    ]

"""The WeChat export's pages in the admin: the fields to copy, a preview, downloads.

`urls(site)` gives them to newsroom/urls.py, which lists them in the admin's
namespace under the article admin's path (`admin:articles_article_wechat`…).
Access is the article admin's: whoever may read an article there may export it.
"""

import tempfile
from functools import partial, wraps

from django.contrib import messages
from django.contrib.admin import AdminSite, ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from articles.models import Article

from .export import NotExportable, build_export, open_image, write_images_zip

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
    article = get_object_or_404(
        Article.objects.readable_by(request.user).for_detail(), pk=pk
    )
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    return article, build_export(article)


def exportable_only(view):
    """Send the editor back to the article, saying why, when it cannot be exported."""

    @wraps(view)
    def wrapped(request, pk, *args, **kwargs):
        try:
            return view(request, pk, *args, **kwargs)
        except NotExportable as refusal:
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
    return TemplateResponse(request, "admin/wechat/export.html", context)


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
    write_images_zip(export, file)
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
    return FileResponse(open_image(found), filename=found.filename)


def urls(site: AdminSite) -> list[URLPattern]:
    """Return the export's admin URLs, to list before the admin's own.

    Before, because the article admin's catch-all would take them; they are named
    and placed as the article admin's own pages are, so that its breadcrumbs,
    redirects and permissions apply.
    """
    model_admin = site.get_model_admin(Article)
    opts = Article._meta

    def view(function, route, name):
        return path(
            f"{opts.app_label}/{opts.model_name}/{route}",
            site.admin_view(partial(function, model_admin=model_admin)),
            name=f"{opts.app_label}_{opts.model_name}_{name}",
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

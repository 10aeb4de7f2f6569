"""The project's URLs: the admin (with apps' admin pages), the API, feeds, the site."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.views import keep_alive
from articles.syndication.sitemaps import NEWS_SITEMAPS, SITEMAPS, robots_txt
from articles.views import editor_upload_refused
from wechat.admin import urls as wechat_admin_urls

admin.site.site_header = _("Newsroom")
admin.site.site_title = _("Newsroom")
# Pairs are edited side by side; the sidebar would take the width both languages need.
admin.site.enable_nav_sidebar = False

# Pages an app adds to another app's model admin (the WeChat export of an article)
# join the admin's own URLs: in its namespace, so they are reversed as admin:…, and
# first, before the model admins' catch-all routes.
admin_urls, admin_app_name, admin_namespace = admin.site.urls
admin_urls = [*wechat_admin_urls(admin.site), *admin_urls]

urlpatterns = [
    path("admin/editor-upload/", editor_upload_refused, name="editor-upload-refused"),
    path("admin/keep-alive/", keep_alive, name="session-keep-alive"),
    path("admin/", (admin_urls, admin_app_name, admin_namespace)),
    path("api/v1/", include("partners.urls")),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-news.xml",
        sitemap,
        {"sitemaps": NEWS_SITEMAPS, "template_name": "articles/sitemap_news.xml"},
        name="sitemap-news",
    ),
]
urlpatterns += i18n_patterns(
    path("", include("articles.urls")),
    path("search/", include("search.urls")),
)
# Errors under /api/v1/ answer in the API's JSON error shape.
handler400 = "partners.errors.bad_request"
handler403 = "partners.errors.permission_denied"
handler404 = "partners.errors.page_not_found"
handler500 = "partners.errors.server_error"
# Uploaded media in development only (static() is a no-op when DEBUG is off).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

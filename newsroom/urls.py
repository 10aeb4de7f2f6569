from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from articles.views import editor_upload_refused

urlpatterns = [
    path("admin/editor-upload/", editor_upload_refused, name="editor-upload-refused"),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(path("", include("articles.urls")))
# Uploaded media in development only (static() is a no-op when DEBUG is off).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

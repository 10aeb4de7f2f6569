"""The site's URLs with the admin as Django makes it: no WeChat export pages."""

from django.contrib import admin
from django.urls import path

from newsroom import urls as site

urlpatterns = [
    path("admin/", admin.site.urls),
    *(pattern for pattern in site.urlpatterns if str(pattern.pattern) != "admin/"),
]

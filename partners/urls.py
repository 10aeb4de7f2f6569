"""The partner API's addresses under /api/v1/."""

from django.urls import path

from . import api

app_name = "partners"

urlpatterns = [
    path("articles/", api.article_list, name="articles"),
    path("articles/<int:pk>/", api.article_detail, name="article"),
    path("openapi.json", api.openapi_document, name="openapi"),
]

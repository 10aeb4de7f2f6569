"""The partner API's addresses under /api/v1/."""

from django.urls import path

from . import api

app_name = "partners"

urlpatterns = [
    path("articles/", api.article_list, name="articles"),
    path("articles/<int:pk>/", api.article_detail, name="article"),
    # No trailing slash: these are the `uri`s partners have stored since before
    # the addresses were served.
    path("photos/<int:pk>", api.photo_detail, name="photo"),
    path("narrations/<int:pk>", api.narration_detail, name="narration"),
    path("openapi.json", api.openapi_document, name="openapi"),
]

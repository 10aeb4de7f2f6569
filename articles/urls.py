from django.urls import path

from . import preview, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("articles/<slug:slug>/dual/", views.ArticleDualView.as_view(), name="dual"),
    path("preview/<str:token>/", preview.shared_preview, name="shared-preview"),
]

"""The search page's address, /<lang>/search/ (included under i18n_patterns)."""

from django.urls import path

from .views import SearchView

app_name = "search"

urlpatterns = [path("", SearchView.as_view(), name="search")]

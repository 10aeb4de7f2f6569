"""The public site's addresses under each language prefix: home, sections, articles."""

from django.urls import path

from pagecache.pages import public_page

from . import preview, views
from .syndication import feeds

app_name = "articles"

urlpatterns = [
    path("", public_page()(views.HomeView.as_view()), name="home"),
    path(
        "sections/<slug:slug>/",
        public_page()(views.SectionView.as_view()),
        name="section",
    ),
    path("staff/<slug:slug>/", public_page()(views.StaffView.as_view()), name="staff"),
    path(
        "articles/<slug:slug>/",
        public_page()(views.ArticleDetailView.as_view()),
        name="detail",
    ),
    path(
        "articles/<slug:slug>/dual/",
        public_page()(views.ArticleDualView.as_view()),
        name="dual",
    ),
    path(
        "articles/<slug:slug>/qr.svg",
        public_page()(views.qr_code),
        name="qr-code",
    ),
    path("articles/<slug:slug>/read/", views.read, name="read"),
    path(
        "articles/<slug:slug>/read/<str:mode>/", views.choose_mode, name="choose-mode"
    ),
    path("feeds/rss/", public_page()(feeds.LatestArticlesRss()), name="feed-rss"),
    path("feeds/atom/", public_page()(feeds.LatestArticlesAtom()), name="feed-atom"),
    path(
        "feeds/bilingual/",
        public_page()(feeds.BilingualArticlesAtom()),
        name="feed-bilingual",
    ),
    path("preview/<str:token>/", preview.shared_preview, name="shared-preview"),
]

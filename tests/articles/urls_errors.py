"""A URL that fails, to see the page readers get when the server breaks."""

from django.urls import path


def fail(request):
    raise RuntimeError("a bug readers must not see the details of")


urlpatterns = [path("boom/", fail)]

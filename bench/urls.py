"""The site's URLs plus /bench/ok/: the floor, a view that does nothing.

It answers through the same middleware stack and gunicorn workers as the pages,
so the difference between the two is what our pages cost.
"""

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns


def ok(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/ok/", ok, name="bench-ok"), *site_urlpatterns]

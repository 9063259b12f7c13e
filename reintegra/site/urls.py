from django.urls import re_path
from wagtail.urls import serve_pattern

from reintegra.site import views

# Wagtail reverses "wagtail_serve" to build page URLs; this is the catch-all, included last.
urlpatterns = [
    re_path(serve_pattern, views.public_serve, name="wagtail_serve"),
]

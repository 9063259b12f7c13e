from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path
from wagtail.documents.views import serve as document_views
from wagtail.urls import serve_pattern

from reintegra.accounts.middleware import mfa_exempt
from reintegra.site import views

# Wagtail reverses "wagtail_serve" to build page URLs; this is the catch-all, included last.
urlpatterns = [
    # The document library's downloads: files editors publish for everyone (no personal data).
    path(
        "documents/<int:document_id>/<str:document_filename>",
        login_not_required(mfa_exempt(document_views.serve)),
        name="wagtaildocs_serve",
    ),
    re_path(serve_pattern, views.public_serve, name="wagtail_serve"),
]

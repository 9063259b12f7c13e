"""Editors manage the document library's publications as snippets in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from reintegra.site.library import Publication


class PublicationViewSet(SnippetViewSet):
    model = Publication
    icon = "doc-full"
    menu_label = _("Publications")
    add_to_admin_menu = True
    list_display = ["title", "kind", "date", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["title", "summary"]


register_snippet(PublicationViewSet)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "reintegra.site"
    label = "public_site"
    verbose_name = _("Public knowledge platform")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from reintegra.site.structure import connect_structure_signals

        connect_structure_signals()

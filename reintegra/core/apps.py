from django.apps import AppConfig
from django.core import checks


class CoreConfig(AppConfig):
    name = "reintegra.core"
    label = "core"

    def ready(self) -> None:
        from reintegra.core.checks import check_field_encryption_keys

        checks.register(check_field_encryption_keys, checks.Tags.security)

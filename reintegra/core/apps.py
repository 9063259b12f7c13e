from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "reintegra.core"
    label = "core"

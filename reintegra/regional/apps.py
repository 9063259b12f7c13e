from django.apps import AppConfig


class RegionalConfig(AppConfig):
    name = "reintegra.regional"
    label = "regional"
    verbose_name = "Regional events"

from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "reintegra.coordination"
    label = "coordination"
    verbose_name = "Multi-agency coordination"

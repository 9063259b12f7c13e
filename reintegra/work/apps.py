from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "reintegra.work"
    label = "work"
    verbose_name = "My work"

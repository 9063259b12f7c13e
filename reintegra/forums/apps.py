from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "reintegra.forums"
    label = "forums"
    verbose_name = "Local coordination forums"

from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "reintegra.organisations"
    label = "organisations"

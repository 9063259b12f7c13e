from django.apps import AppConfig


class InstrumentsConfig(AppConfig):
    name = "reintegra.instruments"
    label = "instruments"
    verbose_name = "Instrument registry"

from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "reintegra.training"
    label = "training"
    verbose_name = "Capacity building"

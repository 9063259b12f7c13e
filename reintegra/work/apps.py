from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "reintegra.work"
    label = "work"
    verbose_name = "My work"

    def ready(self) -> None:
        from reintegra.work.providers import task_work_items
        from reintegra.work.registry import register_work_provider

        register_work_provider(task_work_items)

from django.apps import AppConfig


class ProbationConfig(AppConfig):
    name = "reintegra.probation"
    label = "probation"
    verbose_name = "Probation supervision"

    def ready(self) -> None:
        from reintegra.people.sections import register_person_section
        from reintegra.probation.providers import contact_work_items
        from reintegra.probation.sections import supervision_section
        from reintegra.probation.services import supervision_open_on_release
        from reintegra.release.hooks import register_release_listener
        from reintegra.work.registry import register_work_provider

        register_person_section(supervision_section)
        register_work_provider(contact_work_items)
        register_release_listener(supervision_open_on_release)

from django.apps import AppConfig


class ObservationsConfig(AppConfig):
    name = "reintegra.observations"
    label = "observations"
    verbose_name = "Dynamic-security observations"

    def ready(self) -> None:
        from reintegra.observations.sections import observation_section
        from reintegra.people.sections import register_person_section

        register_person_section(observation_section)

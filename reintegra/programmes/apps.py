from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "reintegra.programmes"
    label = "programmes"
    verbose_name = "Programmes, workshops and occupational therapy"

    def ready(self) -> None:
        from reintegra.people.sections import register_person_section
        from reintegra.programmes.providers import session_attendance_items
        from reintegra.programmes.sections import programme_section
        from reintegra.work.registry import register_work_provider

        register_person_section(programme_section)
        register_work_provider(session_attendance_items)

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "reintegra.assessments"
    label = "assessments"

    def ready(self) -> None:
        from reintegra.assessments.sections import assessment_section
        from reintegra.people.sections import register_person_section

        register_person_section(assessment_section)

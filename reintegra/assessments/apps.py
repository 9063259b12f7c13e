from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "reintegra.assessments"
    label = "assessments"

    def ready(self) -> None:
        from reintegra.assessments.providers import review_work_items
        from reintegra.assessments.sections import assessment_section
        from reintegra.people.sections import register_person_section
        from reintegra.work.registry import register_work_provider

        register_person_section(assessment_section)
        register_work_provider(review_work_items)

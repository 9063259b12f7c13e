from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "reintegra.plans"
    label = "plans"
    verbose_name = "Rehabilitation and treatment plans"

    def ready(self) -> None:
        from reintegra.people.sections import register_person_section
        from reintegra.plans.sections import plan_section

        register_person_section(plan_section)

from django.apps import AppConfig


class AllocationsConfig(AppConfig):
    name = "reintegra.allocations"
    label = "allocations"
    verbose_name = "Allocation decisions"

    def ready(self) -> None:
        from reintegra.allocations.sections import allocation_section
        from reintegra.people.sections import register_person_section

        register_person_section(allocation_section)

from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "reintegra.coordination"
    label = "coordination"
    verbose_name = "Multi-agency coordination"

    def ready(self) -> None:
        from reintegra.coordination.providers import referral_work_items
        from reintegra.coordination.recorders import lower_layer_disclosure_record
        from reintegra.coordination.sections import disclosures_section
        from reintegra.core.disclosures import register_disclosure_recorder
        from reintegra.people.sections import register_person_section
        from reintegra.work.registry import register_work_provider

        register_person_section(disclosures_section)
        register_work_provider(referral_work_items)
        register_disclosure_recorder(lower_layer_disclosure_record)

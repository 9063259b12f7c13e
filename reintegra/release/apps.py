from django.apps import AppConfig


class ReleaseConfig(AppConfig):
    name = "reintegra.release"
    label = "release"
    verbose_name = "Preparation for release"

    def ready(self) -> None:
        from reintegra.people.sections import register_person_section
        from reintegra.release.sections import release_section

        register_person_section(release_section)

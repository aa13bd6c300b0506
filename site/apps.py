from django.apps import AppConfig


class TheCenConfig(AppConfig):
    """The project itself: project-wide management commands (demo content)."""

    name = "thecen"
    verbose_name = "The CEN"

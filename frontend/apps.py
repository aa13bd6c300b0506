from django.apps import AppConfig


class FrontendConfig(AppConfig):
    """Templates, static files and presentation-only template tags."""

    name = "frontend"

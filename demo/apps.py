from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for `make run` (`manage.py load_demo`): Korean stories, partners and goods."""

    name = "demo"
    verbose_name = "Demo"

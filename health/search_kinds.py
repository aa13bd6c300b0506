"""Health groups in the site search (see search/registry.py)."""

from django.utils.translation import gettext_lazy as _

from health.models import HealthGroupPage
from search.kinds import PageBuilder
from search.registry import registry


@registry.register
class HealthGroupBuilder(PageBuilder):
    kind = "health_group"
    label = _("Health group")
    model = HealthGroupPage
    db_fields = ["title", "lead", "search_description", "place_name"]

    def page_fields(self, page):
        return {
            "body": " ".join(filter(None, [page.lead, page.search_description])),
            "tags": " ".join([page.get_theme_display(), page.place_name, page.leader_name]),
            "region": page.region,
        }

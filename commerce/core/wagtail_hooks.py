"""The operating principles and ethics code, edited as snippets with revisions."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PolicyText


class PolicyTextViewSet(SnippetViewSet):
    model = PolicyText
    icon = "doc-full"
    menu_label = _("Principles and ethics")
    add_to_admin_menu = True
    menu_order = 290
    list_display = ["title", "version_label", "live"]
    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("version_label"),
        FieldPanel("body"),
    ]


register_snippet(PolicyTextViewSet)

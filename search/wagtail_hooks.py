from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SearchSynonym
from search.views.admin import SearchQueriesView


@hooks.register("register_admin_urls")
def search_admin_urls():
    return [path("search-queries/", SearchQueriesView.as_view(), name="search_queries")]


@hooks.register("register_reports_menu_item")
def search_queries_menu_item():
    # Every editor who can open the admin may see what readers look for.
    return MenuItem(_("Search queries"), reverse("search_queries"), icon_name="search", order=900)


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_admin_menu = False
    list_display = ["terms"]
    search_fields = ["terms"]


register_snippet(SearchSynonymViewSet)

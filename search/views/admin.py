"""What readers searched for, for editors in the Wagtail admin (Reports menu)."""

from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from search.models import SearchQuery


class SearchQueriesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/search_queries.html"
    page_title = _("Search queries")
    header_icon = "search"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["recent"] = SearchQuery.objects.all()[:50]
        ctx["unanswered"] = (
            SearchQuery.objects.filter(result_count=0)
            .values("query")
            .annotate(times=Count("id"), last=Max("created_at"))
            .order_by("-times", "-last")[:20]
        )
        return ctx

"""The site search page (/search/) and its suggestions endpoint."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.views import View
from django.views.generic import TemplateView

from search.query import SORTS, SearchRequest
from search.selectors import popular_queries, search_run, suggestions
from search.services import search_query_record


class SearchView(TemplateView):
    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        request = SearchRequest.from_querydict(self.request.GET)
        results = search_run(request)
        # Record what readers type, not every facet click or page turn on it.
        if request.q and request.page == 1 and not request.filters:
            search_query_record(
                query=request.q, result_count=results.total, backend=results.backend
            )
        ctx.update(
            {
                "search": request,
                "results": results,
                "sorts": [
                    (key, label, request.url(sort=key, page=None))
                    for key, (label, _order) in SORTS.items()
                ],
                "sort_label": SORTS[request.sort][0],
                "page_links": [
                    (n, results.page_url(n))
                    for n in range(
                        max(1, request.page - 4), min(results.num_pages, request.page + 4) + 1
                    )
                ],
                "previous_url": results.page_url(request.page - 1),
                "next_url": results.page_url(request.page + 1),
                "clear_url": "?" + urlencode({"q": request.q}) if request.q else "?",
                "first_number": (request.page - 1) * request.per_page + 1,
                "popular": [] if results.hits else popular_queries(),
            }
        )
        return ctx


class SuggestView(View):
    def get(self, request):
        return JsonResponse(
            {"suggestions": suggestions(request.GET.get("q", ""))},
            json_dumps_params={"ensure_ascii": False},
        )

"""What search engines and feed readers find: products in the sitemap, robots.txt, and an RSS
feed of the latest stories."""

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")

# Areas that are personal, transactional or for staff: not for search engines.
ROBOTS_DISALLOW = [
    "/basket/",
    "/checkout/",
    "/accounts/",
    "/dashboard/",
    "/cms/",
    "/django-admin/",
    "/search/",
    "/health/results/",
    "/mc/dashboard/",
]


class ProductSitemap(Sitemap):
    """Public, browsable goods and services (Oscar's catalogue pages)."""

    changefreq = "daily"
    priority = 0.6
    limit = 5000

    def items(self):
        return (
            Product.objects.browsable()
            .filter(is_public=True)
            .only("pk", "slug", "date_updated")
            .order_by("pk")
        )

    def lastmod(self, product):
        return product.date_updated


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
    lines += ["", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


class StoryFeed(Feed):
    """The twenty latest live stories (RSS 2.0), linked from every page's head."""

    title = _("The CEN stories")
    description = _("Stories of Korea's cooperatives and social enterprises")

    def link(self):
        return "/"

    def feed_url(self):
        return reverse("story-feed")

    def items(self):
        StoryPage = apps.get_model("cms_pages", "StoryPage")
        return StoryPage.objects.live().public().specific().order_by("-first_published_at")[:20]

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return getattr(story, "lead", "") or story.search_description

    def item_link(self, story):
        return story.get_url()

    def item_pubdate(self, story):
        return story.first_published_at

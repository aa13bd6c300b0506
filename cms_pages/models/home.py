"""The editorial front page: editors choose, and sensible fallbacks fill the gaps."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms_pages import selectors
from cms_pages.models.mixins import SeoMixin
from cms_pages.models.stories import StoryIndexPage
from cms_pages.models.taxonomy import ServiceGroup

FEATURED_STORIES = 6
FEATURED_ENTERPRISES = 6
LATEST_PRODUCTS = 8


def _chosen(stream):
    """The live pages chosen in a StreamField of page choosers, in the editor's order."""
    return [block.value for block in stream if block.value is not None and block.value.live]


def _fill(chosen, fallback, count):
    chosen_ids = {page.pk for page in chosen}
    extra = [page for page in fallback[: count + len(chosen)] if page.pk not in chosen_ids]
    return (chosen + extra)[:count]


class HomePage(SeoMixin, Page):
    """The editorial front page."""

    intro = RichTextField(_("introduction"), blank=True)
    featured_stories = StreamField(
        [("story", blocks.PageChooserBlock(page_type="cms_pages.StoryPage", label=_("Story")))],
        blank=True,
        verbose_name=_("featured stories"),
    )
    featured_campaigns = StreamField(
        [
            (
                "campaign",
                blocks.PageChooserBlock(page_type="cms_pages.CampaignPage", label=_("Campaign")),
            )
        ],
        blank=True,
        verbose_name=_("featured campaigns"),
    )
    featured_events = StreamField(
        [("event", blocks.PageChooserBlock(page_type="cms_pages.EventPage", label=_("Event")))],
        blank=True,
        verbose_name=_("featured events"),
    )
    featured_enterprises = StreamField(
        [
            (
                "enterprise",
                blocks.PageChooserBlock(
                    page_type="cms_pages.EnterprisePage", label=_("Enterprise")
                ),
            )
        ],
        blank=True,
        verbose_name=_("featured enterprises"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("featured_stories"),
                FieldPanel("featured_campaigns"),
                FieldPanel("featured_events"),
                FieldPanel("featured_enterprises"),
            ],
            heading=_("Curation (empty slots are filled automatically)"),
        ),
    ]
    subpage_types = [
        "cms_pages.StoryIndexPage",
        "cms_pages.EnterpriseIndexPage",
        "cms_pages.CampaignIndexPage",
        "cms_pages.EventIndexPage",
        "health.HealthCheckPage",
        "health.HealthGroupIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Fallback lists are fetched no longer than they can be used: every page instance
        # costs (Wagtail pages are clusterable models).
        chosen_stories = _chosen(self.featured_stories)
        stories = _fill(
            chosen_stories,
            list(selectors.story_list()[: FEATURED_STORIES + len(chosen_stories)]),
            FEATURED_STORIES,
        )
        campaigns = [c for c in _chosen(self.featured_campaigns) if c.is_running()] or list(
            selectors.campaigns_current()[:3]
        )
        now = timezone.now()
        events = [e for e in _chosen(self.featured_events) if e.ends_at >= now]
        events = events or list(selectors.events_upcoming(now=now)[:3])
        chosen_enterprises = _chosen(self.featured_enterprises)
        enterprises = _fill(
            chosen_enterprises,
            list(selectors.enterprise_list()[: FEATURED_ENTERPRISES + len(chosen_enterprises)]),
            FEATURED_ENTERPRISES,
        )
        latest = selectors.latest_product_ids(limit=LATEST_PRODUCTS)
        catalogue = selectors.shoppable_catalogue(request=request, product_ids=latest)
        story_index = StoryIndexPage.objects.child_of(self).live().first()
        context.update(
            stories=stories,
            campaigns=campaigns,
            events=events,
            enterprises=enterprises,
            story_index=story_index,
            service_groups=ServiceGroup.choices,
            new_offers=[o for o in catalogue.offers_for(latest) if o is not None],
        )
        return context

    def json_ld(self, request):
        return {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": self.get_site().site_name or self.title,
            "url": self.get_full_url(request),
            "inLanguage": "ko-KR",
        }

    def route(self, request, path_components):
        """Find a page below the home page in two queries instead of two per level.

        Wagtail walks the tree one level at a time (a query for each child, another for its
        specific class). Every page's url_path is stored, so all the candidate pages along
        the URL are fetched at once and the deepest is loaded as its own class. Pages with
        routes of their own (RoutablePageMixin: an event's registration, a health check's
        steps) keep precedence: the walk is handed back to Wagtail at the first such page,
        so what a URL resolves to is exactly what Wagtail's routing would give. A page class
        may name in `route_select_related` what it always shows (hero image, author...), to
        have it joined into the same query.
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes, url_path = [], self.url_path
        for component in path_components:
            url_path += component + "/"
            prefixes.append(url_path)
        found = {
            page.url_path: page
            for page in Page.objects.filter(
                url_path__in=prefixes, path__startswith=self.path, depth__gt=self.depth
            ).only("url_path", "path", "depth", "content_type_id", "live", "locale_id")
        }
        chain, target_model = [self], None
        for prefix in prefixes:
            page = found.get(prefix)
            if page is None or page.depth != chain[-1].depth + 1:
                break
            target_model = ContentType.objects.get_for_id(page.content_type_id).model_class()
            if target_model is None:
                break
            chain.append(page)
            if target_model.route is not Page.route:
                break  # its own sub-routes come first: let it route the rest
        if len(chain) == 1:
            return super().route(request, path_components)
        related = getattr(target_model, "route_select_related", ())
        specific = target_model.objects.select_related(*related).get(pk=chain[-1].pk)
        specific._cached_parent_obj = chain[-2]
        consumed = len(chain) - 1
        return specific.route(request, path_components[consumed:])

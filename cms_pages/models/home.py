"""The editorial front page: editors choose, and sensible fallbacks fill the gaps."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms_pages import selectors
from cms_pages.models.mixins import SeoMixin
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
        from cms_pages.models import StoryIndexPage

        context = super().get_context(request, *args, **kwargs)
        stories = _fill(
            _chosen(self.featured_stories),
            list(selectors.story_list()[: FEATURED_STORIES * 2]),
            FEATURED_STORIES,
        )
        campaigns = [c for c in _chosen(self.featured_campaigns) if c.is_running()] or list(
            selectors.campaigns_current()[:3]
        )
        upcoming = list(selectors.events_upcoming()[:12])
        upcoming_ids = {event.pk for event in upcoming}
        events = [e for e in _chosen(self.featured_events) if e.pk in upcoming_ids]
        events = events or upcoming[:3]
        enterprises = _fill(
            _chosen(self.featured_enterprises),
            list(selectors.enterprise_list()[:FEATURED_ENTERPRISES]),
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

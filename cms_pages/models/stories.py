"""Stories by Contents Creators, with shoppable blocks, and the story index."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms_pages import selectors
from cms_pages.blocks import story_body_blocks
from cms_pages.models.mixins import SeoMixin, ShoppableMixin
from cms_pages.models.taxonomy import Region, ServiceGroup

STORIES_PER_PAGE = 12


class StoryIndexPage(SeoMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.StoryPage"]

    class Meta:
        verbose_name = _("story index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = {
            "service_group": request.GET.get("service_group", ""),
            "tag": request.GET.get("tag", ""),
            "region": request.GET.get("region", ""),
        }
        if filters["service_group"] not in ServiceGroup.values:
            filters["service_group"] = ""
        if filters["region"] not in Region.values:
            filters["region"] = ""
        stories = selectors.story_list(index=self, **filters)
        context.update(
            stories=selectors.paginate(
                stories, page_number=request.GET.get("page"), per_page=STORIES_PER_PAGE
            ),
            filters=filters,
            filter_query="&".join(f"{k}={v}" for k, v in filters.items() if v),
            service_groups=ServiceGroup.choices,
            regions=Region.choices,
            tags=selectors.story_tags(index=self),
        )
        return context


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms_pages.StoryPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class StoryPage(ShoppableMixin, SeoMixin, Page):
    """A story by a Contents Creator, with goods and services embedded in its body."""

    route_select_related = ("hero_image", "author__photo")  # shown on every view of the page

    lead = models.TextField(_("lead"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    author = models.ForeignKey(
        "cms_pages.ContentCreatorProfile",
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True, verbose_name=_("tags"))
    service_group = models.CharField(
        _("service group"), max_length=20, choices=ServiceGroup.choices, blank=True
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    enterprises = ParentalManyToManyField(
        "partner.Partner",
        verbose_name=_("enterprises mentioned"),
        blank=True,
        related_name="stories",
    )
    body = StreamField(story_body_blocks(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldPanel("date"),
                FieldPanel("tags"),
                FieldPanel("service_group"),
                FieldPanel("region"),
                FieldPanel("enterprises"),
            ],
            heading=_("About this story"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("service_group"),
        index.FilterField("region"),
    ]
    parent_page_types = ["cms_pages.StoryIndexPage"]
    subpage_types = []
    basket_source_kind = "story"
    og_type = "article"

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        # Story lists are newest first: walking this index backwards stops at the page's
        # last story instead of sorting every live story.
        indexes = [models.Index(fields=["date"], name="cms_story_date_idx")]

    def json_ld(self, request):
        data = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": self.title,
            "description": self.get_meta_description(),
            "datePublished": self.date.isoformat(),
            "url": self.get_full_url(request),
            "inLanguage": "ko-KR",
        }
        if self.author_id:
            data["author"] = {"@type": "Person", "name": self.author.name}
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        return data

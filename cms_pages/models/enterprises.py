"""Enterprise profiles: one per Partner Agency, linked to its Oscar partner."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms_pages import selectors
from cms_pages.blocks import required_image_block
from cms_pages.models.mixins import SeoMixin
from cms_pages.models.taxonomy import EnterpriseField, EnterpriseType, Region

ENTERPRISES_PER_PAGE = 24


class EnterpriseIndexPage(SeoMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.EnterprisePage"]

    class Meta:
        verbose_name = _("enterprise directory")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        choices = {
            "enterprise_type": EnterpriseType,
            "region": Region,
            "field": EnterpriseField,
        }
        filters = {}
        for name, vocabulary in choices.items():
            value = request.GET.get(name, "")
            filters[name] = value if value in vocabulary.values else ""
        enterprises = selectors.enterprise_list(index=self, **filters)
        context.update(
            enterprises=selectors.paginate(
                enterprises, page_number=request.GET.get("page"), per_page=ENTERPRISES_PER_PAGE
            ),
            filters=filters,
            filter_query="&".join(f"{k}={v}" for k, v in filters.items() if v),
            enterprise_types=EnterpriseType.choices,
            regions=Region.choices,
            fields=EnterpriseField.choices,
        )
        return context


class EnterprisePage(SeoMixin, Page):
    """The profile of a Partner Agency; its goods and services are listed from the catalogue."""

    route_select_related = ("logo", "partner")  # shown on every view of the page

    partner = models.OneToOneField(
        "partner.Partner",
        verbose_name=_("Oscar partner"),
        on_delete=models.PROTECT,
        related_name="profile_page",
    )
    enterprise_type = models.CharField(
        _("enterprise type"), max_length=20, choices=EnterpriseType.choices
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    field = models.CharField(_("field"), max_length=20, choices=EnterpriseField.choices)
    lead = models.TextField(_("summary"), blank=True)
    mission = RichTextField(_("social mission"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo or main photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    photos = StreamField(
        [("photo", required_image_block(label=_("Photo")))], blank=True, verbose_name=_("photos")
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    extra = StreamField(
        [("paragraph", blocks.RichTextBlock(label=_("Paragraph")))],
        blank=True,
        verbose_name=_("more about the enterprise"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("partner"),
        MultiFieldPanel(
            [FieldPanel("enterprise_type"), FieldPanel("region"), FieldPanel("field")],
            heading=_("Directory"),
        ),
        FieldPanel("lead"),
        FieldPanel("mission"),
        FieldPanel("logo"),
        FieldPanel("photos"),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("address"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("extra"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("mission"),
        index.FilterField("enterprise_type"),
        index.FilterField("region"),
        index.FilterField("field"),
    ]
    parent_page_types = ["cms_pages.EnterpriseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("enterprise profile")
        verbose_name_plural = _("enterprise profiles")

    def get_og_image(self):
        return self.logo

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        catalogue = selectors.shoppable_catalogue(request=request, partner_ids=[self.partner_id])
        offers = catalogue.enterprise_offers(self.partner_id)
        context.update(
            catalogue=catalogue,
            goods=[offer for offer in offers if not offer.is_service],
            services=[offer for offer in offers if offer.is_service],
            stories=selectors.story_list(enterprise=self.partner_id)[:6],
        )
        return context

    def json_ld(self, request):
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": self.title,
            "description": self.lead,
            "url": self.get_full_url(request),
        }
        if self.phone:
            data["telephone"] = self.phone
        if self.email:
            data["email"] = self.email
        if self.address:
            data["address"] = {
                "@type": "PostalAddress",
                "streetAddress": self.address,
                "addressCountry": "KR",
            }
        return data

"""Market Creator campaigns: a curated selection for a community, for a period."""

import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms_pages import selectors
from cms_pages.blocks import shoppable_blocks
from cms_pages.forms import ThecenPageForm
from cms_pages.models.mixins import SeoMixin, ShoppableMixin
from commerce.mc.selectors import mc_choices_for_editor
from commerce.mc.services import campaign_visit_record


def new_share_code() -> str:
    return secrets.token_urlsafe(6)


class CampaignIndexPage(SeoMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.CampaignPage"]

    class Meta:
        verbose_name = _("campaign index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # cards show each campaign's MC: joined here rather than one query per card
        campaigns = selectors.public(
            CampaignPage.objects.child_of(self).live().select_related("market_creator")
        ).order_by("path")
        current = {c.pk for c in selectors.campaigns_current().child_of(self)}
        context["current_campaigns"] = [c for c in campaigns if c.pk in current]
        context["past_campaigns"] = [c for c in campaigns if c.pk not in current]
        return context


class CampaignPageForm(ThecenPageForm):
    """Only approved MCs can be chosen; an MC drafting their own campaign sees only themself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("market_creator")
        if field is not None and self.for_user is not None:
            field.queryset = mc_choices_for_editor(user=self.for_user)
            if not self.instance.market_creator_id and field.queryset.count() == 1:
                field.initial = field.queryset.get().pk


class CampaignPage(ShoppableMixin, SeoMixin, Page):
    """An MC's curated goods and services; sales made from here are credited to the MC."""

    # PROTECT: a campaign's MC is part of its money trail; a profile cannot vanish under it.
    market_creator = models.ForeignKey(
        "mc.MarketCreator",
        verbose_name=_("Market Creator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaign_pages",
    )
    # Campaigns made before MCs had records keep the name they were published with.
    legacy_mc_name = models.CharField(
        _("Market Creator name (no MC record)"),
        max_length=100,
        blank=True,
        help_text=_("Only for campaigns whose Market Creator has no approved record."),
    )
    community = models.CharField(_("community served"), max_length=200)
    lead = models.TextField(_("lead"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    share_code = models.SlugField(
        _("share code"), max_length=20, unique=True, default=new_share_code, editable=False
    )
    body = StreamField(
        [("paragraph", blocks.RichTextBlock(label=_("Paragraph"))), *shoppable_blocks()],
        blank=True,
        verbose_name=_("curated goods and services"),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("market_creator"),
                FieldPanel("legacy_mc_name"),
                FieldPanel("community"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            ],
            heading=_("Campaign"),
        ),
        FieldPanel("lead"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms_pages.CampaignIndexPage"]
    subpage_types = []
    basket_source_kind = "campaign"
    base_form_class = CampaignPageForm
    # shown on every view of the page (the MC's card)
    route_select_related = ("hero_image", "market_creator__photo")

    class Meta:
        verbose_name = _("Market Creator campaign")
        verbose_name_plural = _("Market Creator campaigns")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A campaign cannot end before it starts.")})
        if not self.market_creator_id and not self.legacy_mc_name.strip():
            raise ValidationError(
                {"market_creator": _("Choose the Market Creator who runs this campaign.")}
            )

    @property
    def curator_name(self) -> str:
        """The MC's name as readers see it."""
        if self.market_creator_id:
            return self.market_creator.name
        return self.legacy_mc_name

    def is_running(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on

    def has_ended(self, today=None) -> bool:
        return (today or timezone.localdate()) > self.ends_on

    def accepts_basket_additions(self) -> bool:
        return self.is_running()

    def get_share_url(self, request=None) -> str:
        path = reverse("cms_pages:campaign_share", kwargs={"code": self.share_code})
        return request.build_absolute_uri(path) if request else path

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["share_url"] = self.get_share_url(request)
        context["visit_beacon"] = self.visit_by_beacon(request)
        return context

    def visit_by_beacon(self, request) -> bool:
        """A page a CDN may serve to everyone records no visit itself: its beacon does.

        ``cdn_shareable`` is set by thecen.cdn.CdnCacheMiddleware (anonymous GET, no ``?mc=``).
        """
        return (
            getattr(request, "cdn_shareable", False)
            and not getattr(request, "is_preview", False)
            and self.market_creator_id is not None
            and self.is_running()
        )

    def serve(self, request, *args, **kwargs):
        """A visit to a running campaign credits what follows to its MC and this campaign."""
        response = super().serve(request, *args, **kwargs)
        if not getattr(request, "is_preview", False) and not self.visit_by_beacon(request):
            campaign_visit_record(request, response, campaign=self)
        return response

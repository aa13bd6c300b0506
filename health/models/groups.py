"""Health groups (건강반): regular meet-ups led by a partner or an approved resident."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms_pages.models.mixins import SeoMixin
from cms_pages.models.taxonomy import Region
from health import selectors, views
from health.models.taxonomy import WEEKDAYS, GroupTheme


class HealthGroupIndexPage(SeoMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["health.HealthGroupPage"]

    class Meta:
        verbose_name = _("health group index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = {
            "region": request.GET.get("region", ""),
            "theme": request.GET.get("theme", ""),
            "weekday": request.GET.get("weekday", ""),
        }
        if filters["region"] not in Region.values:
            filters["region"] = ""
        if filters["theme"] not in GroupTheme.values:
            filters["theme"] = ""
        if filters["weekday"] not in [str(d) for d, _label in WEEKDAYS]:
            filters["weekday"] = ""
        context.update(
            groups=selectors.group_list(index=self, **filters),
            filters=filters,
            regions=Region.choices,
            themes=GroupTheme.choices,
            weekdays=[(str(d), label) for d, label in WEEKDAYS],
        )
        return context


class HealthGroupPage(RoutablePageMixin, SeoMixin, Page):
    theme = models.CharField(_("theme"), max_length=20, choices=GroupTheme.choices)
    lead = models.TextField(_("what the group does"))
    description = RichTextField(_("description"), blank=True)
    leader_partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("led by a partner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="health_groups",
    )
    leader_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("led by a resident"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_health_groups",
        help_text=_("Choosing a resident here is the editors' approval of them as leader."),
    )
    leader_name = models.CharField(_("leader's name as shown"), max_length=100)
    weekday = models.PositiveSmallIntegerField(_("day of the week"), choices=WEEKDAYS)
    start_time = models.TimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    place_name = models.CharField(_("place"), max_length=120)
    address = models.CharField(_("address"), max_length=200)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=10)
    cost = models.PositiveIntegerField(_("cost per month (KRW)"), default=0)
    related_services = ParentalManyToManyField(
        "catalogue.Product", verbose_name=_("related services"), blank=True, related_name="+"
    )

    content_panels = Page.content_panels + [
        FieldPanel("theme"),
        FieldPanel("lead"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("leader_name"), FieldPanel("leader_partner"), FieldPanel("leader_user")],
            heading=_("Leader"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("weekday"),
                        FieldPanel("start_time"),
                        FieldPanel("duration_minutes"),
                    ]
                ),
                FieldPanel("place_name"),
                FieldPanel("address"),
                FieldPanel("region"),
            ],
            heading=_("When and where"),
        ),
        InlinePanel("sessions", heading=_("One-off sessions"), label=_("session")),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("cost")]),
        FieldPanel("related_services"),
    ]
    search_fields = Page.search_fields + [index.SearchField("lead")]
    parent_page_types = ["health.HealthGroupIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("health group")
        verbose_name_plural = _("health groups")

    def get_meta_description(self) -> str:
        return self.search_description or self.lead

    def is_led_by(self, user) -> bool:
        if not user.is_authenticated:
            return False
        if user.is_staff or user.pk == self.leader_user_id:
            return True
        return (
            bool(self.leader_partner_id)
            and user.partners.filter(pk=self.leader_partner_id).exists()
        )

    @path("")
    def detail(self, request):
        return views.group_detail(request, self)

    @path("join/", name="join")
    def join(self, request):
        return views.group_join_view(request, self)

    @path("message/", name="message")
    def message(self, request):
        return views.group_message_view(request, self)

    @path("leave/", name="leave")
    def leave(self, request):
        return views.group_leave_view(request, self)

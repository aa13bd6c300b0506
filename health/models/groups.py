"""Health groups (건강반): regular meet-ups led by a partner or an approved resident."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms_pages.models.mixins import SeoMixin
from cms_pages.models.taxonomy import Region
from health.models.taxonomy import WEEKDAYS, GroupTheme


class HealthGroupIndexPage(SeoMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["health.HealthGroupPage"]

    class Meta:
        verbose_name = _("health group index")

    def get_context(self, request, *args, **kwargs):
        from health import selectors

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
        from health import views

        return views.group_detail(request, self)

    @path("join/", name="join")
    def join(self, request):
        from health import views

        return views.group_join_view(request, self)

    @path("message/", name="message")
    def message(self, request):
        from health import views

        return views.group_message_view(request, self)

    @path("leave/", name="leave")
    def leave(self, request):
        from health import views

        return views.group_leave_view(request, self)


class HealthGroupSession(Orderable):
    page = ParentalKey(HealthGroupPage, related_name="sessions", on_delete=models.CASCADE)
    starts_at = models.DateTimeField(_("starts at"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [FieldPanel("starts_at"), FieldPanel("note")]


class GroupMembership(models.Model):
    class Status(models.TextChoices):
        MEMBER = "member", _("Member")
        WAITING = "waiting", _("Waiting list")

    group = models.ForeignKey(HealthGroupPage, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="health_memberships"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="group_membership_once")
        ]
        indexes = [models.Index(fields=["group", "status"])]

    def __str__(self):
        return f"{self.group_id} {self.user_id} {self.status}"


class SessionReminder(models.Model):
    """That this member was reminded of the group's meeting starting at ``starts_at``.

    One row per member and meeting (weekly or one-off), so nobody is reminded twice of the
    same meeting, and members who join later, or sessions added later, still get theirs.
    """

    group = models.ForeignKey(HealthGroupPage, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user", "starts_at"], name="session_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.group_id} {self.user_id} {self.starts_at:%Y-%m-%d %H:%M}"

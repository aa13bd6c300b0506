"""Events: market fairs, experience days and MC courses, with registration and iCalendar."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms_pages import selectors
from cms_pages.blocks import ParticipantBlock, ProgrammeItemBlock
from cms_pages.forms import EventRegistrationForm
from cms_pages.models.mixins import SeoMixin, ShoppableMixin
from cms_pages.models.registrations import EventRegistration
from cms_pages.models.taxonomy import EventKind, Region
from cms_pages.selectors import public
from cms_pages.services import (
    RegistrationError,
    event_register,
    event_registration_cancel,
    registration_from_token,
)
from commerce.core.calendar import CalendarEvent, calendar_ics, calendar_uid


class EventIndexPage(RoutablePageMixin, SeoMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.EventPage"]

    class Meta:
        verbose_name = _("event index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming"] = selectors.events_upcoming().child_of(self)
        context["past"] = selectors.events_past().child_of(self)[:12]
        return context

    @path("ical/", name="ical")
    def ical(self, request):
        events = public(EventPage.objects.live()).child_of(self).order_by("starts_at")
        body = calendar_ics([e.calendar_event(request) for e in events], name=self.title)
        return ical_response(body, "thecen-events.ics")


def ical_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class EventPage(RoutablePageMixin, ShoppableMixin, SeoMixin, Page):
    route_select_related = ("hero_image",)  # shown on every view of the page

    kind = models.CharField(_("kind of event"), max_length=20, choices=EventKind.choices)
    lead = models.TextField(_("lead"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place_name = models.CharField(_("place"), max_length=120)
    address = models.CharField(_("address"), max_length=200)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    description = RichTextField(_("description"), blank=True)
    programme = StreamField(
        [("item", ProgrammeItemBlock())], blank=True, verbose_name=_("programme")
    )
    participants = StreamField(
        [("participant", ParticipantBlock())],
        blank=True,
        verbose_name=_("participating enterprises"),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        default=0,
        help_text=_("Places for registration; 0 means no registration."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("lead"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("place_name"),
                FieldPanel("address"),
                FieldPanel("region"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("description"),
        FieldPanel("programme"),
        FieldPanel("participants"),
        FieldPanel("capacity"),
    ]
    parent_page_types = ["cms_pages.EventIndexPage"]
    subpage_types = []
    shoppable_streams = ("participants",)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("An event cannot end before it starts.")})

    def is_past(self, now=None) -> bool:
        return self.ends_at < (now or timezone.now())

    @property
    def map_url(self) -> str:
        return "https://map.kakao.com/?q=" + quote(self.address)

    def takes_registrations(self) -> bool:
        return self.capacity > 0 and not self.is_past()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        confirmed = self.registrations.filter(status=EventRegistration.Status.CONFIRMED).count()
        context.update(
            places_left=max(self.capacity - confirmed, 0),
            registration_form=EventRegistrationForm(),
        )
        return context

    @path("")
    def event(self, request):
        return self.render(request)

    @path("register/", name="register")
    def register(self, request):
        if request.method != "POST":
            return redirect(self.get_url(request))
        form = EventRegistrationForm(request.POST)
        if not self.takes_registrations():
            messages.error(request, _("This event does not take registrations."))
            return redirect(self.get_url(request))
        if not form.is_valid():
            return self.render(request, context_overrides={"registration_form": form})
        try:
            registration = event_register(
                event=self, **form.cleaned_data, cancel_url=self.cancel_url_maker(request)
            )
        except RegistrationError as error:
            messages.error(request, str(error))
            return redirect(self.get_url(request))
        if registration.status == EventRegistration.Status.CONFIRMED:
            messages.success(request, _("You are registered. See you there!"))
        else:
            messages.info(
                request,
                _("The event is full: you are number %(position)d on the waiting list.")
                % {"position": registration.waiting_position()},
            )
        return redirect(self.get_url(request))

    def cancel_url_maker(self, request):
        base = self.get_full_url(request)

        def cancel_url(token: str) -> str:
            return base.rstrip("/") + "/" + self.reverse_subpage("cancel", args=[token])

        return cancel_url

    @path("cancel/<str:token>/", name="cancel")
    def cancel(self, request, token):
        """The link in the mails: a page that asks, then a POST that frees the place (a mail
        scanner that follows the link changes nothing)."""
        registration = registration_from_token(token)
        if registration is None or registration.event_id != self.pk:
            raise Http404
        if request.method == "POST":
            registration.event = self
            if event_registration_cancel(
                registration=registration, cancel_url=self.cancel_url_maker(request)
            ):
                messages.success(
                    request, _("Your registration is cancelled. Thank you for telling us.")
                )
            else:
                messages.info(request, _("This registration was already cancelled."))
            return redirect(self.get_url(request))
        return self.render(
            request,
            template="cms_pages/event_cancel.html",
            context_overrides={"registration": registration},
        )

    @path("ical/", name="ical")
    def ical(self, request):
        body = calendar_ics([self.calendar_event(request)], name=self.title)
        return ical_response(body, f"event-{self.pk}.ics")

    def calendar_event(self, request) -> CalendarEvent:
        return CalendarEvent(
            uid=calendar_uid("event", self.pk),
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            summary=self.title,
            description=self.lead,
            location=", ".join(part for part in (self.place_name, self.address) if part),
            url=self.get_full_url(request),
        )

    def json_ld(self, request):
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": self.lead,
            "startDate": timezone.localtime(self.starts_at).isoformat(),
            "endDate": timezone.localtime(self.ends_at).isoformat(),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
            "location": {
                "@type": "Place",
                "name": self.place_name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": self.address,
                    "addressCountry": "KR",
                },
            },
            "url": self.get_full_url(request),
        }
        if self.capacity:
            data["maximumAttendeeCapacity"] = self.capacity
        return data

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from commerce.partner.selectors import products_listed

from .models import Membership, PromotedListing


def membership_for_partner(*, partner) -> Membership | None:
    return Membership.objects.filter(partner=partner).select_related("grade").first()


def membership_listing_error(*, partner) -> str | None:
    """Why this partner may not add another listing, or None when it may."""
    membership = membership_for_partner(partner=partner)
    if membership is None:
        return None  # the operator's own catalogue has no grade limit
    listed = partner.stockrecords.count()
    if listed >= membership.grade.listing_limit:
        return _(
            "Your membership grade %(grade)s allows %(limit)s listings and you have %(count)s. "
            "Ask the secretariat about upgrading your grade."
        ) % {
            "grade": membership.grade.name,
            "limit": membership.grade.listing_limit,
            "count": listed,
        }
    return None


def membership_can_promote(*, partner, promoted_now: int) -> bool:
    membership = membership_for_partner(partner=partner)
    return membership is not None and promoted_now < membership.grade.promotion_slots


def promoted_products(*, limit: int = 8):
    """Listings partners promote, for home and campaign pages; suspended partners left out."""
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    ids = PromotedListing.objects.filter(partner__suspended_at__isnull=True).values("product_id")
    return (
        products_listed(Product.objects.browsable())
        .filter(pk__in=ids)
        .order_by("-promotion__created")[:limit]
    )


@dataclass(frozen=True)
class ProfileLink:
    title: str
    url: str
    is_draft: bool


def application_profile_link(*, application) -> ProfileLink | None:
    """Where an application's enterprise profile is: its public address once live, otherwise
    the admin page where editors complete the draft."""
    page = application.profile_page
    if page is None:
        return None
    if page.live:
        return ProfileLink(title=page.title, url=page.url or page.get_url(), is_draft=False)
    return ProfileLink(
        title=page.title,
        url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
        is_draft=True,
    )


def partner_profile_link(*, partner) -> ProfileLink | None:
    """The profile link of the application that made this partner (none for the operator)."""
    application = getattr(partner, "application", None)  # a missing one raises AttributeError
    return application_profile_link(application=application) if application else None

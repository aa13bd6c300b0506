"""Partner membership: apply, approve/reject, dues, suspension and its lifting."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from commerce.core.mail import mail_send
from commerce.core.models import PolicyKind
from commerce.core.policies import policies_shown

from . import signals
from .models import DuesInvoice, Grade, Membership, PartnerApplication, PromotedListing

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
Option = get_model("catalogue", "Option")
DUES_OPTION = "dues-invoice"


def partner_application_submit(*, data: dict, policies: dict | None = None) -> PartnerApplication:
    """Store an application with the versions of the texts accepted (those the form showed:
    label and published revision) and when."""
    now = timezone.now()
    policies = policies or policies_shown()
    principles, ethics = policies[PolicyKind.PRINCIPLES], policies[PolicyKind.ETHICS]
    application = PartnerApplication.objects.create(
        **data,
        principles_version=principles.version,
        principles_revision_id=principles.revision_id,
        principles_accepted_at=now,
        ethics_version=ethics.version,
        ethics_revision_id=ethics.revision_id,
        ethics_accepted_at=now,
    )
    mail_send(
        subject=_("We received your application"),
        body=_("Thank you, %(name)s. The secretariat will review your application and email you.")
        % {"name": application.name},
        to=[application.email],
        unverified=True,
    )
    return application


def _dashboard_user(application: PartnerApplication):
    """A new account for the partner, with no password until the welcome link sets one.

    Never an existing account with the same address: anyone can sign up with an enterprise's
    address before it applies, so only the person who reads the welcome mail (sent to the
    address the application gave) can get into the partner's dashboard.
    """
    User = get_user_model()
    username = base = f"pa-{application.brn}"
    suffix = 1
    while User.objects.filter(username=username).exists():
        suffix += 1
        username = f"{base}-{suffix}"
    user = User.objects.create_user(
        username=username,
        email=application.email,
        first_name=application.contact_name[:150],
    )
    user.set_unusable_password()
    user.save()
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    return user


def membership_approve(*, application: PartnerApplication, grade: Grade, by) -> Membership:
    """Create the Oscar partner, its dashboard user (limited to it), the membership and a
    draft enterprise profile under the directory for editors to complete."""
    with transaction.atomic():
        application = PartnerApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != PartnerApplication.Status.PENDING:
            raise ValueError(_("This application was already reviewed."))
        partner = Partner.objects.create(name=application.name, code=f"pa-{application.brn}")
        user = _dashboard_user(application)
        partner.users.add(user)
        today = timezone.localdate()
        membership = Membership.objects.create(partner=partner, grade=grade, since=today)
        dues_invoice_issue(membership=membership, year=today.year, due_date=today)
        application.status = PartnerApplication.Status.APPROVED
        application.grade = grade
        application.partner = partner
        application.reviewed_at = timezone.now()
        application.reviewed_by = by
        application.save()
        signals.partner_approved.send(
            sender=PartnerApplication, partner=partner, application=application, by=by
        )
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    set_password = settings.WAGTAILADMIN_BASE_URL + reverse(
        "password-reset-confirm", kwargs={"uidb64": uid, "token": token}
    )
    mail_send(
        subject=_("Welcome to The CEN, %(name)s") % {"name": application.name},
        body=_(
            "Your application is approved with the grade %(grade)s.\n"
            "Set your password here, then manage your goods and services in the dashboard:\n"
            "%(link)s\n\nAnnual dues: %(dues)s won."
        )
        % {"grade": grade.name, "link": set_password, "dues": f"{grade.annual_dues:,}"},
        to=[application.email],
    )
    return membership


def membership_reject(*, application: PartnerApplication, reason: str, by) -> PartnerApplication:
    if not reason.strip():
        raise ValueError(_("Please give the applicant a reason."))
    application.status = PartnerApplication.Status.REJECTED
    application.review_reason = reason
    application.reviewed_at = timezone.now()
    application.reviewed_by = by
    application.save()
    mail_send(
        subject=_("Your application to The CEN"),
        body=_("We could not approve your application this time.\nReason: %(reason)s")
        % {"reason": reason},
        to=[application.email],
    )
    return application


def dues_invoice_issue(*, membership: Membership, year: int, due_date: datetime.date):
    invoice, _created = DuesInvoice.objects.get_or_create(
        membership=membership,
        year=year,
        defaults={"amount": membership.grade.annual_dues, "due_date": due_date},
    )
    return invoice


def dues_mark_paid(*, invoice: DuesInvoice) -> DuesInvoice:
    """The dues arrived (bank transfer): the partner's listings come back if nothing else is due."""
    with transaction.atomic():
        invoice.status = DuesInvoice.Status.PAID
        invoice.paid_at = timezone.now()
        invoice.save()
        partner = invoice.membership.partner
        if not _overdue(today=timezone.localdate()).filter(membership__partner=partner).exists():
            partner_restore(partner=partner)
    return invoice


def _overdue(*, today: datetime.date):
    grace = datetime.timedelta(days=settings.THECEN_DUES_GRACE_DAYS)
    return DuesInvoice.objects.filter(status=DuesInvoice.Status.OPEN, due_date__lt=today - grace)


def partner_contact_emails(*, partner) -> list[str]:
    """Where the partner is told about its membership: the application's address, else its
    dashboard users'."""
    application = PartnerApplication.objects.filter(partner=partner).first()
    if application is not None and application.email:
        return [application.email]
    return sorted({user.email for user in partner.users.all() if user.email})


def partner_suspend(*, partner, reason: str) -> bool:
    """Hide the partner's listings (catalogue, search, stories) and tell it why.

    Saved through the model, so the search index drops its listings after the commit.
    Returns False when it was already suspended (no second mail)."""
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        if partner.suspended_at is not None:
            return False
        partner.suspended_at = timezone.now()
        partner.save(update_fields=["suspended_at"])
        mail_send(
            subject=_("Your listings on The CEN are suspended"),
            body=_(
                "%(name)s's goods and services are hidden from the site from today.\n"
                "Reason: %(reason)s\n\n"
                "Nothing is deleted: they come back as soon as the matter is settled. "
                "The dashboard shows what is due:\n%(link)s"
            )
            % {
                "name": partner.name,
                "reason": reason,
                "link": settings.WAGTAILADMIN_BASE_URL + reverse("membership:dashboard"),
            },
            to=partner_contact_emails(partner=partner),
        )
    return True


def partner_restore(*, partner) -> bool:
    """Lift a suspension: the listings are public again, and the partner is told."""
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        if partner.suspended_at is None:
            return False
        partner.suspended_at = None
        partner.save(update_fields=["suspended_at"])
        mail_send(
            subject=_("Your listings on The CEN are back"),
            body=_("%(name)s's goods and services are on sale again. Thank you.")
            % {"name": partner.name},
            to=partner_contact_emails(partner=partner),
        )
    return True


def memberships_suspend_overdue(*, today: datetime.date | None = None) -> list:
    """Hide the listings of partners whose dues are unpaid past the grace period."""
    today = today or timezone.localdate()
    partner_ids = _overdue(today=today).values_list("membership__partner_id", flat=True)
    partners = list(Partner.objects.filter(pk__in=partner_ids, suspended_at__isnull=True))
    reason = _("Membership dues unpaid %(days)s days after the due date") % {
        "days": settings.THECEN_DUES_GRACE_DAYS
    }
    return [p for p in partners if partner_suspend(partner=p, reason=reason)]


def _dues_product(invoice: DuesInvoice):
    """The product a dues invoice is paid through: one per grade and year, sold by the operator."""
    grade = invoice.membership.grade
    operator, _created = Partner.objects.get_or_create(
        code="thecen", defaults={"name": settings.THECEN_OPERATOR["name"]}
    )
    product, _created = Product.objects.get_or_create(
        upc=f"DUES-{grade.code}-{invoice.year}",
        defaults={
            "title": _("Annual dues %(year)s (%(grade)s)") % {"year": invoice.year, "grade": grade},
            "product_class": ProductClass.objects.get(slug="dues"),
            "structure": Product.STANDALONE,
            "is_public": False,
        },
    )
    StockRecord.objects.update_or_create(
        product=product,
        partner=operator,
        defaults={"partner_sku": product.upc, "price_currency": "KRW", "price": invoice.amount},
    )
    return product


def dues_invoice_add_to_basket(*, invoice: DuesInvoice, basket):
    """Pay dues through the ordinary checkout (bank transfer): the line carries the invoice."""
    if invoice.status == DuesInvoice.Status.PAID:
        raise ValueError(_("These dues are already paid."))
    option = Option.objects.get(code=DUES_OPTION)
    line, _created = basket.add_product(
        _dues_product(invoice), quantity=1, options=[{"option": option, "value": str(invoice.pk)}]
    )
    return line


def dues_paid_by_order(*, order) -> list[DuesInvoice]:
    """A paid order settles the dues invoices its lines carry."""
    paid = []
    for line in order.lines.prefetch_related("attributes__option"):
        for attribute in line.attributes.all():
            if attribute.option.code == DUES_OPTION:
                invoice = DuesInvoice.objects.filter(pk=attribute.value).first()
                if invoice is not None and invoice.status != DuesInvoice.Status.PAID:
                    paid.append(dues_mark_paid(invoice=invoice))
    return paid


def listing_promote(*, partner, product) -> PromotedListing:
    """Put a listing forward, within the promotion slots of the partner's grade."""
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update().select_related("grade").get(partner=partner)
        )
        if not product.stockrecords.filter(partner=partner).exists():
            raise ValueError(_("You can only promote your own listings."))
        used = PromotedListing.objects.filter(partner=partner).count()
        if used >= membership.grade.promotion_slots:
            raise ValueError(
                _(
                    "Your grade %(grade)s has %(slots)s promotion slots and all are in use. "
                    "Stop another promotion first, or ask about upgrading your grade."
                )
                % {"grade": membership.grade.name, "slots": membership.grade.promotion_slots}
            )
        promoted, _created = PromotedListing.objects.get_or_create(
            product=product, defaults={"partner": partner}
        )
    return promoted


def listing_unpromote(*, partner, product) -> None:
    PromotedListing.objects.filter(partner=partner, product=product).delete()

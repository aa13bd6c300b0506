"""MC attribution and the commission ledger. Amounts are KRW integers.

Rounding rule: commission = floor(line total × rate / 100) in whole won (원 미만 절사),
withholding = floor(commission × withholding rate / 100); a reversal mirrors its commission.
"""

import datetime
import secrets
from decimal import ROUND_FLOOR, Decimal

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _

from commerce.core.mail import mail_send
from commerce.core.models import PolicyKind

from .models import (
    Click,
    CommissionRule,
    LedgerEntry,
    MarketCreator,
    MCKind,
    OrderAttribution,
    PayoutAccount,
    PayoutStatement,
)
from .selectors import month_bounds

COOKIE_NAME = "thecen_mc"
_SALT = "thecen.mc.attribution"


def _won(value: Decimal) -> int:
    return int(Decimal(value).quantize(Decimal("1"), rounding=ROUND_FLOOR))


def attribution_set(request, response, *, mc_code: str, source_page: str, campaign=None):
    """Remember ``mc_code`` for THECEN_MC_COOKIE_DAYS; a later MC replaces an earlier one.

    Returns the MC, or None when the code is unknown or not approved (nothing is set).
    Campaign pages call this with their own path and themselves as ``campaign``.
    """
    mc = MarketCreator.objects.filter(
        code=mc_code.strip().lower(), status=MarketCreator.Status.APPROVED
    ).first()
    if mc is None:
        return None
    Click.objects.create(mc=mc, source_page=source_page[:500])
    value = signing.dumps(
        {
            "mc": mc.code,
            "src": source_page[:500],
            "cmp": campaign.pk if campaign is not None else None,
            "at": timezone.now().isoformat(),
        },
        salt=_SALT,
        compress=True,
    )
    max_age = settings.THECEN_MC_COOKIE_DAYS * 24 * 3600
    response.set_cookie(
        COOKIE_NAME,
        value,
        max_age=max_age,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return mc


def campaign_visit_record(
    request, response, *, campaign, source_page: str | None = None
) -> MarketCreator | None:
    """A reader on a running campaign page: credit its MC and the campaign.

    An explicit ``?mc=`` link wins (the middleware sets it after the page), and a reload or
    return visit of the same campaign is not counted as a new arrival. ``source_page`` is the
    campaign's path when the visit comes from its beacon rather than the page itself.
    """
    mc = campaign.market_creator
    if mc is None or not mc.is_approved or not campaign.is_running() or request.GET.get("mc"):
        return None
    current = attribution_read(request) or {}
    if (current.get("mc"), current.get("cmp")) == (mc.code, campaign.pk):
        return None
    return attribution_set(
        request,
        response,
        mc_code=mc.code,
        source_page=source_page or escape_uri_path(request.path),
        campaign=campaign,
    )


def attribution_read(request) -> dict | None:
    """The MC attribution carried by the request, if it is still within its window."""
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return None
    max_age = settings.THECEN_MC_COOKIE_DAYS * 24 * 3600
    try:
        return signing.loads(raw, salt=_SALT, max_age=max_age)
    except signing.BadSignature:
        return None


def order_attribution_record(*, order, request) -> OrderAttribution | None:
    data = attribution_read(request)
    if not data:
        return None
    mc = MarketCreator.objects.filter(code=data["mc"], status=MarketCreator.Status.APPROVED).first()
    if mc is None:
        return None
    campaign = _campaign_of_cookie(data.get("cmp"), mc=mc)
    return OrderAttribution.objects.create(
        order=order,
        mc=mc,
        source_page=data.get("src", ""),
        campaign=campaign,
        campaign_title=campaign.title if campaign else "",
        clicked_at=datetime.datetime.fromisoformat(data["at"]),
    )


def _campaign_of_cookie(value, *, mc: MarketCreator):
    """The campaign page named by the cookie, if it still exists and is this MC's."""
    if not isinstance(value, int):
        return None  # cookies written before campaigns were linked carry no page id
    # The campaign page model through the relation: commerce never imports the pages.
    campaigns = OrderAttribution._meta.get_field("campaign").related_model.objects
    return campaigns.filter(pk=value, market_creator=mc).first()


def commission_rate(*, mc: MarketCreator, line, campaign_id: int | None = None) -> Decimal:
    """Campaign rule, then category rule, then the MC kind's rule; 0 when none applies."""
    rules = list(CommissionRule.objects.filter(mc_kind=mc.kind))
    category_ids = (
        set(line.product.categories.values_list("id", flat=True)) if line.product else set()
    )

    def specificity(rule):
        if rule.campaign_id and rule.campaign_id != campaign_id:
            return -1
        if rule.category_id and rule.category_id not in category_ids:
            return -1
        return (2 if rule.campaign_id else 0) + (1 if rule.category_id else 0)

    ranked = sorted(((specificity(r), r) for r in rules), key=lambda x: x[0], reverse=True)
    for score, rule in ranked:
        if score >= 0:
            return rule.rate
    return Decimal("0")


def ledger_record_paid_lines(*, order) -> list[LedgerEntry]:
    """Write the commission for every line of a paid, MC-attributed order (once per line)."""
    attribution = OrderAttribution.objects.filter(order=order).select_related("mc").first()
    if attribution is None:
        return []
    mc = attribution.mc
    entries = []
    for line in order.lines.select_related("product"):
        rate = commission_rate(mc=mc, line=line, campaign_id=attribution.campaign_id)
        base = _won(line.line_price_incl_tax)
        amount = _won(Decimal(base) * rate / 100)
        withholding = _won(Decimal(amount) * mc.withholding_rate / 100)
        try:
            with transaction.atomic():
                entries.append(
                    LedgerEntry.objects.create(
                        mc=mc,
                        order_line=line,
                        kind=LedgerEntry.Kind.COMMISSION,
                        base_amount=base,
                        rate=rate,
                        amount=amount,
                        withholding=withholding,
                        campaign_id=attribution.campaign_id,
                        campaign_title=attribution.campaign_title,
                    )
                )
        except IntegrityError:
            continue  # already written for this line: never twice
    return entries


def ledger_reverse_lines(*, lines) -> list[LedgerEntry]:
    """Reverse the commission of cancelled or refunded lines (once per line)."""
    reversals = []
    for entry in LedgerEntry.objects.filter(order_line__in=lines, kind=LedgerEntry.Kind.COMMISSION):
        try:
            with transaction.atomic():
                reversals.append(
                    LedgerEntry.objects.create(
                        mc=entry.mc,
                        order_line_id=entry.order_line_id,
                        kind=LedgerEntry.Kind.REVERSAL,
                        base_amount=-entry.base_amount,
                        rate=entry.rate,
                        amount=-entry.amount,
                        withholding=-entry.withholding,
                        campaign_id=entry.campaign_id,
                        campaign_title=entry.campaign_title,
                    )
                )
        except IntegrityError:
            continue
    return reversals


def ledger_confirm_matured(*, now: datetime.datetime | None = None) -> int:
    """Pending entries older than the return window (THECEN_MC_CONFIRM_DAYS) are confirmed."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.THECEN_MC_CONFIRM_DAYS)
    return LedgerEntry.objects.filter(
        status=LedgerEntry.Status.PENDING, created__lte=cutoff
    ).update(status=LedgerEntry.Status.CONFIRMED)


def payout_statement_create(
    *, mc: MarketCreator, period: datetime.date, operator
) -> PayoutStatement | None:
    """Pay ``mc`` out for the month of ``period``: its confirmed, unpaid entries, once.

    The MC's row is locked for the whole transaction, so two operators (or one button pressed
    twice) settle one after the other and the second finds nothing left: None.
    """
    start, end = month_bounds(period)
    with transaction.atomic():
        MarketCreator.objects.select_for_update().get(pk=mc.pk)
        entries = list(
            LedgerEntry.objects.select_for_update()
            .filter(
                mc=mc,
                status=LedgerEntry.Status.CONFIRMED,
                statement__isnull=True,
                created__gte=start,
                created__lt=end,
            )
            .order_by("pk")
        )
        if not entries:
            return None
        gross = sum(e.amount for e in entries if e.kind == LedgerEntry.Kind.COMMISSION)
        reversals = sum(e.amount for e in entries if e.kind == LedgerEntry.Kind.REVERSAL)
        withholding = sum(e.withholding for e in entries)
        carry = (
            PayoutStatement.objects.filter(mc=mc, net__lt=0, carried_to__isnull=True)
            .order_by("period", "pk")
            .first()
        )
        carried_in = carry.net if carry is not None else 0
        now = timezone.now()
        statement = PayoutStatement.objects.create(
            mc=mc,
            period=start.date(),
            gross=gross,
            reversals=reversals,
            withholding=withholding,
            carried_in=carried_in,
            carried_from=carry,
            net=gross + reversals - withholding + carried_in,
            paid_at=now,
            operator=operator,
        )
        LedgerEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
            status=LedgerEntry.Status.PAID, paid_at=now, statement=statement
        )
    return statement


def mc_apply(
    *,
    user,
    name: str,
    kind: str,
    email: str,
    phone: str,
    community: str = "",
    payout: dict | None = None,
    policies: dict | None = None,
):
    """The application, with the payout account (encrypted at rest) when one is given and
    the versions of the operating principles and ethics code the applicant accepted."""
    accepted = {}
    if policies:
        principles, ethics = policies[PolicyKind.PRINCIPLES], policies[PolicyKind.ETHICS]
        accepted = {
            "principles_version": principles.version,
            "principles_revision_id": principles.revision_id,
            "ethics_version": ethics.version,
            "ethics_revision_id": ethics.revision_id,
            "policies_accepted_at": timezone.now(),
        }
    with transaction.atomic():
        mc = MarketCreator.objects.create(
            **accepted,
            user=user,
            name=name,
            kind=kind,
            email=email,
            phone=phone,
            community=community,
            withholding_rate=Decimal("3.30") if kind == MCKind.INDIVIDUAL else Decimal("0"),
        )
        if payout:
            PayoutAccount.objects.create(mc=mc, **payout)
    return mc


def mc_approve(*, mc: MarketCreator, code: str = "") -> MarketCreator:
    mc.code = (code or secrets.token_hex(3)).lower()
    mc.status = MarketCreator.Status.APPROVED
    mc.reviewed_at = timezone.now()
    mc.review_reason = ""
    mc.save()
    mail_send(
        subject=_("Your Market Creator application is approved"),
        body=_("Welcome! Your MC code is %(code)s. Add ?mc=%(code)s to any page link you share.")
        % {"code": mc.code},
        to=[mc.email],
    )
    return mc


def mc_reject(*, mc: MarketCreator, reason: str) -> MarketCreator:
    mc.status = MarketCreator.Status.REJECTED
    mc.review_reason = reason
    mc.reviewed_at = timezone.now()
    mc.save()
    mail_send(
        subject=_("Your Market Creator application"),
        body=_("We could not approve your application. Reason: %(reason)s") % {"reason": reason},
        to=[mc.email],
    )
    return mc

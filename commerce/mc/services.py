"""MC attribution and the commission ledger. Amounts are KRW integers.

Rounding rule: commission = floor(line total × rate / 100) in whole won (원 미만 절사),
withholding = floor(commission × withholding rate / 100); a reversal mirrors its commission.
"""

import datetime
import secrets
from decimal import ROUND_FLOOR, Decimal

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    Click,
    CommissionRule,
    LedgerEntry,
    MarketCreator,
    MCKind,
    OrderAttribution,
)

COOKIE_NAME = "thecen_mc"
_SALT = "thecen.mc.attribution"


def _won(value: Decimal) -> int:
    return int(Decimal(value).quantize(Decimal("1"), rounding=ROUND_FLOOR))


def attribution_set(request, response, *, mc_code: str, source_page: str, campaign: str = ""):
    """Remember ``mc_code`` for THECEN_MC_COOKIE_DAYS; a later MC replaces an earlier one.

    Returns the MC, or None when the code is unknown or not approved (nothing is set).
    Campaign pages call this with their own path and slug.
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
            "cmp": campaign,
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
    return OrderAttribution.objects.create(
        order=order,
        mc=mc,
        source_page=data.get("src", ""),
        campaign=data.get("cmp", ""),
        clicked_at=datetime.datetime.fromisoformat(data["at"]),
    )


def commission_rate(*, mc: MarketCreator, line, campaign: str = "") -> Decimal:
    """Campaign rule, then category rule, then the MC kind's rule; 0 when none applies."""
    rules = list(CommissionRule.objects.filter(mc_kind=mc.kind))
    category_ids = (
        set(line.product.categories.values_list("id", flat=True)) if line.product else set()
    )

    def specificity(rule):
        if rule.campaign and rule.campaign != campaign:
            return -1
        if rule.category_id and rule.category_id not in category_ids:
            return -1
        return (2 if rule.campaign else 0) + (1 if rule.category_id else 0)

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
        rate = commission_rate(mc=mc, line=line, campaign=attribution.campaign)
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
                        campaign=attribution.campaign,
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
                        campaign=entry.campaign,
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


def ledger_mark_paid(*, mc: MarketCreator, until: datetime.datetime) -> int:
    """Operator pays an MC out: every unpaid entry up to ``until`` becomes paid."""
    return (
        LedgerEntry.objects.filter(mc=mc, created__lte=until)
        .exclude(status=LedgerEntry.Status.PAID)
        .update(status=LedgerEntry.Status.PAID, paid_at=timezone.now())
    )


def mc_apply(*, user, name: str, kind: str, email: str, phone: str, community: str = ""):
    return MarketCreator.objects.create(
        user=user,
        name=name,
        kind=kind,
        email=email,
        phone=phone,
        community=community,
        withholding_rate=Decimal("3.30") if kind == MCKind.INDIVIDUAL else Decimal("0"),
    )


def mc_approve(*, mc: MarketCreator, code: str = "") -> MarketCreator:
    mc.code = (code or secrets.token_hex(3)).lower()
    mc.status = MarketCreator.Status.APPROVED
    mc.reviewed_at = timezone.now()
    mc.review_reason = ""
    mc.save()
    send_mail(
        _("Your Market Creator application is approved"),
        _("Welcome! Your MC code is %(code)s. Add ?mc=%(code)s to any page link you share.")
        % {"code": mc.code},
        None,
        [mc.email],
    )
    return mc


def mc_reject(*, mc: MarketCreator, reason: str) -> MarketCreator:
    mc.status = MarketCreator.Status.REJECTED
    mc.review_reason = reason
    mc.reviewed_at = timezone.now()
    mc.save()
    send_mail(
        _("Your Market Creator application"),
        _("We could not approve your application. Reason: %(reason)s") % {"reason": reason},
        None,
        [mc.email],
    )
    return mc

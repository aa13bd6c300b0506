"""Thin views: taking a check, its result (from a signed cookie), saving with consent,
saved results, followed recommendations, and joining health groups."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model
from wagtail.models import Page

from cms_pages.models.taxonomy import Region
from cms_pages.selectors import public
from health import engine, selectors, services
from health.forms import GroupMessageForm

if TYPE_CHECKING:
    from health.models.checks import HealthCheckPage

Product = get_model("catalogue", "Product")

# The result lives only in the person's browser: a signed cookie that ends with the
# browser session. Nothing about it is kept on the server unless they choose to save it.
RESULT_COOKIE = "thecen_health"
RESULT_SALT = "health.result"


def read_result(request) -> dict | None:
    raw = request.COOKIES.get(RESULT_COOKIE)
    if not raw:
        return None
    try:
        return signing.loads(raw, salt=RESULT_SALT)
    except signing.BadSignature:
        return None


def _write_result(response, data: dict) -> None:
    response.set_cookie(
        RESULT_COOKIE,
        signing.dumps(data, salt=RESULT_SALT, compress=True),
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def check_take(request, page: HealthCheckPage):
    # Error reports (mail to admins, logs) must not carry the answers: what
    # @sensitive_post_parameters() does, for a Wagtail page route.
    request.sensitive_post_parameters = "__ALL__"
    questions = page.engine_questions()
    helps = {b.value["key"]: b.value["help"] for b in page.questions}
    answers: dict[str, list[str]] = {}
    missing: list[str] = []
    region = ""
    if request.method == "POST":
        answers = {q.key: request.POST.getlist(f"q-{q.key}") for q in questions}
        region = request.POST.get("region", "")
        if region not in Region.values:
            region = ""
        outcome = engine.evaluate(questions, answers)
        if outcome.complete:
            services.check_tally_record(check_page=page, outcome=outcome)
            response = redirect(page.url + page.reverse_subpage("result"))
            _write_result(
                response,
                {
                    "c": page.pk,
                    "s": outcome.scores,
                    "b": {d: [b.low, b.high] for d, b in outcome.bounds.items()},
                    "r": region,
                },
            )
            return response
        missing = outcome.missing
        messages.error(request, _("Please answer every question marked as required."))
    shown = {q.key for q in engine.visible_questions(questions, answers)} if answers else None
    context = page.get_context(request)
    context.update(
        items=[
            {
                "question": q,
                "help": helps.get(q.key, ""),
                "chosen": set(answers.get(q.key, [])),
                "missing": q.key in missing,
                "hidden": shown is not None and q.key not in shown,
            }
            for q in questions
        ],
        regions=Region.choices,
        region=region,
    )
    return TemplateResponse(request, "health/health_check_page.html", context)


def _stored_result(request, page):
    data = read_result(request)
    if not data or data.get("c") != page.pk:
        return None
    return data


def check_result(request, page: HealthCheckPage):
    data = _stored_result(request, page)
    if data is None:
        messages.info(request, _("Your result is no longer here. Take the check again."))
        return redirect(page.url)
    scores, bounds = data["s"], data.get("b", {})
    outcome = engine.Outcome(
        scores=scores,
        bounds={d: engine.Bounds(*b) for d, b in bounds.items()},
        shown=[],
        missing=[],
    )
    rules = selectors.rules_matching(check_page=page, scores=scores)
    dimensions = [
        {
            "dimension": d,
            "score": scores.get(d.slug, 0),
            "percent": outcome.percent(d.slug),
            "advice": [r.advice for r in rules if r.dimension_id == d.pk and r.advice],
        }
        for d in selectors.dimensions_for(scores)
    ]
    context = page.get_context(request)
    context.update(
        dimensions=dimensions,
        warnings=[r.warning for r in rules if r.warning],
        recommendations=selectors.recommendations_for(
            request=request, rules=rules, region=data.get("r", "")
        ),
        region=dict(Region.choices).get(data.get("r", ""), ""),
        retention_days=services.retention_days(),
    )
    return TemplateResponse(request, "health/health_check_result.html", context)


def check_save(request, page: HealthCheckPage):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(page.url + page.reverse_subpage("result"))
    data = _stored_result(request, page)
    if data is None:
        return redirect(page.url)
    if request.POST.get("consent") != "yes":
        messages.error(request, _("Your result was not saved: you did not give your consent."))
        return redirect(page.url + page.reverse_subpage("result"))
    services.result_save(
        user=request.user,
        check_page=page,
        scores=data["s"],
        consent_text=consent_text(),
    )
    messages.success(request, _("Your result is saved. You can delete it at any time."))
    return redirect("health:results")


def consent_text() -> str:
    return _(
        "I agree that The CEN keeps the scores of this self-check (not my answers) with my "
        "account, so that I can compare my results over time. They are kept for %(days)d "
        "days, are not shared with anyone, and I can delete them at any time."
    ) % {"days": services.retention_days()}


@login_required
def results(request):
    return TemplateResponse(
        request,
        "health/saved_results.html",
        {
            "results": selectors.results_for_user(user=request.user),
            "dimension_names": {
                d.slug: d.name for d in selectors.dimensions_for(_all_slugs(request.user))
            },
        },
    )


def _all_slugs(user):
    slugs = set()
    for scores in selectors.results_for_user(user=user).values_list("scores", flat=True):
        slugs |= set(scores)
    return slugs


@login_required
@require_POST
def result_delete(request, pk: int):
    if services.result_delete(user=request.user, result_id=pk):
        messages.success(request, _("The result is deleted."))
    return redirect("health:results")


def start(request):
    """The header's entry point: the quick check (or any check) editors have published."""
    checks = public(apps.get_model("health", "HealthCheckPage").objects.live())
    checks = checks.order_by("-kind", "path")
    page = checks.filter(kind="quick").first() or checks.first()
    if page is None:
        raise Http404
    return redirect(page.get_url(request))


def groups(request):
    page = public(apps.get_model("health", "HealthGroupIndexPage").objects.live()).first()
    if page is None:
        raise Http404
    return redirect(page.get_url(request))


FOLLOW_KINDS = {"service", "goods", "story", "group", "event"}


def follow(request, kind: str, pk: int):
    """Count that a recommendation was opened (anonymously), then go there."""
    if kind not in FOLLOW_KINDS:
        raise Http404
    if kind in {"service", "goods"}:
        target = get_object_or_404(Product, pk=pk)
        url, label = target.get_absolute_url(), target.get_title()
    else:
        target = get_object_or_404(public(Page.objects.live()), pk=pk)
        url, label = target.get_url(request), target.title
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        raise Http404
    data = read_result(request)
    if data:
        check = apps.get_model("health", "HealthCheckPage").objects.filter(pk=data.get("c")).first()
        if check is not None:
            services.follow_tally_record(check_page=check, kind=kind, object_id=pk, label=label)
    return redirect(url)


# Health groups


def group_detail(request, group):

    context = group.get_context(request)
    leads = group.is_led_by(request.user)
    context.update(
        membership=selectors.group_membership_of(group=group, user=request.user),
        places_left=selectors.group_places_left(group=group),
        members=selectors.group_members(group=group) if leads else None,
        message_form=GroupMessageForm() if leads else None,
        related=group.related_services.all(),
    )
    return TemplateResponse(request, "health/health_group_page.html", context)


def group_message_view(request, group):

    if request.method != "POST":
        return redirect(group.url)
    if not group.is_led_by(request.user):
        raise PermissionDenied
    form = GroupMessageForm(request.POST)
    if form.is_valid():
        sent = services.group_message_send(group=group, sender=request.user, **form.cleaned_data)
        messages.success(
            request, _("Your message was sent to %(count)d members.") % {"count": sent}
        )
    else:
        messages.error(request, _("Write a subject and a message."))
    return redirect(group.url)


def group_join_view(request, group):
    if request.method != "POST":
        return redirect(group.url)
    if not request.user.is_authenticated:
        return redirect_to_login(group.url)
    membership = services.group_join(group=group, user=request.user)
    if membership.status == membership.Status.MEMBER:
        messages.success(request, _("You have joined the group. See you there!"))
    else:
        messages.info(request, _("The group is full: you are on the waiting list."))
    return redirect(group.url)


def group_leave_view(request, group):
    if request.method != "POST":
        return redirect(group.url)
    if not request.user.is_authenticated:
        return redirect_to_login(group.url)
    services.group_leave(group=group, user=request.user)
    messages.success(request, _("You have left the group."))
    return redirect(group.url)

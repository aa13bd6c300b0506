from django.http import Http404
from django.shortcuts import render

from .models import PolicyKind
from .policies import policy_shown


def policy_view(request, kind):
    """A live policy text (operating principles, ethics code, terms of use, personal-data
    consent), readable on its own page."""
    if kind not in PolicyKind.values:
        raise Http404
    policy = policy_shown(kind=kind)
    if not policy.body:
        raise Http404
    return render(request, "commerce/core/policy.html", {"policy": policy})

"""Who is asking: the client's address as the proxies in front of the app servers saw it.

Behind a proxy every request comes from the proxy's own address, so a per-client limit or a
login lock-out keyed on ``REMOTE_ADDR`` would count all shoppers as one: five partner
applications from anyone would lock the form for everyone, and five wrong passwords typed by a
stranger would lock a member out everywhere. ``THECEN_PROXY_HOPS`` says how many proxies the
operator runs in front of the app servers (0 when none, as with ``make run``). Each proxy adds
the address it was reached from to the right of ``X-Forwarded-For`` (nginx's
``$proxy_add_x_forwarded_for``), so the client is the entry that many places from the right;
whatever stands further left was written by the client itself and is not believed.

django-ratelimit (``RATELIMIT_IP_META_KEY``) and django-axes (``AXES_CLIENT_IP_CALLABLE``) both
ask here, so the throttles and the lock-out agree on who a client is. (django-ipware counts
hops differently: with one proxy and no header from the client it finds no address at all.)
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"
    hops = settings.THECEN_PROXY_HOPS
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < hops:  # not through all our proxies: only the peer is known
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # a proxy wrote something that is not an address: do not key on it
        return remote

"""Signing in by e-mail address, when one address has more than one account.

A partner's dashboard account is always a new account (see membership_approve), so the
enterprise's address may also have a customer account. Oscar's backend raises when both
accounts share the password too, which would answer the login form with a server error; here
that login is simply refused, and the person is asked for the right password.
"""

import logging

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from oscar.apps.customer.auth_backends import EmailBackend as OscarEmailBackend

logger = logging.getLogger(__name__)


class EmailBackend(OscarEmailBackend):
    def authenticate(self, *args, **kwargs):
        try:
            return super().authenticate(*args, **kwargs)
        except get_user_model().MultipleObjectsReturned:
            logger.warning("login refused: two accounts share one address and one password")
            return None


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lock-out check, for logins that come with a request.

    Every login form (customer, dashboard, CMS) passes its request, so a locked-out pair of
    account and address is refused there. A login without a request is made by code (the
    test client, a management command), never typed by a person: axes cannot tell an
    address for it, so it is left to the next backends instead of failing.
    """

    def authenticate(self, request, *args, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)

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


class AxesBackend(AxesStandaloneBackend):
    """django-axes' lock-out for every login form. A call without a request is not a login
    form but the site's own code (Oscar signs a new customer in right after sign-up): nothing
    to count or lock there, and axes' own backend would answer the sign-up with a 500."""

    def authenticate(self, request=None, *args, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)

"""Every e-mail the site sends goes through here: after the transaction commits, by the task
worker, with a timeout (EMAIL_TIMEOUT).

A mail server that refuses or hangs never fails the request that caused the mail: the order,
booking or registration is already saved, the failure is logged, and the worker retries a few
times when its backend can defer (the database backend in production).
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# An address typed into a public form (not yet proved to be the writer's) gets one message per
# window, so the site's forms cannot be used to send mail in the operator's name to anyone.
UNVERIFIED_WINDOW = timedelta(hours=24)


def header_clean(value: str) -> str:
    """A value safe for a mail header: line breaks and runs of spaces become one space."""
    return " ".join(str(value).split())


def mail_send(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    bcc: list[str] | None = None,
    reply_to: list[str] | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
    from_email: str | None = None,
    unverified: bool = False,
) -> None:
    """Queue one message, sent once the current transaction commits (at once outside one).

    ``attachments`` are (filename, text content, mimetype) triples, e.g. an iCalendar file.
    ``unverified``: the addresses were typed into a public form; each gets at most one such
    message per UNVERIFIED_WINDOW (the confirmation), the rest are dropped.
    """
    recipients = [address for address in to if address]
    if unverified:
        recipients = [address for address in recipients if _first_unverified(address)]
    if not recipients and not bcc:
        return
    message = {
        "subject": header_clean(subject),
        "body": str(body),
        "html": str(html or ""),
        "to": recipients,
        "bcc": list(bcc or []),
        "reply_to": [header_clean(r) for r in reply_to or []],
        "attachments": [list(a) for a in attachments or []],
        "from_email": from_email,
    }
    transaction.on_commit(lambda: _enqueue(message))


def _first_unverified(address: str) -> bool:
    digest = hashlib.sha256(address.strip().lower().encode()).hexdigest()
    return cache.add(f"mail:unverified:{digest}", 1, int(UNVERIFIED_WINDOW.total_seconds()))


def _enqueue(message: dict, attempt: int = 1, delay: timedelta | None = None) -> None:
    try:
        sender = mail_deliver_task
        if delay is not None and sender.get_backend().supports_defer:
            sender = sender.using(run_after=timezone.now() + delay)
        sender.enqueue(message, attempt)
    except Exception:  # the queue itself is down: log, never fail the shopper's request
        logger.exception("mail: could not queue %r to %s", message["subject"], message["to"])


def mail_deliver(message: dict) -> int:
    """Send one queued message now (raises on an SMTP failure)."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message.get("from_email"),
        to=message["to"],
        bcc=message.get("bcc") or None,
        reply_to=message.get("reply_to") or None,
    )
    if message.get("html"):
        email.attach_alternative(message["html"], "text/html")
    for filename, content, mimetype in message.get("attachments") or []:
        email.attach(filename, content, mimetype)
    return email.send()


@task()
def mail_deliver_task(message: dict, attempt: int = 1) -> int:
    try:
        return mail_deliver(message)
    except Exception as error:
        if attempt >= MAX_ATTEMPTS or not mail_deliver_task.get_backend().supports_defer:
            logger.error(
                "mail: %r to %s not sent (attempt %s): %s",
                message["subject"],
                message["to"],
                attempt,
                error,
            )
            return 0
        logger.warning("mail: %r not sent (%s), retry %s", message["subject"], error, attempt + 1)
        _enqueue(message, attempt + 1, timedelta(seconds=min(600, 30 * 2 ** (attempt - 1))))
        return 0

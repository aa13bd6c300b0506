"""Renders the card of an embedded product or service.

The card's HTML is memoised per process, keyed on every live value it shows (price, stock
message, availability, title, enterprise...). The values themselves are read from the
catalogue on every request, so a price change shows at once; only the formatting work is
saved when nothing changed. The per-request parts (CSRF token, return path) are filled in
after the lookup.
"""

from collections import OrderedDict
from threading import Lock

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import get_language

TEMPLATE = "cms_pages/includes/offer.html"
CSRF_SLOT = "\x00csrf\x00"
NEXT_SLOT = "\x00next\x00"
MAX_CARDS = 4096

_cards: OrderedDict = OrderedDict()
_lock = Lock()


def _key(offer, note, selling, source_pk):
    language = get_language()
    if offer is None:
        return (language, None)
    price = offer.price
    image = offer.image
    return (
        language,
        offer.product.pk,
        offer.url,
        offer.product.get_title(),
        # The stars: Oscar's denormalised average, and the count review_counts_attach set.
        offer.product.rating,
        vars(offer.product).get("num_approved_reviews"),
        offer.is_service,
        offer.can_buy,
        str(offer.availability.message),
        (price.incl_tax, price.currency) if price.exists else None,
        offer.enterprise.name if offer.enterprise else None,
        offer.enterprise_url,
        (image.original.url, image.caption) if image else None,
        note,
        selling,
        source_pk,
    )


def offer_card_html(*, request, offer, note="", selling=True, basket_source=None) -> str:
    source_pk = basket_source.pk if basket_source is not None else None
    key = _key(offer, note, selling, source_pk)
    with _lock:
        html = _cards.get(key)
        if html is not None:
            _cards.move_to_end(key)
    if html is None:
        html = render_to_string(
            TEMPLATE,
            {
                "offer": offer,
                "note": note,
                "selling": selling,
                "source_pk": source_pk,
                "csrf_slot": CSRF_SLOT,
                "next_slot": NEXT_SLOT,
            },
        )
        with _lock:
            _cards[key] = html
            if len(_cards) > MAX_CARDS:
                _cards.popitem(last=False)
    if CSRF_SLOT in html:
        html = html.replace(CSRF_SLOT, _request_slots(request)[0]).replace(
            NEXT_SLOT, _request_slots(request)[1]
        )
    return html


def _request_slots(request) -> tuple[str, str]:
    """The escaped CSRF token and return path, made once per request however many cards.

    (Each get_token() call masks the secret afresh: 32 random characters per card.)
    """
    slots = getattr(request, "_offer_card_slots", None)
    if slots is None:
        slots = request._offer_card_slots = (escape(get_token(request)), escape(request.path))
    return slots

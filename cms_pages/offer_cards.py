"""Renders the card of an embedded product or service.

The card's HTML is memoised per process, keyed on every live value it shows (price, stock
message, availability, title, enterprise...). The values themselves are read from the
catalogue on every request, so a price change shows at once; only the formatting work is
saved when nothing changed. The return path is filled in after the lookup. The card holds
no CSRF token (frontend/js/csrf.js fills the form from the csrftoken cookie), so a page of
cards is the same for every anonymous reader and a CDN may cache it (thecen/cdn.py).
"""

from collections import OrderedDict
from threading import Lock

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import get_language

TEMPLATE = "cms_pages/includes/offer.html"
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
                "next_slot": NEXT_SLOT,
            },
        )
        with _lock:
            _cards[key] = html
            if len(_cards) > MAX_CARDS:
                _cards.popitem(last=False)
    if NEXT_SLOT in html:
        html = html.replace(NEXT_SLOT, escape(request.path))
    return html

"""Template helpers for editorial pages: catalogue look-ups by id, and JSON-LD."""

import json

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from cms_pages.models import (
    CampaignIndexPage,
    EnterpriseIndexPage,
    EventIndexPage,
    StoryIndexPage,
)
from cms_pages.offer_cards import offer_card_html

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def offer(catalogue, product_id):
    return catalogue.offer(product_id) if catalogue else None


@register.filter
def offers_for(catalogue, product_ids):
    return catalogue.offers_for(product_ids) if catalogue else []


@register.filter
def enterprise_offers(catalogue, partner_id):
    return catalogue.enterprise_offers(partner_id) if catalogue else []


@register.filter
def hidden(catalogue, product_id):
    """A listing hidden while its partner is suspended: the block shows nothing."""
    return catalogue.is_hidden(product_id) if catalogue else False


@register.filter
def partner(catalogue, partner_id):
    return catalogue.partner(partner_id) if catalogue else None


@register.filter
def partner_url(catalogue, partner_id):
    return catalogue.partner_url(partner_id) if catalogue else ""


def _script(data) -> str:
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.simple_tag(takes_context=True)
def page_json_ld(context, page):
    return _script(page.json_ld(context["request"]))


@register.simple_tag(takes_context=True)
def products_json_ld(context, catalogue):
    """schema.org Product entries for the goods and services embedded in a page."""
    if not catalogue:
        return ""
    request = context["request"]
    products = []
    for item in catalogue:
        data = {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": item.product.get_title(),
            "url": request.build_absolute_uri(item.url),
        }
        if item.enterprise:
            data["brand"] = {"@type": "Organization", "name": item.enterprise.name}
        if item.price.exists:
            data["offers"] = {
                "@type": "Offer",
                "price": str(int(item.price.incl_tax)),
                "priceCurrency": item.price.currency,
                "availability": "https://schema.org/"
                + ("InStock" if item.can_buy else "OutOfStock"),
            }
        products.append(data)
    return _script(products)


NAV_CACHE_SECONDS = 60


@register.inclusion_tag("cms_pages/includes/nav_items.html", takes_context=True)
def editorial_nav(context):
    """Links to the editorial sections (stories, enterprises, campaigns, events).

    Section pages rarely change, so their links are cached briefly: the header costs no
    query on most requests.
    """
    request = context.get("request")
    if request is None:
        return {"sections": []}
    # Keyed by host, so a cached header needs no query at all (not even the site lookup).
    key = f"cms_pages:nav:{request.get_host()}"
    sections = cache.get(key)
    if sections is None:
        site = Site.find_for_request(request)
        if site is None:
            return {"sections": []}
        order = (StoryIndexPage, EnterpriseIndexPage, CampaignIndexPage, EventIndexPage)
        first_of_each = {}
        # One query for all four sections, in tree order: the first section of each kind wins.
        for page in (
            Page.objects.live().child_of(site.root_page).type(*order).select_related("content_type")
        ):
            first_of_each.setdefault(page.content_type.model_class(), page)
        sections = [
            (first_of_each[model].get_url(request), first_of_each[model].title)
            for model in order
            if model in first_of_each
        ]
        cache.set(key, sections, NAV_CACHE_SECONDS)
    return {"sections": sections}


@register.simple_tag(takes_context=True)
def offer_card(context, item, note=""):
    return mark_safe(
        offer_card_html(
            request=context["request"],
            offer=item,
            note=note,
            selling=context.get("selling", True) is not False,
            basket_source=context.get("basket_source"),
        )
    )

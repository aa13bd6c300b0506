"""Presentation helpers for the shop pages: OpenGraph image and schema.org Product data."""

import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def product_json_ld(context, product, image_url=""):
    """schema.org Product with its Offer, priced and stocked as Oscar's strategy says."""
    request = context["request"]
    info = request.strategy.fetch_for_product(product)
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.get_title(),
        "description": product.get_meta_description() or "",
        "url": request.build_absolute_uri(product.get_absolute_url()),
        "sku": product.upc or str(product.pk),
    }
    if image_url:
        data["image"] = request.build_absolute_uri(image_url)
    if info.stockrecord is not None:
        data["brand"] = {"@type": "Organization", "name": info.stockrecord.partner.name}
    if info.price.exists:
        price = info.price.incl_tax if info.price.is_tax_known else info.price.excl_tax
        data["offers"] = {
            "@type": "Offer",
            "price": str(int(price)),
            "priceCurrency": info.price.currency,
            "url": data["url"],
            "availability": "https://schema.org/"
            + ("InStock" if info.availability.is_available_to_buy else "OutOfStock"),
        }
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')

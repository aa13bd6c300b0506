"""Records the source of a basket addition made from an editorial page.

The add-to-basket forms of shoppable blocks post Oscar's own basket form plus a
`source_page` field; Oscar's `basket_addition` signal hands us the request after the line
exists, so no basket view is copied or forked for this.
"""

from django.dispatch import receiver
from oscar.apps.basket.signals import basket_addition
from wagtail.models import Page

from commerce.provenance.services import basket_line_source_record

SOURCE_FIELD = "source_page"


@receiver(basket_addition, dispatch_uid="sources.record_basket_line_source")
def record_basket_line_source(sender, product, request, **kwargs):
    page_id = request.POST.get(SOURCE_FIELD, "")
    if not page_id.isdigit():
        return
    page = Page.objects.filter(pk=int(page_id)).first()
    line = getattr(sender, "line", None)
    if page is None or line is None:
        return
    basket_line_source_record(line=line, page=page)

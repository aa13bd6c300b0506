"""What every editorial page shares: SEO metadata and the live catalogue for its blocks."""

from cms_pages.forms import ThecenPageForm
from cms_pages.selectors import page_catalogue


class SeoMixin:
    """Meta description, OpenGraph and schema.org JSON-LD. Pages override `json_ld`."""

    og_type = "website"
    # A malformed StreamField POST is a form error, not a server error (cms_pages/forms.py).
    base_form_class = ThecenPageForm

    def get_meta_description(self) -> str:
        return self.search_description or getattr(self, "lead", "") or ""

    def get_og_image(self):
        return getattr(self, "hero_image", None)

    def json_ld(self, request) -> dict | list | None:
        return None


class ShoppableMixin:
    """Fetches, in one batch, the live catalogue data of every shoppable block on the page."""

    shoppable_streams: tuple[str, ...] = ("body",)
    #: What a basket line added from this page records as its source (see commerce.provenance).
    basket_source_kind: str | None = None

    def get_shoppable_catalogue(self, request):
        streams = [getattr(self, name) for name in self.shoppable_streams]
        return page_catalogue(request=request, streams=streams)

    def accepts_basket_additions(self) -> bool:
        return True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = self.get_shoppable_catalogue(request)
        context["basket_source"] = self if self.accepts_basket_additions() else None
        return context

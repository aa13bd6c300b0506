"""StreamField blocks. Shoppable blocks store only catalogue ids; their live data (price,
availability, enterprise) is fetched for the whole page in one batch by
`cms_pages.selectors.shoppable_catalogue` and read here from the template context."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from cms_pages.choosers import partner_chooser_viewset, product_chooser_viewset


class IdChooserBlock(blocks.ChooserBlock):
    """A chooser block whose Python value is the chosen object's id, not the object:
    reading a page's StreamField never queries the catalogue."""

    viewset = None

    @cached_property
    def target_model(self):
        return self.viewset.model

    @cached_property
    def widget(self):
        return self.viewset.widget_class()

    def to_python(self, value):
        if value in (None, ""):
            return None
        return getattr(value, "pk", None) or int(value)

    def bulk_to_python(self, values):
        return [self.to_python(value) for value in values]

    def get_prep_value(self, value):
        return getattr(value, "pk", value)

    def value_from_form(self, value):
        return self.to_python(value)

    def extract_references(self, value):
        if value is not None:
            yield self.target_model, str(value), "", ""


class ProductChooserBlock(IdChooserBlock):
    viewset = product_chooser_viewset

    class Meta:
        icon = "tag"


class PartnerChooserBlock(IdChooserBlock):
    viewset = partner_chooser_viewset

    class Meta:
        icon = "group"


def _list_ids(raw_list):
    """Ids of a ListBlock's raw value, in either of Wagtail's storage formats."""
    ids = []
    for item in raw_list or []:
        value = item.get("value") if isinstance(item, dict) else item
        if value:
            ids.append(int(value))
    return ids


class ShoppableBlockMixin:
    """Lets a page collect, before rendering, every catalogue id its blocks need."""

    def catalogue_refs(self, raw):
        """Return (product ids, partner ids) used by this block's raw value."""
        raise NotImplementedError


class ProductBlock(ShoppableBlockMixin, blocks.StructBlock):
    product = ProductChooserBlock(label=_("Product or service"))
    note = blocks.CharBlock(label=_("Note"), required=False, max_length=200)

    def catalogue_refs(self, raw):
        return ([int(raw["product"])] if raw.get("product") else []), []

    class Meta:
        icon = "tag"
        label = _("Product or service")
        template = "cms_pages/blocks/product.html"


class ProductListBlock(ShoppableBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    products = blocks.ListBlock(ProductChooserBlock(label=_("Product or service")))

    def catalogue_refs(self, raw):
        return _list_ids(raw.get("products")), []

    class Meta:
        icon = "list-ul"
        label = _("List of products and services")
        template = "cms_pages/blocks/product_list.html"


class EnterpriseOfferBlock(ShoppableBlockMixin, blocks.StructBlock):
    enterprise = PartnerChooserBlock(label=_("Enterprise"))
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)

    def catalogue_refs(self, raw):
        return [], ([int(raw["enterprise"])] if raw.get("enterprise") else [])

    class Meta:
        icon = "group"
        label = _("An enterprise's whole offer")
        template = "cms_pages/blocks/enterprise_offer.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "cms_pages/blocks/quote.html"


def shoppable_blocks():
    return [
        ("product", ProductBlock()),
        ("product_list", ProductListBlock()),
        ("enterprise_offer", EnterpriseOfferBlock()),
    ]


def required_image_block(label=None) -> ImageBlock:
    """An image block that must hold an image even in a draft: Wagtail defers "required" when
    saving a draft, so an empty block was saved and then blocked the submission."""
    block = ImageBlock(label=label or _("Image"))
    block.child_blocks["image"].meta.required_on_save = True
    return block


def story_body_blocks():
    return [
        ("paragraph", blocks.RichTextBlock(label=_("Paragraph"))),
        ("image", required_image_block()),
        ("quote", QuoteBlock()),
        ("embed", EmbedBlock(label=_("Embed"))),
        *shoppable_blocks(),
    ]


class ProgrammeItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label=_("Time"), required=False)
    title = blocks.CharBlock(label=_("Title"))
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "time"
        label = _("Programme item")
        template = "cms_pages/blocks/programme_item.html"


class ParticipantBlock(ShoppableBlockMixin, blocks.StructBlock):
    """A participating enterprise and what it brings to the event (shoppable)."""

    enterprise = PartnerChooserBlock(label=_("Enterprise"))
    brings = blocks.CharBlock(label=_("What it brings"), required=False, max_length=200)
    # Optional: a participant may bring no goods, so the list starts empty (Wagtail's default
    # is one empty, required item, which made such an event impossible to save).
    products = blocks.ListBlock(
        ProductChooserBlock(label=_("Product or service"), required=False),
        required=False,
        min_num=0,
        default=[],
    )

    def catalogue_refs(self, raw):
        partners = [int(raw["enterprise"])] if raw.get("enterprise") else []
        return _list_ids(raw.get("products")), partners

    class Meta:
        icon = "group"
        label = _("Participating enterprise")
        template = "cms_pages/blocks/participant.html"


def stream_catalogue_refs(stream_value) -> tuple[set[int], set[int]]:
    """Every product and partner id a StreamField value refers to, read from its raw data."""
    product_ids, partner_ids = set(), set()
    child_blocks = stream_value.stream_block.child_blocks
    for item in stream_value.raw_data:
        block = child_blocks.get(item["type"])
        if isinstance(block, ShoppableBlockMixin):
            products, partners = block.catalogue_refs(item["value"] or {})
            product_ids.update(products)
            partner_ids.update(partners)
    return product_ids, partner_ids

"""Product pictures drawn with Pillow, so the shop does not look empty: a soft studio
background in a colour of the product's kind, an object shape and the product's name."""

import zlib
from io import BytesIO

from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from PIL import Image, ImageDraw, ImageFilter, ImageFont

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
PALETTE = [
    ((236, 244, 238), (11, 110, 79)),
    ((250, 240, 228), (176, 96, 32)),
    ((238, 241, 250), (52, 84, 160)),
    ((250, 236, 238), (160, 52, 72)),
    ((244, 242, 230), (120, 110, 30)),
]


def _font(size: int):
    try:
        return ImageFont.truetype(FONT, size, index=1)  # the Korean face of Noto Sans CJK
    except OSError:
        return ImageFont.load_default()


def product_picture(title: str, *, service: bool, size: int = 900) -> bytes:
    seed = zlib.crc32(title.encode())
    background, ink = PALETTE[seed % len(PALETTE)]
    picture = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(picture)
    for y in range(size):  # light from above
        shade = tuple(min(255, c + (size - y) // 30) for c in background)
        draw.line([(0, y), (size, y)], fill=shade)
    shadow = Image.new("L", (size, size), 0)
    ImageDraw.Draw(shadow).ellipse([size * 0.22, size * 0.70, size * 0.78, size * 0.78], fill=90)
    shadow = shadow.filter(ImageFilter.GaussianBlur(18))
    picture.paste((0, 0, 0), mask=shadow.point(lambda v: v // 3))
    light = tuple(min(255, c + 70) for c in ink)
    if service:  # a speech bubble and a person: help that comes to you
        draw.rounded_rectangle([size * 0.26, size * 0.18, size * 0.74, size * 0.50], 40, fill=ink)
        draw.polygon(
            [(size * 0.40, size * 0.50), (size * 0.48, size * 0.50), (size * 0.38, size * 0.60)],
            fill=ink,
        )
        draw.ellipse([size * 0.56, size * 0.46, size * 0.68, size * 0.58], fill=light)
        draw.rounded_rectangle([size * 0.52, size * 0.58, size * 0.72, size * 0.74], 30, fill=light)
    else:  # a parcel with a ribbon
        box = [size * 0.27, size * 0.30, size * 0.73, size * 0.74]
        draw.rounded_rectangle(box, 24, fill=ink)
        draw.rectangle([size * 0.27, size * 0.30, size * 0.73, size * 0.40], fill=light)
        draw.rectangle([size * 0.47, size * 0.30, size * 0.53, size * 0.74], fill=light)
    font = _font(size // 16)
    label = title if len(title) <= 14 else title[:13] + "…"
    width = draw.textlength(label, font=font)
    draw.text(((size - width) / 2, size * 0.83), label, font=font, fill=(40, 44, 48))
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=86)
    return buffer.getvalue()


def load() -> int:
    """Give every product without a picture one; returns how many were drawn."""
    drawn = 0
    for product in Product.objects.filter(images__isnull=True).select_related("product_class"):
        service = not (product.product_class and product.product_class.requires_shipping)
        data = product_picture(product.get_title(), service=service)
        image = ProductImage(product=product, caption=product.get_title(), display_order=0)
        image.original.save(f"demo-product-{product.pk}.jpg", ContentFile(data), save=False)
        image.save()
        drawn += 1
    return drawn

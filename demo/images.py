"""Demo pictures drawn with Pillow (no files to ship): soft gradients in the site's colours."""

import zlib
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

WagtailImage = get_image_model()


def image_make(*, title: str, colour: tuple[int, int, int], size=(1600, 900)):
    """Return the Wagtail image called `title`, drawing it the first time."""
    existing = WagtailImage.objects.filter(title=title).first()
    if existing is not None:
        return existing
    picture = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    width, height = size
    for step in range(0, height, 6):
        shade = tuple(min(255, c + step // 8) for c in colour)
        draw.rectangle([0, step, width, step + 6], fill=shade)
    draw.ellipse([width * 0.6, height * 0.15, width * 0.9, height * 0.7], fill=(245, 166, 35))
    buffer = BytesIO()
    picture.save(buffer, format="PNG")
    image = WagtailImage(
        title=title, file=ImageFile(buffer, name=f"demo-{zlib.crc32(title.encode())}.png")
    )
    image.save()
    return image

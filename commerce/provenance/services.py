from commerce.provenance.models import BasketLineSource


def basket_line_source_record(*, line, page) -> BasketLineSource | None:
    """Remember that `line` was added from `page`.

    Only pages that declare a `basket_source_kind` (stories, MC campaigns) and currently accept
    basket additions are recorded. The latest page wins: a campaign that brings a reader back
    to a product they first saw in a story takes the credit.
    """
    page = page.specific
    kind = getattr(page, "basket_source_kind", None)
    if kind not in BasketLineSource.Kind.values or not page.live:
        return None
    accepts = getattr(page, "accepts_basket_additions", None)
    if accepts is not None and not accepts():
        return None
    source, _ = BasketLineSource.objects.update_or_create(
        line=line, defaults={"page": page, "kind": kind}
    )
    return source

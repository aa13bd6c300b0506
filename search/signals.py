"""Keep the index true: every registered kind is re-synced after the change commits."""

from __future__ import annotations

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from oscar.core.loading import get_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from commerce.orderpayments.signals import orders_cancelled
from search.models import SearchSynonym
from search.registry import registry
from search.tasks import enqueue_sync, enqueue_synonyms_push

StockRecord = get_model("partner", "StockRecord")


def _later(kind: str, pks) -> None:
    pks = list(pks)
    transaction.on_commit(partial(enqueue_sync, kind, pks))


def _sync_pages(pages) -> None:
    """Re-sync these pages, whatever their specific class, by kind."""
    by_class: dict[int, list[int]] = {}
    for content_type_id, pk in pages:
        by_class.setdefault(content_type_id, []).append(pk)
    for content_type_id, pks in by_class.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for builder in registry.for_model(model) if model else []:
            _later(builder.kind, pks)


def _subtree(page):
    return Page.objects.descendant_of(page, inclusive=True).values_list("content_type_id", "pk")


def on_page_changed(sender, instance, **kwargs):
    _sync_pages([(instance.content_type_id, instance.pk)])


def on_page_moved(sender, instance, **kwargs):
    # A move changes the URL of the page and of everything under it.
    _sync_pages(_subtree(instance))


def on_restriction_changed(sender, instance, **kwargs):
    # Making a section private (or public again) changes what readers may find under it.
    _sync_pages(_subtree(instance.page))


def on_object_saved_or_deleted(sender, instance, builder=None, **kwargs):
    _later(builder.kind, [instance.pk])


def on_dependency_changed(sender, instance, builder=None, pks_of=None, **kwargs):
    try:
        pks = pks_of(instance)
    except ObjectDoesNotExist:  # deleted along with its product: nothing left to re-sync
        return
    _later(builder.kind, pks)


def on_orders_cancelled(sender, lines, **kwargs):
    # A batch expiry frees stock in one UPDATE, without the stock records' post_save: re-sync
    # the products it touched, once per kind for the whole batch.
    products = {line.product.parent_id or line.product_id for line in lines if line.product_id}
    for builder in registry:
        if StockRecord in builder.dependencies:
            _later(builder.kind, products)


def on_synonyms_changed(sender, instance, **kwargs):
    transaction.on_commit(enqueue_synonyms_push)


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            on_synonyms_changed,
            sender=SearchSynonym,
            dispatch_uid=f"search-synonyms-{id(signal)}",
        )
    orders_cancelled.connect(on_orders_cancelled, dispatch_uid="search-orders-cancelled")
    page_published.connect(on_page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(on_page_changed, dispatch_uid="search-page-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search-page-moved")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search-restriction-{id(signal)}",
        )
    for builder in registry:
        for signal in (post_save, post_delete):
            if not issubclass(builder.model, Page) or signal is post_delete:
                signal.connect(
                    partial(on_object_saved_or_deleted, builder=builder),
                    sender=builder.model,
                    weak=False,
                    dispatch_uid=f"search-{builder.kind}-{id(signal)}",
                )
            for model, pks_of in builder.dependencies.items():
                signal.connect(
                    partial(on_dependency_changed, builder=builder, pks_of=pks_of),
                    sender=model,
                    weak=False,
                    dispatch_uid=f"search-{builder.kind}-{model.__name__}-{id(signal)}",
                )

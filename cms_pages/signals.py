"""Keep the stories' catalogue references in step with what is published."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished

from cms_pages.middleware import forget_site_lookups
from cms_pages.models import StoryPage
from cms_pages.services import story_references_clear, story_references_sync


def _on_published(sender, instance, **kwargs):
    story_references_sync(story=instance)


def _on_unpublished(sender, instance, **kwargs):
    story_references_clear(story=instance)


def connect() -> None:
    post_save.connect(forget_site_lookups, sender=Site, dispatch_uid="site-lookups-saved")
    post_delete.connect(forget_site_lookups, sender=Site, dispatch_uid="site-lookups-deleted")

    page_published.connect(_on_published, sender=StoryPage, dispatch_uid="story-refs-published")
    page_unpublished.connect(
        _on_unpublished, sender=StoryPage, dispatch_uid="story-refs-unpublished"
    )

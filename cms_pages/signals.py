"""Keep the stories' catalogue references in step with what is published."""

from wagtail.signals import page_published, page_unpublished


def _on_published(sender, instance, **kwargs):
    from cms_pages.services import story_references_sync

    story_references_sync(story=instance)


def _on_unpublished(sender, instance, **kwargs):
    from cms_pages.services import story_references_clear

    story_references_clear(story=instance)


def connect() -> None:
    from cms_pages.models import StoryPage

    page_published.connect(_on_published, sender=StoryPage, dispatch_uid="story-refs-published")
    page_unpublished.connect(
        _on_unpublished, sender=StoryPage, dispatch_uid="story-refs-unpublished"
    )

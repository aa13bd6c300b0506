"""Wagtail page models, split by kind; every page mixes in `SeoMixin` (see mixins.py)."""

from cms_pages.models.campaigns import CampaignIndexPage, CampaignPage
from cms_pages.models.enterprises import EnterpriseIndexPage, EnterprisePage
from cms_pages.models.events import EventIndexPage, EventPage
from cms_pages.models.home import HomePage
from cms_pages.models.mentions import StoryCatalogueReference
from cms_pages.models.profiles import ContentCreatorProfile
from cms_pages.models.registrations import EventRegistration
from cms_pages.models.stories import StoryIndexPage, StoryPage, StoryPageTag

__all__ = [
    "CampaignIndexPage",
    "CampaignPage",
    "ContentCreatorProfile",
    "EnterpriseIndexPage",
    "EnterprisePage",
    "EventIndexPage",
    "EventPage",
    "EventRegistration",
    "HomePage",
    "StoryCatalogueReference",
    "StoryIndexPage",
    "StoryPage",
    "StoryPageTag",
]

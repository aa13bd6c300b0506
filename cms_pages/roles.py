"""Which page types each editorial role works on.

Wagtail's page permissions are per subtree, not per page type, so the data migration grants
Contents Creators and Market Creators rights on the whole tree and these rules narrow them:
Contents Creators write stories and enterprise profiles, Market Creators campaigns.
Editors (and anyone outside these groups, such as superusers) are not narrowed.
"""

from cms_pages.models import CampaignPage, EnterprisePage, StoryPage
from commerce.core.roles import CONTENTS_CREATORS, EDITORS, MARKET_CREATORS

__all__ = ["CONTENTS_CREATORS", "EDITORS", "MARKET_CREATORS", "page_types_for"]

PAGE_TYPES_BY_ROLE = {
    CONTENTS_CREATORS: {StoryPage, EnterprisePage},
    MARKET_CREATORS: {CampaignPage},
}


def page_types_for(user) -> set | None:
    """The page types `user` may create or edit, or None for no restriction."""
    if user.is_superuser:
        return None
    groups = set(user.groups.values_list("name", flat=True))
    if EDITORS in groups or not groups & PAGE_TYPES_BY_ROLE.keys():
        return None
    allowed = set()
    for role in groups & PAGE_TYPES_BY_ROLE.keys():
        allowed |= PAGE_TYPES_BY_ROLE[role]
    return allowed


def user_may_work_on(user, page_class) -> bool:
    allowed = page_types_for(user)
    return allowed is None or page_class in allowed

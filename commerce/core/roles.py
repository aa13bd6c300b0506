"""The names of the staff groups (created by the cms_pages data migration).

A module that imports nothing, so that commerce can ask "is this user an editor?" without
importing the editorial app.
"""

CONTENTS_CREATORS = "콘텐츠크리에이터"
EDITORS = "편집자"
MARKET_CREATORS = "마켓크리에이터"
MODERATORS = "검토자"  # Wagtail's own "Moderators" group
EDITORIAL_WORKFLOW = "편집 검토"
EDITORS_APPROVAL = "편집자 승인"  # the workflow's one task
MODERATORS_APPROVAL = "검토자 승인"  # Wagtail's default workflow and its task
# Staff see these names in the admin, so they are Korean (cms_pages migration 0009 renamed
# the English ones); a migration written after it uses these names, one before the English.

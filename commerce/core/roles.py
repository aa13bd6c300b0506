"""The names of the staff groups (created by the cms_pages data migrations, in Korean since
cms_pages 0008: staff read them in the admin as they are stored).

A module that imports nothing, so that commerce can ask "is this user an editor?" without
importing the editorial app.
"""

CONTENTS_CREATORS = "콘텐츠 크리에이터"
EDITORS = "편집자"
MARKET_CREATORS = "마켓크리에이터"
MODERATORS = "검수자"  # Wagtail's own "Moderators" group, renamed
EDITORIAL_WORKFLOW = "편집 검토"

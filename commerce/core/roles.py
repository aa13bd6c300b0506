"""The names of the staff groups (created by the cms_pages data migration).

A module that imports nothing, so that commerce can ask "is this user an editor?" without
importing the editorial app.
"""

CONTENTS_CREATORS = "Contents Creators"
EDITORS = "Editors"
MARKET_CREATORS = "Market Creators"
MODERATORS = "Moderators"  # Wagtail's own group
EDITORIAL_WORKFLOW = "Editorial review"

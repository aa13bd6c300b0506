"""Find the enterprise profile page a free-text profile address pointed to.

Used by the data migration that turned ``PartnerApplication.profile_url`` into a link to the
page; it takes the models as arguments so that the migration can pass its historical ones.
"""

import re
from urllib.parse import unquote, urlsplit

_ADMIN_EDIT = re.compile(r"/pages/(\d+)(?:/|$)")


def profile_page_for_url(url: str, *, enterprise_pages, sites):
    """The EnterprisePage that ``url`` names, or None.

    Understood: the page's public address, absolute or from the site root
    (``https://thecen.kr/enterprises/haessal/``, ``/enterprises/haessal``), an admin edit
    link (``/cms/pages/42/edit/``), or a bare slug when only one profile has it.
    """
    url = (url or "").strip()
    if not url:
        return None
    path = unquote(urlsplit(url).path if "://" in url else url.split("?")[0].split("#")[0])
    admin = _ADMIN_EDIT.search(path)
    if admin:
        return enterprise_pages.filter(pk=int(admin.group(1))).first()
    path = "/" + path.strip("/") + "/"
    candidates = [
        site.root_page.url_path + path.lstrip("/") for site in sites.select_related("root_page")
    ]
    page = enterprise_pages.filter(url_path__in=candidates).first()
    if page is not None:
        return page
    slug = path.strip("/").rsplit("/", 1)[-1]
    matches = list(enterprise_pages.filter(slug=slug)[:2]) if slug else []
    return matches[0] if len(matches) == 1 else None

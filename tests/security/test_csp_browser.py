"""The Content-Security-Policy of the production settings, in Chromium: each page type of the
site, served by gunicorn under thecen.settings.production (collected static files, the real
headers), reports no `securitypolicyviolation` event."""

import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest
from django.db import connection
from oscar.core.loading import get_model

from tests.factories.commerce import create_goods
from tests.factories.pages import PageTree
from tests.security.test_database_restart import REPO, free_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def production_site(transactional_db):
    tree = PageTree()
    story = tree.story()
    event = tree.event()
    partner = get_model("partner", "Partner").objects.create(name="가나 협동조합", code="ga")
    goods = create_goods(partner=partner, title="가나 쌀", price=20000, stock=9)
    db = connection.settings_dict
    static_root = tempfile.mkdtemp(prefix="thecen-static-")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="thecen.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATIC_ROOT=static_root,
        DJANGO_SECURE_SSL_REDIRECT="false",  # no TLS proxy in front of it here
        DATABASE_URL=f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=REPO,
        env=env,
        check=True,
        timeout=600,
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "thecen.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
        cwd=REPO,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(base + "/sitemap.xml", timeout=5)
            break
        except OSError:
            time.sleep(0.5)
    pages = {
        "home": "/",
        "story": story.url,
        "event": event.url,
        "story index": tree.stories.url,
        "catalogue": "/catalogue/",
        "product": goods.get_absolute_url(),
        "basket": "/basket/",
        "search": "/search/?q=쌀",
        "login": "/accounts/login/",
        "partner application": "/partners/apply/",
    }
    yield base, pages
    server.terminate()
    server.wait(timeout=30)


def test_no_page_type_violates_the_content_security_policy(production_site, page):
    base, pages = production_site
    page.add_init_script(LISTEN)
    violations = {}
    for name, path in pages.items():
        response = page.goto(base + path)
        assert response.status == 200, (name, response.status)
        assert "script-src" in response.headers.get("content-security-policy", "")
        page.wait_for_load_state("networkidle")
        found = page.evaluate("window.__csp")
        if found:
            violations[name] = found
    print(f"\nCSP: {len(pages)} page types, {sum(map(len, violations.values()))} violations")
    assert not violations, violations

"""`make run`'s path: the site migrates an SQLite file and loads its demo, twice without harm."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def manage(*args: str, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_demo_loads_twice_on_sqlite_and_serves_the_home_page(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thecen.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "THECEN_SEARCH_URL": "",
    }
    manage("migrate", "--noinput", env=env)
    manage("load_demo", env=env)
    manage("load_demo", env=env)  # a second run changes nothing

    counts = manage(
        "shell",
        "-c",
        "from oscar.core.loading import get_model;"
        "from cms_pages.models import HomePage, StoryPage;"
        "from django.test import Client;"
        "print(get_model('catalogue','Product').objects.count(),"
        " HomePage.objects.count(), StoryPage.objects.live().count(),"
        " Client().get('/').status_code)",
        env=env,
    )
    products, homes, stories, status = counts.strip().splitlines()[-1].split()
    assert int(products) >= 6
    assert homes == "1"
    assert int(stories) >= 3
    assert status == "200"

"""Editors log into the Wagtail admin (/cms/) and operators into Oscar's dashboard."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(
        username="editor",
        email="editor@thecen.kr",
        password="pw-editor-2026",
        is_staff=True,
        is_superuser=True,
    )


@pytest.mark.parametrize("url", ["/cms/login/", "/dashboard/login/"])
def test_login_pages_render_in_korean(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "비밀번호" in response.content.decode()


def test_editor_logs_into_the_wagtail_admin(client, editor):
    response = client.post(
        "/cms/login/", {"username": "editor", "password": "pw-editor-2026"}, follow=True
    )
    assert response.request["PATH_INFO"] == "/cms/"
    assert "대시보드" in response.content.decode()


def test_editor_logs_into_the_oscar_dashboard(client, editor):
    response = client.post(
        "/dashboard/login/",
        {"username": "editor@thecen.kr", "password": "pw-editor-2026"},
        follow=True,
    )
    assert response.request["PATH_INFO"] == "/dashboard/"
    assert response.context["user"] == editor


def test_a_wrong_password_is_refused(client, editor):
    response = client.post("/cms/login/", {"username": "editor", "password": "nope"})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated

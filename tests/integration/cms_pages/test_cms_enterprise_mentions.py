"""An enterprise's profile lists the stories that mention it, written or embedded."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms_pages.models import StoryCatalogueReference
from tests.factories.editorial import goods, partner, product_blocks
from tests.factories.pages import PageTree

pytestmark = pytest.mark.django_db


def story_titles(response) -> list[str]:
    """The story cards in the profile's "stories" section, in order (none: no section)."""
    assert response.status_code == 200
    html = response.content.decode()
    if 'data-testid="enterprise-stories"' not in html:
        return []
    section = html.split('data-testid="enterprise-stories"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<h3 class="h5"><a href="[^"]*">([^<]+)</a></h3>', section)


@pytest.fixture
def site():
    tree = PageTree()
    bakery = partner("해님베이커리", "haenim")
    other = partner("달빛공방", "dalbit")
    return {
        "tree": tree,
        "bakery": bakery,
        "other": other,
        "profile": tree.enterprise(bakery, title="해님베이커리"),
        "bread": goods("우리밀 통밀식빵", 6500, 10, enterprise=bakery, upc="BREAD"),
        "candle": goods("밀랍 초", 9000, 10, enterprise=other, upc="CANDLE"),
    }


def publish_story(tree, title, *, days_ago, body=(), mentions=(), live=True):
    story = tree.story(
        title=title,
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        body=list(body),
        live=False,
    )
    story.enterprises.set(mentions)
    revision = story.save_revision()
    if live:
        revision.publish()
    return story


def test_profile_lists_written_and_embedded_mentions_newest_first_once_each(client, site):
    tree, bakery = site["tree"], site["bakery"]
    publish_story(tree, "빵집 사장님 인터뷰", days_ago=5, mentions=[bakery])
    publish_story(tree, "아침 식탁 이야기", days_ago=1, body=product_blocks([site["bread"]]))
    publish_story(
        tree,
        "동네 가게 한 바퀴",
        days_ago=3,
        body=[("enterprise_offer", {"enterprise": bakery.pk, "heading": ""})],
    )
    publish_story(
        tree,
        "두 번 언급된 이야기",
        days_ago=2,
        body=product_blocks([site["bread"]]),
        mentions=[bakery],
    )
    publish_story(tree, "초를 만드는 사람들", days_ago=0, body=product_blocks([site["candle"]]))
    publish_story(
        tree, "아직 쓰는 중", days_ago=0, body=product_blocks([site["bread"]]), live=False
    )
    private = publish_story(
        tree, "회원 전용 이야기", days_ago=0, body=product_blocks([site["bread"]])
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    response = client.get(site["profile"].url)

    assert story_titles(response) == [
        "아침 식탁 이야기",
        "두 번 언급된 이야기",
        "동네 가게 한 바퀴",
        "빵집 사장님 인터뷰",
    ]


def test_publishing_a_story_with_the_product_adds_it_and_unpublishing_removes_it(client, site):
    tree = site["tree"]
    assert story_titles(client.get(site["profile"].url)) == []

    # when an editor publishes a story that embeds the bakery's bread
    story = publish_story(
        tree, "식빵 한 덩이의 하루", days_ago=0, body=product_blocks([site["bread"]])
    )
    assert story_titles(client.get(site["profile"].url)) == ["식빵 한 덩이의 하루"]
    assert StoryCatalogueReference.objects.filter(story=story).count() == 1

    # and takes the bread out in a draft: the live story still mentions it until published
    story.body = [("paragraph", "<p>빵 이야기는 다음에</p>")]
    revision = story.save_revision()
    assert story_titles(client.get(site["profile"].url)) == ["식빵 한 덩이의 하루"]
    revision.publish()
    assert story_titles(client.get(site["profile"].url)) == []

    # put back and published, then unpublished in the admin
    story.body = product_blocks([site["bread"]])
    story.save_revision().publish()
    assert story_titles(client.get(site["profile"].url)) == ["식빵 한 덩이의 하루"]
    client.force_login(
        get_user_model().objects.create_superuser("editor", "editor@thecen.kr", "pw-editor-123")
    )
    client.post(f"/cms/pages/{story.pk}/unpublish/")
    client.logout()
    assert story_titles(client.get(site["profile"].url)) == []
    assert not StoryCatalogueReference.objects.filter(story=story).exists()


def test_the_profile_query_count_does_not_grow_with_stories(
    client, site, django_assert_max_num_queries
):
    def add_stories(numbers):
        for n in numbers:
            body = (
                product_blocks([site["bread"]])
                if n % 2
                else [("enterprise_offer", {"enterprise": site["bakery"].pk, "heading": ""})]
            )
            publish_story(site["tree"], f"이야기 {n}", days_ago=n, body=body)

    def queries():
        client.get(url)  # warm the site-root cache like any running server
        with django_assert_max_num_queries(QUERY_BUDGET) as captured:
            response = client.get(url)
        return len(captured.captured_queries), len(story_titles(response))

    url = site["profile"].url
    add_stories(range(1))
    one = queries()
    add_stories(range(1, 12))
    twelve = queries()
    assert (one[1], twelve[1]) == (1, 6)  # the profile shows the newest six
    assert one[0] == twelve[0]


# Page, site, enterprise and its catalogue (see shoppable_catalogue), then one story query.
QUERY_BUDGET = 15


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_migration_indexes_stories_published_before_it(client, postgres):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    # given a live story written before the index existed (no publish signal, no rows)
    tree = PageTree()
    bakery = partner("해님베이커리", "haenim")
    profile = tree.enterprise(bakery, title="해님베이커리")
    bread = goods("우리밀 통밀식빵", 6500, 10, enterprise=bakery, upc="BREAD")
    tree.story(title="오래된 식빵 이야기", body=product_blocks([bread]))
    assert story_titles(client.get(profile.url)) == []

    # when the migration runs
    before, after = (
        ("cms_pages", "0003_editorial_groups_and_workflow"),
        (
            "cms_pages",
            "0004_story_catalogue_reference",
        ),
    )
    MigrationExecutor(connection).migrate([before])
    MigrationExecutor(connection).migrate([after])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    # then the profile finds the story
    assert story_titles(client.get(profile.url)) == ["오래된 식빵 이야기"]

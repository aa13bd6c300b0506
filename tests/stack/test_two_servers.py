"""Two app servers share everything: what one does, the other sees at once.

A page published and an image uploaded through server A are served by server B; a basket
filled on A is checked out on B. The servers share PostgreSQL, Redis (cache, locks), the S3
bucket (media, renditions) and the search cluster, and keep nothing of their own.
"""

import io
import random
import re
import uuid
from urllib.parse import quote

import boto3
import pytest
from PIL import Image
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.stack.conftest import Browser, admin_login, text_of

pytestmark = pytest.mark.stack


def test_a_story_published_on_a_is_on_b_at_once(stack):
    a, b = stack.apps
    (index_id,) = stack.query("SELECT id FROM wagtailcore_page WHERE url_path = '/home/이야기/'")[0]
    reader = Browser()
    status, before, _ = reader.get(f"{b}/%EC%9D%B4%EC%95%BC%EA%B8%B0/")  # B has the index cached
    assert status == 200

    editor = Browser()
    admin_login(editor, a)
    title = f"두 서버 이야기 {uuid.uuid4().hex[:6]}"
    status, page = editor.post(
        f"{a}/cms/pages/add/cms_pages/storypage/{index_id}/",
        {
            **nested_form_data(
                {
                    "title": title,
                    "slug": title.replace(" ", "-"),
                    "lead": "한 서버에서 쓰고 다른 서버에서 읽는다",
                    "date": "2026-12-01",
                    "service_group": "care",
                    "region": "seoul",
                    "body": streamfield([("paragraph", rich_text("<p>본문</p>"))]),
                }
            ),
            "action-publish": "action-publish",
        },
    )
    assert status == 200, text_of(page)[:800]
    rows = stack.query("SELECT url_path, live FROM wagtailcore_page WHERE title = %s", [title])
    assert rows and rows[0][1], f"not published: {text_of(page)[:800]}"
    url = rows[0][0].removeprefix("/home")

    status, story, _ = reader.get(b + quote(url))
    assert status == 200
    assert title in story
    status, index, _ = reader.get(f"{b}/%EC%9D%B4%EC%95%BC%EA%B8%B0/")
    assert title in index and title not in before


def test_an_image_uploaded_on_a_is_served_by_b_from_the_bucket(stack):
    a, b = stack.apps
    editor = Browser()
    admin_login(editor, a)
    title = f"장터 사진 {uuid.uuid4().hex[:6]}"
    picture = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 120, 40)).save(picture, format="PNG")
    (collection,) = stack.query("SELECT id FROM wagtailcore_collection WHERE depth = 1")[0]
    status, page = editor.post(
        f"{a}/cms/images/add/",
        {"title": title, "collection": collection, "tags": ""},
        files={"file": ("market.png", picture.getvalue(), "image/png")},
    )
    assert status == 200, text_of(page)[:800]
    rows = stack.query("SELECT id, file FROM wagtailimages_image WHERE title = %s", [title])
    assert rows, text_of(page)[:800]
    image_id, original = rows[0]

    # B renders the edit page with a preview rendition it makes from the original in the bucket.
    status, edit, _ = editor.get(f"{b}/cms/images/{image_id}/")
    assert status == 200
    preview = re.search(r'<img[^>]+src="([^"]+/images/[^"]+)"', edit)
    assert preview, "no rendition on B's image page"
    status, content, headers = Browser().get(preview.group(1).replace("&amp;", "&"))
    assert status == 200 and headers.get("Content-Type", "").startswith("image/")

    s3 = boto3.client(
        "s3",
        endpoint_url=stack.env["THECEN_S3_ENDPOINT_URL"],
        aws_access_key_id=stack.env["THECEN_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=stack.env["THECEN_S3_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    )
    keys = {
        item["Key"]
        for item in s3.list_objects_v2(Bucket=stack.env["THECEN_S3_BUCKET"], Prefix="media/")[
            "Contents"
        ]
    }
    assert f"media/{original}" in keys
    (rendition,) = stack.query(
        "SELECT file FROM wagtailimages_rendition WHERE image_id = %s LIMIT 1", [image_id]
    )[0]
    assert f"media/{rendition}" in keys


def test_a_basket_made_on_a_checks_out_on_b(stack):
    a, b = stack.apps
    (product_id, title) = stack.query(
        """
        SELECT p.id, p.title FROM catalogue_product p
        JOIN partner_stockrecord s ON s.product_id = p.id
        JOIN catalogue_productclass c ON c.id = p.product_class_id
        WHERE c.requires_shipping AND p.structure = 'standalone'
          AND s.num_in_stock - COALESCE(s.num_allocated, 0) > 5
        ORDER BY p.id LIMIT 1
        """
    )[0]
    shopper = Browser()
    status, _page = shopper.post(
        f"{a}/basket/add/{product_id}/", {"quantity": 1, "next": "/basket/"}
    )
    assert status == 200

    status, basket, _ = shopper.get(f"{b}/basket/")
    assert title in basket

    email = f"stack-{uuid.uuid4().hex[:8]}@example.kr"
    shopper.post(f"{b}/checkout/", {"options": "anonymous", "username": email})
    status, page = shopper.post(
        f"{a}/checkout/shipping-address/",
        {
            "first_name": "김하나",
            "phone_number": "010-1234-5678",
            "postcode": "03154",
            "line1": "서울특별시 종로구 세종대로 175",
            "line2": "3층",
            "country": "KR",
        },
    )
    assert status == 200, text_of(page)[:800]
    shopper.post(f"{b}/checkout/shipping-method/", {"method_code": "partner-shipping"})
    shopper.get(f"{b}/checkout/")
    shopper.post(f"{a}/checkout/preview/", {"payment_method": "bank-transfer"})
    status, thanks = shopper.post(f"{b}/checkout/preview/", {"action": "place_order"})
    assert status == 200, text_of(thanks)[:800]

    orders = stack.query("SELECT number, status FROM order_order WHERE guest_email = %s", [email])
    assert len(orders) == 1, text_of(thanks)[:800]
    number, order_status = orders[0]
    assert number in thanks
    assert order_status == "Awaiting deposit"


def test_a_shoppers_form_limit_counts_on_both_servers_and_only_for_that_shopper(stack):
    """The per-client limits live in the shared cache and count the shopper the proxy names,
    not the proxy: posts spread over A and B add up, and the next shopper is not held back."""
    a, b = stack.apps

    def shopper() -> Browser:
        # a documentation IPv6 prefix of its own (limits count a /64), so a stack kept up
        # between runs does not remember an earlier run's shopper
        prefix = ":".join(f"{random.randrange(1, 0xFFFF):x}" for _ in range(2))
        return Browser(forwarded_for=f"2001:db8:{prefix}::7")

    first = shopper()
    # the partner application allows 5 an hour; an incomplete one counts too and stores nothing
    answers = [first.post(f"{server}/partners/apply/", {"name": ""})[0] for server in [a, b] * 3]
    print(f"\npartner applications from one shopper over A and B: {answers}")
    assert all(code == 200 for code in answers[:5]), answers
    assert answers[5] == 429
    assert first.post(f"{a}/partners/apply/", {"name": ""})[0] == 429
    assert shopper().post(f"{b}/partners/apply/", {"name": ""})[0] == 200

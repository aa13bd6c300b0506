"""Test helpers for the search engine: a throwaway index prefix per test class."""

import os
import uuid

from django.test import TestCase, override_settings
from oscar.core.loading import get_model
from oscar.test.factories import create_product

from search import engine

Partner = get_model("partner", "Partner")
PartnerAddress = get_model("partner", "PartnerAddress")
Country = get_model("address", "Country")


def engine_url() -> str:
    url = os.environ.get("THECEN_SEARCH_URL", "")
    if not url:
        raise AssertionError("THECEN_SEARCH_URL is not set: run the tests with `make test`.")
    return url


def drop_indices(prefix: str) -> None:
    client = engine._client_for(engine_url(), 10.0)
    for name in client.indices.get(index=f"{prefix}-*", ignore_unavailable=True):
        client.indices.delete(index=name, ignore_unavailable=True)


class EngineTestCase(TestCase):
    """A TestCase talking to the real node, with indices of its own, dropped afterwards."""

    @classmethod
    def setUpClass(cls):
        base = os.environ.get("THECEN_SEARCH_INDEX_PREFIX", "test")
        cls.index_prefix = f"{base}-{uuid.uuid4().hex[:10]}"
        cls._engine_settings = override_settings(
            THECEN_SEARCH_URL=engine_url(), THECEN_SEARCH_INDEX_PREFIX=cls.index_prefix
        )
        cls._engine_settings.enable()
        try:
            super().setUpClass()
        except Exception:
            cls._engine_settings.disable()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            drop_indices(cls.index_prefix)
            cls._engine_settings.disable()

    def refresh(self):
        engine.get_client().indices.refresh(index=engine.alias_name())


def partner(name: str, *, state: str = "") -> Partner:
    found, _created = Partner.objects.get_or_create(name=name)
    if state and not found.addresses.exists():
        country, _ = Country.objects.get_or_create(
            iso_3166_1_a2="KR", defaults={"name": "대한민국", "printable_name": "대한민국"}
        )
        PartnerAddress.objects.create(
            partner=found, line1="중앙로 1", state=state, postcode="00000", country=country
        )
    return found


def product(title: str, *, price=10000, stock=5, description="", enterprise=None, **kwargs):
    made = create_product(
        title=title,
        price=price,
        num_in_stock=stock,
        partner_name=enterprise.name if enterprise else None,
        **kwargs,
    )
    if description:
        made.description = description
        made.save()
    return made

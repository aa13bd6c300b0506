"""Adds generated goods to the benchmark's demo database, so that searches and the catalogue
list pages of a realistic size (a search for a common word returns well over 20 hits).

    DJANGO_SETTINGS_MODULE=... python bench/catalogue_fill.py [--goods 600]

Run by bench/run.sh on its throwaway database only. The goods are sold by the demo's
partners, filed under the demo's categories, with Korean titles made from bench word lists.
"""

import argparse
import os
import random
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thecen.settings.production")

import django  # noqa: E402

django.setup()

from oscar.core.loading import get_model  # noqa: E402
from search_latency import ADJECTIVES, NOUNS, SERVICES  # noqa: E402

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")


def fill(count: int, rng: random.Random) -> int:
    goods = ProductClass.objects.filter(requires_shipping=True).first()
    partners = list(Partner.objects.all())
    categories = list(Category.objects.filter(depth__gt=1)) or list(Category.objects.all())
    products = Product.objects.bulk_create(
        [
            Product(
                title=f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {i}호",
                slug=f"bench-goods-{i}",
                upc=f"BENCH-{i:05d}",
                description=f"{rng.choice(SERVICES)}를 함께 하는 {rng.choice(NOUNS)}입니다.",
                product_class=goods,
                structure=Product.STANDALONE,
                is_public=True,
            )
            for i in range(count)
        ]
    )
    StockRecord.objects.bulk_create(
        StockRecord(
            product=product,
            partner=rng.choice(partners),
            partner_sku=product.upc,
            price_currency="KRW",
            price=Decimal(rng.randrange(3000, 90000, 500)),
            num_in_stock=rng.randint(0, 50),
        )
        for product in products
    )
    ProductCategory.objects.bulk_create(
        ProductCategory(product=product, category=rng.choice(categories)) for product in products
    )
    return len(products)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goods", type=int, default=600)
    args = parser.parse_args()
    print(f"added {fill(args.goods, random.Random(11))} generated goods")

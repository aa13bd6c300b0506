"""Demo enterprises (Oscar partners) and their goods."""

from decimal import Decimal

from oscar.core.loading import get_class, get_model

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")

ENTERPRISES = [
    ("dure-farm", "두레농장 협동조합"),
    ("haenim-bakery", "해님베이커리 사회적기업"),
    ("maeul-craft", "마을공방 마을기업"),
]

# (upc, enterprise, category path, title, description, price, stock)
GOODS = [
    (
        "CEN-G-001",
        "dure-farm",
        "먹거리 > 채소",
        "유기농 제철 채소 꾸러미",
        "동네 농장에서 그 주에 거둔 채소 다섯 가지를 담았습니다.",
        25000,
        40,
    ),
    (
        "CEN-G-002",
        "dure-farm",
        "먹거리 > 곡물",
        "무농약 현미 4kg",
        "협동조합 조합원 농가가 함께 기른 현미입니다.",
        18000,
        60,
    ),
    (
        "CEN-G-003",
        "haenim-bakery",
        "먹거리 > 빵",
        "우리밀 통밀식빵",
        "우리밀과 천연발효종으로 굽는 식빵입니다.",
        6500,
        30,
    ),
    (
        "CEN-G-004",
        "haenim-bakery",
        "먹거리 > 빵",
        "발달장애 제빵사의 쿠키 선물세트",
        "일자리를 만드는 베이커리의 대표 선물세트입니다.",
        12500,
        25,
    ),
    (
        "CEN-G-005",
        "maeul-craft",
        "생활용품 > 공예",
        "천연 염색 손수건 3매",
        "마을 어르신들이 쪽과 양파껍질로 물들였습니다.",
        15000,
        20,
    ),
    (
        "CEN-G-006",
        "maeul-craft",
        "생활용품 > 주방",
        "업사이클 나무 도마",
        "버려지는 원목 자투리로 만든 도마입니다.",
        32000,
        8,
    ),
]


def load() -> list[Product]:
    goods_class, _ = ProductClass.objects.get_or_create(
        slug="goods",
        defaults={"name": "상품", "requires_shipping": True, "track_stock": True},
    )
    partners = {
        code: Partner.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in ENTERPRISES
    }
    return [
        listing(partners[code], goods_class, upc, path, title, description, price, stock)
        for upc, code, path, title, description, price, stock in GOODS
    ]


def listing(partner, product_class, upc, path, title, description, price, stock) -> Product:
    """A standalone product in a category, sold by `partner` at `price` won (found by UPC)."""
    product, created = Product.objects.get_or_create(
        upc=upc,
        defaults={
            "title": title,
            "description": description,
            "product_class": product_class,
            "structure": Product.STANDALONE,
        },
    )
    if created:
        ProductCategory.objects.get_or_create(
            product=product, category=create_from_breadcrumbs(path)
        )
    StockRecord.objects.get_or_create(
        product=product,
        partner=partner,
        defaults={
            "partner_sku": upc,
            "price_currency": "KRW",
            "price": Decimal(price),
            "num_in_stock": stock,
        },
    )
    return product

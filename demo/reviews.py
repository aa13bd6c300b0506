"""Demo reviews: real purchases, reviews written through the right-to-review rule, approved
by an editor, some answered by the seller, so product cards show stars on `make run`."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from oscar.core.loading import get_class, get_model

from commerce.fulfilment.models import Courier
from commerce.fulfilment.services import (
    line_confirm,
    line_deliver,
    line_prepare,
    line_ship,
    line_ships,
)
from commerce.reviews.models import ProductReview
from commerce.reviews.services import review_answer_save, review_create
from demo.commerce import demo_order

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")

REVIEWERS = [("review-minji", "박민지"), ("review-junho", "최준호"), ("review-sora", "정소라")]
# (product upc, reviewer index, stars, title, text, the seller's answer or "")
REVIEWS = [
    (
        "CEN-G-001",
        0,
        5,
        "채소가 싱싱해요",
        "받자마자 샐러드를 해 먹었어요. 다음 주에도 주문할게요.",
        "맛있게 드셔 주셔서 고맙습니다. 다음 주에는 햇감자가 들어갑니다!",
    ),
    (
        "CEN-G-001",
        1,
        4,
        "양이 넉넉해요",
        "두 식구가 일주일 동안 먹기 충분했어요. 상추가 조금 시들었어요.",
        "상추는 더 꼼꼼히 포장하겠습니다. 알려 주셔서 감사해요.",
    ),
    ("CEN-G-002", 2, 5, "밥맛이 달라요", "현미인데도 부드럽게 지어져요. 아이들도 잘 먹어요.", ""),
    ("CEN-G-003", 0, 4, "선물용으로 좋아요", "포장이 깔끔해서 부모님 선물로 드렸어요.", ""),
    (
        "CEN-G-004",
        1,
        5,
        "또 살게요",
        "생산자 이야기를 읽고 샀는데 품질도 만족스러워요.",
        "이야기까지 읽어 주셔서 힘이 납니다. 고맙습니다.",
    ),
    (
        "CEN-G-305",
        0,
        5,
        "비닐 랩을 끊었어요",
        "빵이랑 반찬 덮을 때 써요. 씻어서 다시 쓰니 좋아요.",
        "오래 쓰시려면 찬물로 헹궈 말려 주세요. 고맙습니다!",
    ),
    ("CEN-G-305", 2, 4, "향이 은은해요", "처음엔 조금 뻣뻣한데 손 온기로 금방 붙어요.", ""),
    ("CEN-G-304", 1, 5, "선물로 딱", "커피 향이 살짝 나요. 사무실 책상에 두었어요.", ""),
    (
        "CEN-G-205",
        2,
        4,
        "마감이 고와요",
        "나무결이 예쁘고 손님상에 올리기 좋아요.",
        "하나씩 손으로 다듬었습니다. 좋게 봐 주셔서 감사합니다.",
    ),
    ("CEN-G-104", 0, 5, "포근해요", "어머니 무릎에 덮어 드렸더니 아주 좋아하세요.", ""),
]


def _buy(user, product) -> None:
    """A paid order, shipped and delivered by the seller and confirmed by the buyer: only a
    confirmed purchase (구매확정) gives the right to review."""
    line = demo_order(buyer=user, product=product).lines.get()
    if not line_ships(line):
        return
    seller = _seller(line.partner)
    courier = Courier.objects.filter(active=True).order_by("position").first()
    line_prepare(line=line, by=seller)
    line_ship(line=line, by=seller, courier=courier, tracking_number=f"55120000{line.pk:04d}")
    line_deliver(line=line, by=seller)
    line_confirm(line=line, by=user)


def _seller(partner):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=f"seller-{partner.code}"[:150],
        defaults={"email": f"{partner.code}@seller.example"},
    )
    if created:
        user.user_permissions.add(
            Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
        )
        partner.users.add(user)
    return user


def load() -> None:
    User = get_user_model()
    reviewers = [
        User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@demo.example", "first_name": name}
        )[0]
        for username, name in REVIEWERS
    ]
    for upc, who, stars, title, text, answer in REVIEWS:
        product = Product.objects.filter(upc=upc).first()
        user = reviewers[who]
        if product is None or ProductReview.objects.filter(product=product, user=user).exists():
            continue
        _buy(user, product)
        review = review_create(user=user, product=product, score=stars, title=title, body=text)
        review.status = ProductReview.APPROVED  # as an editor approves it in the dashboard
        review.save()
        if answer:
            partner = product.stockrecords.first().partner
            review_answer_save(review=review, user=_seller(partner), body=answer)

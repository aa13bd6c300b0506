from django.urls import path

from . import views

app_name = "partner_reviews"
urlpatterns = [
    path("dashboard/product-reviews/", views.PartnerReviewListView.as_view(), name="list"),
    path(
        "dashboard/product-reviews/<int:pk>/answer/",
        views.PartnerReviewAnswerView.as_view(),
        name="answer",
    ),
]

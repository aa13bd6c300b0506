from django.urls import path

from . import views

app_name = "partner_shipping"
urlpatterns = [
    path("dashboard/shipping-policy/", views.ShippingPolicyView.as_view(), name="policy"),
]

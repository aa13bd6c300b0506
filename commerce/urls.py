"""The commerce pages Oscar does not have: bookings, deposits, MC, partner membership."""

from django.urls import include, path

urlpatterns = [
    path("", include("commerce.core.urls")),
    path("", include("commerce.partner.urls")),
    path("", include("commerce.bookings.urls")),
    path("", include("commerce.orderpayments.urls")),
    path("", include("commerce.mc.urls")),
    path("", include("commerce.membership.urls")),
    path("", include("commerce.shipping.urls")),
    path("", include("commerce.reviews.urls")),
    path("", include("commerce.reports.urls")),
    path("", include("commerce.portone.urls")),
    path("", include("commerce.fulfilment.urls")),
    path("", include("commerce.settlement.urls")),
]

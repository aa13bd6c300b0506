from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    path("services/<int:pk>/reserve/", views.ReserveView.as_view(), name="reserve"),
    path("services/<int:pk>/ask/", views.AskView.as_view(), name="ask"),
    path("accounts/bookings/", views.MyBookingsView.as_view(), name="my-bookings"),
    path("accounts/bookings/<int:pk>/cancel/", views.booking_cancel_view, name="cancel"),
    path("dashboard/bookings/", views.PartnerBookingsView.as_view(), name="dashboard-bookings"),
    path(
        "dashboard/services/<int:product_pk>/",
        views.PartnerServiceView.as_view(),
        name="dashboard-service",
    ),
]

from django.urls import path

from . import views

app_name = "membership"
urlpatterns = [
    path("partners/apply/", views.ApplyView.as_view(), name="apply"),
    path("dashboard/membership/", views.PartnerMembershipView.as_view(), name="dashboard"),
]

from django.urls import path

from . import views

app_name = "mc"
urlpatterns = [
    path("mc/apply/", views.MCApplyView.as_view(), name="apply"),
    path("mc/dashboard/", views.MCDashboardView.as_view(), name="dashboard"),
    path("mc/statements/<int:pk>.csv", views.mc_statement_csv_view, name="statement_csv"),
]

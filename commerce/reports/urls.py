from django.urls import path

from . import views

app_name = "sales_reports"
urlpatterns = [
    path("dashboard/reports/sales/", views.SalesReportView.as_view(), name="sales"),
]

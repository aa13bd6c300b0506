from django.urls import path

from . import views

app_name = "orderpayments"

urlpatterns = [
    path("dashboard/deposits/", views.DepositsView.as_view(), name="deposits"),
    path(
        "dashboard/deposits/confirm/", views.DepositsConfirmView.as_view(), name="deposits-confirm"
    ),
    path(
        "dashboard/deposits/statement/",
        views.StatementImportView.as_view(),
        name="deposits-statement",
    ),
]

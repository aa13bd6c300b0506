from django.urls import path

from . import views

app_name = "orderpayments"

urlpatterns = [
    path("dashboard/deposits/", views.DepositsView.as_view(), name="deposits"),
]

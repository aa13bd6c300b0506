from django.urls import path

from . import views

app_name = "portone"

urlpatterns = [
    path("payments/portone/webhook/", views.webhook, name="webhook"),
]

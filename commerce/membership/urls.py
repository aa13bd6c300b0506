from django.urls import path

from . import views

app_name = "membership"
urlpatterns = [
    path("partners/apply/", views.ApplyView.as_view(), name="apply"),
]

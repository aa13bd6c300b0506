from django.urls import path

from . import views

urlpatterns = [path("policies/<slug:kind>/", views.policy_view, name="policy")]

from django.urls import path

from . import views

urlpatterns = [path("accounts/start/", views.after_login_view, name="after-login")]

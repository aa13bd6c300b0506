from django.urls import path

from . import views

app_name = "fulfilment"
urlpatterns = [
    path(
        "accounts/orders/<str:number>/lines/<int:line_id>/confirm/",
        views.LineConfirmView.as_view(),
        name="line-confirm",
    ),
    path(
        "accounts/orders/<str:number>/lines/<int:line_id>/return/",
        views.ReturnRequestView.as_view(),
        name="line-return",
    ),
]

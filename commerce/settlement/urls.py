from django.urls import path

from . import views

app_name = "settlement"
urlpatterns = [
    path("dashboard/settlement/", views.StatementListView.as_view(), name="statements"),
    path("dashboard/settlement/<int:pk>/", views.StatementDetailView.as_view(), name="statement"),
]

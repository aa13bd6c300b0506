from django.urls import path

from health import views

app_name = "health"

urlpatterns = [
    path("", views.start, name="start"),
    path("groups/", views.groups, name="groups"),
    path("results/", views.results, name="results"),
    path("results/<int:pk>/delete/", views.result_delete, name="result-delete"),
    path("go/<slug:kind>/<int:pk>/", views.follow, name="follow"),
]

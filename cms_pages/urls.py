from django.urls import path

from cms_pages import views

app_name = "cms_pages"
urlpatterns = [
    path("c/<slug:code>/", views.campaign_share, name="campaign_share"),
    path("c/<slug:code>/visit.gif", views.campaign_visit, name="campaign_visit"),
]

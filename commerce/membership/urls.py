app_name = "membership"
urlpatterns = []

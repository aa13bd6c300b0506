app_name = "mc"
urlpatterns = []

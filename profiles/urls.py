app_name = "profiles"

urlpatterns = []

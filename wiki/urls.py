app_name = "wiki"

urlpatterns = []

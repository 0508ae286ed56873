app_name = "microblog"

urlpatterns = []

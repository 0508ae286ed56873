"""The project's URLs plus a stand-in for the documents app's permalink, to test
``[[doc:N]]`` links as they will work once that app defines the URL."""

from django.http import HttpResponse
from django.urls import include, path

from alliance_hub.urls import urlpatterns as project_urlpatterns


def _permalink(request, pk):
    return HttpResponse(f"document {pk}")


documents_patterns = (
    [path("documents/<int:pk>/latest/", _permalink, name="document_permalink")],
    "documents",
)

urlpatterns = [p for p in project_urlpatterns if getattr(p, "namespace", None) != "documents"] + [
    path("", include(documents_patterns))
]

"""A URLconf without the search, for tests that swap ROOT_URLCONF."""

from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("", lambda request: HttpResponse(), name="home")]

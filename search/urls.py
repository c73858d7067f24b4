"""Search pages besides /search/ itself (which archive/urls.py names "search")."""

from django.urls import path

from search import views
from search.feeds import SearchFeed

urlpatterns = [
    path("help/", views.search_help, name="search_help"),
    path("feed", SearchFeed(), name="search_feed"),
    path("export.csv", views.search_export, {"fmt": "csv"}, name="search_export_csv"),
    path("export.json", views.search_export, {"fmt": "json"}, name="search_export_json"),
]

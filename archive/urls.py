from django.contrib import admin
from django.urls import include, path

from archive.api.root import api
from archive.browse import views
from archive.collect import views as collect_views
from archive.site import health
from search import views as search_views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("search/", search_views.search_page, name="search"),
    path("search/", include("search.urls")),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("articles/<slug:slug>/capture/", views.article_capture, name="article_capture"),
    path("captures/new/", collect_views.save_page, name="save_page"),
    path(
        "articles/<slug:slug>/versions/",
        collect_views.article_versions_page,
        name="article_versions",
    ),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("countries/<str:code>/", views.country_detail, name="country_detail"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
    path("organisations/", views.organisation_index, name="organisation_index"),
    path("people/", views.person_index, name="person_index"),
    path("events/", views.event_index, name="event_index"),
    path("countries/", views.country_index, name="country_index"),
    path("sources/", views.source_index, name="source_index"),
    path("timeline/", views.timeline, name="timeline"),
    path("timeline/<str:year>/", views.timeline_year, name="timeline_year"),
    path("about/", views.about, name="about"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler500 = "archive.site.middleware.server_error"

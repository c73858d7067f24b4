from django.urls import path

from archive.desk import views

urlpatterns = [
    path("", views.desk_queue, name="desk_queue"),
    path("<str:kind>/<slug:slug>/accept/", views.desk_accept, name="desk_accept"),
    path("<str:kind>/<slug:slug>/reject/", views.desk_reject, name="desk_reject"),
    path("<str:kind>/<slug:slug>/merge/", views.desk_merge, name="desk_merge"),
    path("<str:kind>/<slug:slug>/edit/", views.desk_edit, name="desk_edit"),
]

"""Addresses under /organisations/."""

from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.my_organisations, name="mine"),
    path("join/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/members/", views.member_list, name="members"),
    path(
        "<slug:slug>/members/<int:membership_id>/remove/",
        views.remove_member,
        name="remove_member",
    ),
    path("<slug:slug>/seats/<int:licence_id>/", views.licence_seats, name="seats"),
    path("<slug:slug>/seats/reclaim/<int:seat_id>/", views.reclaim, name="reclaim"),
    path("<slug:slug>/programmes/give/", views.give_programme, name="give_programme"),
    path("<slug:slug>/report/", views.report, name="report"),
]

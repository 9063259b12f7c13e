from django.urls import path

from reintegra.observations import views

app_name = "observations"

urlpatterns = [
    # /observations/people/<person id>/
    path("people/<uuid:person_pk>/", views.observation_list, name="person-observations"),
    path("people/<uuid:person_pk>/new/", views.observation_new, name="observation-new"),
    # /observations/<id>/
    path("<uuid:pk>/", views.observation_detail, name="observation-detail"),
    path(
        "<uuid:pk>/entered-in-error/",
        views.observation_entered_in_error,
        name="observation-entered-in-error",
    ),
]

from django.urls import path

from reintegra.people import views

app_name = "people"

urlpatterns = [
    # /people/
    path("", views.person_list, name="person-list"),
    path("new/", views.person_new, name="person-new"),
    # /people/<id>/
    path("<uuid:pk>/", views.person_detail, name="person-detail"),
    path("<uuid:pk>/transfer/", views.person_transfer_view, name="person-transfer"),
]

from django.urls import path

from reintegra.work import views

app_name = "work"

urlpatterns = [
    # /work/
    path("", views.my_work, name="my-work"),
    path("team/", views.team_work, name="team-work"),
]

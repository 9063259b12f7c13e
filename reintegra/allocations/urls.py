from django.urls import path

from reintegra.allocations import views

app_name = "allocations"

urlpatterns = [
    # /allocations/people/<person id>/
    path("people/<uuid:person_pk>/new/", views.allocation_new, name="decision-new"),
    # /allocations/<id>/
    path("<uuid:pk>/", views.decision_detail, name="decision-detail"),
    path("<uuid:pk>/decide/", views.decision_decide, name="decision-decide"),
]

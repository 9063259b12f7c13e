from django.urls import path

from reintegra.plans import views

app_name = "plans"

urlpatterns = [
    # /plans/people/<person id>/
    path("people/<uuid:person_pk>/", views.plan_person, name="plan-person"),
    path("people/<uuid:person_pk>/new/", views.plan_new, name="plan-new"),
    # /plans/<plan id>/
    path("<uuid:pk>/", views.plan_detail, name="plan-detail"),
    path("<uuid:pk>/edit/", views.plan_edit, name="plan-edit"),
    path("<uuid:pk>/objectives/new/", views.objective_new, name="objective-new"),
    path("<uuid:pk>/submit/", views.plan_submit_view, name="plan-submit"),
    path("<uuid:pk>/countersign/", views.plan_countersign_view, name="plan-countersign"),
    path("<uuid:pk>/reviews/new/", views.review_new, name="review-new"),
    # /plans/objectives/<objective id>/ and /plans/interventions/<intervention id>/
    path("objectives/<uuid:pk>/edit/", views.objective_edit, name="objective-edit"),
    path(
        "objectives/<uuid:pk>/interventions/new/",
        views.intervention_new,
        name="intervention-new",
    ),
    path("interventions/<uuid:pk>/edit/", views.intervention_edit, name="intervention-edit"),
]

from django.urls import path

from reintegra.release import views

app_name = "release"

urlpatterns = [
    # /release/people/<person id>/
    path("people/<uuid:person_pk>/", views.person_plan, name="person-plan"),
    path("people/<uuid:person_pk>/open/", views.plan_open, name="plan-open"),
    path("people/<uuid:person_pk>/release/", views.release_new, name="release-record"),
    # /release/<plan id>/
    path("<uuid:pk>/", views.plan_detail, name="plan-detail"),
    path("<uuid:pk>/status/", views.plan_status, name="plan-status"),
    path("<uuid:pk>/checklist/", views.checklist_edit, name="checklist-edit"),
    path("<uuid:pk>/conferences/new/", views.conference_new, name="conference-new"),
    path("<uuid:pk>/handover/", views.handover_new, name="handover-new"),
    # /release/pathways/<pathway entry id>/
    path("pathways/<uuid:pk>/", views.pathway_edit, name="pathway-edit"),
]

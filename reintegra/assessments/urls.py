from django.urls import path

from reintegra.assessments import views

app_name = "assessments"

urlpatterns = [
    # /assessments/people/<person id>/
    path("people/<uuid:person_pk>/screening/", views.screening_new, name="screening-new"),
    path("people/<uuid:person_pk>/new/", views.assessment_new, name="assessment-new"),
    # /assessments/screenings/<id>/
    path("screenings/<uuid:pk>/", views.screening_detail, name="screening-detail"),
    # /assessments/<id>/
    path("<uuid:pk>/", views.assessment_detail, name="assessment-detail"),
    path("<uuid:pk>/edit/", views.assessment_edit, name="assessment-edit"),
    path("<uuid:pk>/submit/", views.assessment_submit_view, name="assessment-submit"),
    path(
        "<uuid:pk>/countersign/", views.assessment_countersign_view, name="assessment-countersign"
    ),
    path("<uuid:pk>/addenda/", views.addendum_create, name="addendum-create"),
    path("<uuid:pk>/report.pdf", views.assessment_report, name="assessment-report"),
    path("<uuid:pk>/share/", views.report_share, name="report-share"),
    # /assessments/people/<person id>/trajectory/
    path("people/<uuid:person_pk>/trajectory/", views.trajectory, name="trajectory"),
]

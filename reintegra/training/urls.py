from django.urls import path

from reintegra.training import views, views_figures, views_trainers

app_name = "training"

urlpatterns = [
    path("", views.home, name="home"),
    path("courses/new/", views.course_new, name="course-new"),
    path("courses/<uuid:pk>/", views.course_detail, name="course-detail"),
    path("courses/<uuid:pk>/edit/", views.course_edit, name="course-edit"),
    path("events/new/", views.event_new, name="event-new"),
    path("events/<uuid:pk>/", views.event_detail, name="event-detail"),
    path("events/<uuid:pk>/sessions/new/", views.session_new, name="session-new"),
    path("events/<uuid:pk>/registrations/new/", views.registration_new, name="registration-new"),
    path("events/<uuid:pk>/attendance/", views.attendance_view, name="attendance"),
    path("events/<uuid:pk>/completions/new/", views.completion_new, name="completion-new"),
    path("participants/<uuid:pk>/", views.participant_detail, name="participant-detail"),
    path("trainers/", views_trainers.trainers, name="trainers"),
    path("trainers/export.csv", views_trainers.trainers_csv, name="trainers-csv"),
    path(
        "completions/<uuid:pk>/certificate/",
        views.certificate_issue_view,
        name="certificate-issue",
    ),
    path("certificates/<uuid:pk>/", views.certificate_detail, name="certificate-detail"),
    path("certificates/<uuid:pk>/pdf/", views.certificate_pdf_view, name="certificate-pdf"),
    path(
        "certificates/<uuid:pk>/revoke/", views.certificate_revoke_view, name="certificate-revoke"
    ),
    path("gaps/", views.gaps, name="gaps"),
    path("figures/", views_figures.figures, name="figures"),
    path("figures/export.csv", views_figures.figures_csv, name="figures-csv"),
    path("figures/export.xlsx", views_figures.figures_xlsx_view, name="figures-xlsx"),
    path("import/", views.import_upload, name="import"),
    path("import/confirm/", views.import_confirm, name="import-confirm"),
    path("matrix/", views.matrix, name="matrix"),
    path("matrix/cell/", views.matrix_cell, name="matrix-cell"),
    path("matrix/export.csv", views.matrix_export_csv, name="matrix-csv"),
    path("matrix/export.xlsx", views.matrix_export_xlsx, name="matrix-xlsx"),
    # Public: the page a certificate's QR code opens.
    path("verify/<str:code>/", views.verify, name="verify"),
]

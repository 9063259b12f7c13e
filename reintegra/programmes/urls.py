from django.urls import path

from reintegra.programmes import session_views, views

app_name = "programmes"

urlpatterns = [
    # /programmes/ : the jurisdiction's catalogue
    path("", views.programme_list, name="programme-list"),
    path("new/", views.programme_new, name="programme-new"),
    path("<uuid:pk>/", views.programme_detail, name="programme-detail"),
    path("<uuid:pk>/edit/", views.programme_edit, name="programme-edit"),
    path("<uuid:pk>/modules/new/", views.module_new, name="module-new"),
    path("<uuid:pk>/sessions/new/", views.session_template_new, name="session-template-new"),
    path("<uuid:pk>/groups/new/", views.group_new, name="group-new"),
    # /programmes/groups/ : groups running in the actor's facility
    path("groups/", views.group_list_view, name="group-list"),
    path("groups/<uuid:pk>/", views.group_detail, name="group-detail"),
    path("groups/<uuid:pk>/edit/", views.group_edit, name="group-edit"),
    path("groups/<uuid:pk>/status/", views.group_status, name="group-status"),
    path("groups/<uuid:pk>/enrol/", views.enrol, name="enrol"),
    path("groups/<uuid:pk>/sessions/new/", views.session_new, name="session-new"),
    # /programmes/enrolments/<id>/
    path("enrolments/<uuid:pk>/end/", views.enrolment_end_view, name="enrolment-end"),
    # /programmes/sessions/<id>/
    path(
        "sessions/<uuid:pk>/attendance/",
        session_views.session_attendance_view,
        name="session-attendance",
    ),
    path(
        "sessions/<uuid:pk>/attendance/correct/",
        session_views.session_attendance_correct,
        name="session-attendance-correct",
    ),
    path("sessions/<uuid:pk>/cancel/", session_views.session_cancel_view, name="session-cancel"),
]

from django.urls import path

from reintegra.forums import member_views, statistics_views, views

app_name = "forums"

urlpatterns = [
    path("", views.forum_index, name="forum-list"),
    path("new/", views.forum_new, name="forum-new"),
    path("statistics/", statistics_views.statistics, name="statistics"),
    path("statistics.csv", statistics_views.statistics_csv, name="statistics-csv"),
    path("<uuid:pk>/", views.forum_detail, name="forum-detail"),
    path("<uuid:pk>/edit/", views.forum_edit, name="forum-edit"),
    path("<uuid:pk>/members/new/", member_views.member_new, name="member-new"),
    path("<uuid:pk>/meetings/new/", views.meeting_new, name="meeting-new"),
    path("<uuid:pk>/documents/new/", views.document_new, name="document-new"),
    path("<uuid:pk>/statistics/", statistics_views.forum_statistics, name="forum-statistics"),
    path(
        "<uuid:pk>/statistics.csv",
        statistics_views.forum_statistics_csv,
        name="forum-statistics-csv",
    ),
    path(
        "members/<uuid:pk>/representatives/new/",
        member_views.representative_new,
        name="representative-new",
    ),
    path("members/<uuid:pk>/leave/", member_views.member_leave_view, name="member-leave"),
    path(
        "representatives/<uuid:pk>/remove/",
        member_views.representative_remove_view,
        name="representative-remove",
    ),
    path("meetings/<uuid:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<uuid:pk>/attendance/", views.attendance_view, name="attendance"),
    path("meetings/<uuid:pk>/minutes/", views.minutes_edit, name="minutes"),
    path("meetings/<uuid:pk>/decisions/new/", views.decision_new, name="decision-new"),
    path("meetings/<uuid:pk>/actions/new/", views.action_new, name="action-new"),
    path("actions/<uuid:pk>/close/", views.action_close, name="action-close"),
    path("documents/<uuid:pk>/", views.document_download, name="document-download"),
]

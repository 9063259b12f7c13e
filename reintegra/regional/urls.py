from django.urls import path

from reintegra.regional import views

app_name = "regional"

urlpatterns = [
    path("", views.event_list, name="event-list"),
    path("new/", views.event_new, name="event-new"),
    path("<uuid:pk>/", views.event_detail, name="event-detail"),
    path("<uuid:pk>/edit/", views.event_edit, name="event-edit"),
    path("<uuid:pk>/participants/new/", views.participant_new, name="participant-new"),
    path("<uuid:pk>/participants/consent/", views.participant_consent, name="participant-consent"),
    path("<uuid:pk>/outcomes/new/", views.outcome_new, name="outcome-new"),
    path("<uuid:pk>/documents/new/", views.document_new, name="document-new"),
    path("<uuid:pk>/event.ics", views.event_ics, name="event-ics"),
    path("<uuid:pk>/publish/", views.event_publish_view, name="event-publish"),
    path("outcomes/<uuid:pk>/follow-up/", views.outcome_follow_up_view, name="outcome-follow-up"),
    path("documents/<uuid:pk>/", views.document_download, name="document-download"),
]

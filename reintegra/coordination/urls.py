from django.urls import path

from reintegra.coordination import conference_views, views

app_name = "coordination"

urlpatterns = [
    # /coordination/referrals/
    path("referrals/", views.referral_list, name="referral-list"),
    path("referrals/<uuid:pk>/", views.referral_detail, name="referral-detail"),
    path("referrals/<uuid:pk>/step/", views.referral_step, name="referral-step"),
    path("referrals/<uuid:pk>/messages/", views.referral_message, name="referral-message"),
    # /coordination/people/<person id>/
    path("people/<uuid:person_pk>/refer/", views.referral_new, name="referral-new"),
    path(
        "people/<uuid:person_pk>/conferences/",
        conference_views.conference_list,
        name="conference-list",
    ),
    # /coordination/conferences/
    path("conferences/<uuid:pk>/", conference_views.conference_detail, name="conference-detail"),
    path(
        "conferences/<uuid:pk>/attendees/",
        conference_views.conference_attendee,
        name="conference-attendee",
    ),
    path(
        "conferences/<uuid:pk>/agreements/",
        conference_views.conference_agreement,
        name="conference-agreement",
    ),
    path(
        "conferences/<uuid:pk>/information/",
        conference_views.conference_information,
        name="conference-information",
    ),
    path(
        "conferences/<uuid:pk>/actions/",
        conference_views.conference_action,
        name="conference-action",
    ),
    path(
        "conferences/actions/<uuid:pk>/status/",
        conference_views.conference_action_status,
        name="conference-action-status",
    ),
    path(
        "conferences/<uuid:pk>/decisions/",
        conference_views.conference_decision,
        name="conference-decision",
    ),
    path("conferences/<uuid:pk>/packs/", conference_views.conference_pack, name="conference-pack"),
    path("packs/", conference_views.pack_list, name="pack-list"),
    path("packs/<uuid:pk>/pdf/", conference_views.pack_download, name="pack-download"),
    # /coordination/disclosures/
    path("disclosures/", views.disclosure_list, name="disclosure-list"),
    path("disclosures/<uuid:pk>/", views.disclosure_detail, name="disclosure-detail"),
    path(
        "disclosures/<uuid:pk>/acknowledge/",
        views.disclosure_acknowledge_view,
        name="disclosure-acknowledge",
    ),
    # /coordination/statistics/
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/referrals.csv", views.statistics_csv, name="statistics-csv"),
    path(
        "statistics/conferences/",
        views.conference_statistics_view,
        name="conference-statistics",
    ),
    path(
        "statistics/conferences.csv",
        views.conference_statistics_csv,
        name="conference-statistics-csv",
    ),
]

from django.urls import path

from reintegra.coordination import views

app_name = "coordination"

urlpatterns = [
    # /coordination/referrals/
    path("referrals/", views.referral_list, name="referral-list"),
    path("referrals/<uuid:pk>/", views.referral_detail, name="referral-detail"),
    path("referrals/<uuid:pk>/step/", views.referral_step, name="referral-step"),
    path("referrals/<uuid:pk>/messages/", views.referral_message, name="referral-message"),
    # /coordination/people/<person id>/
    path("people/<uuid:person_pk>/refer/", views.referral_new, name="referral-new"),
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
]

from django.urls import path

from reintegra.probation import views

app_name = "probation"

urlpatterns = [
    # /probation/
    path("", views.caseload_list, name="caseload"),
    # /probation/people/<person id>/
    path("people/<uuid:person_pk>/new/", views.case_new, name="case-new"),
    # /probation/<case id>/
    path("<uuid:pk>/", views.case_detail, name="case-detail"),
    path("<uuid:pk>/contacts/new/", views.contact_new, name="contact-new"),
    path("<uuid:pk>/conditions/new/", views.condition_new, name="condition-new"),
    path("<uuid:pk>/schedule/", views.schedule_edit, name="schedule-edit"),
    path("<uuid:pk>/compliance/new/", views.compliance_new, name="compliance-new"),
    path("<uuid:pk>/reviews/new/", views.review_new, name="review-new"),
    path("<uuid:pk>/close/", views.case_close, name="case-close"),
    # /probation/contacts/<contact id>/
    path("contacts/<uuid:pk>/outcome/", views.contact_outcome, name="contact-outcome"),
]

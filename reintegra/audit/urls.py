from django.urls import path

from reintegra.audit import views

app_name = "audit"

urlpatterns = [
    # /audit/
    path("", views.log_list, name="log-list"),
    path("export.csv", views.log_export, name="log-export"),
    # /audit/entries/<seq>/
    path("entries/<int:seq>/", views.log_entry_detail, name="log-entry-detail"),
]

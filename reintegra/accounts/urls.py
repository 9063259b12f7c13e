from django.urls import path

from reintegra.accounts import directory_views, views

app_name = "accounts"

urlpatterns = [
    # /account/ — signing in and out
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("mfa/", views.mfa_verify, name="mfa-verify"),
    path("mfa/setup/", views.mfa_setup, name="mfa-setup"),
    path("mfa/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    # /account/password/
    path("password/reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("password/change/", views.PasswordChangeView.as_view(), name="password-change"),
    # /account/ — the signed-in user
    path("", views.account, name="account"),
    path("role/", views.membership_switch, name="membership-switch"),
    # /account/colleagues/
    path("colleagues/", directory_views.colleague_list, name="colleague-list"),
    path("colleagues/<uuid:pk>/", directory_views.colleague_detail, name="colleague-detail"),
]

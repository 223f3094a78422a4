from django.contrib.auth import views as auth_views
from django.urls import path

from . import auth_views as second_factor

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("second-factor/setup/", second_factor.setup, name="second_factor_setup"),
    path("second-factor/verify/", second_factor.verify, name="second_factor_verify"),
    path("enrol/<str:token>/", second_factor.enrol, name="enrol"),
    # A forgotten password, by e-mail (Django's views; the request form is rate-limited). An account
    # without a password yet (imported staff) gets an enrolment link from an administrator instead.
    path("password-reset/", second_factor.password_reset, name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
]

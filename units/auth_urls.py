from django.contrib.auth import views as auth_views
from django.urls import path

from . import auth_views as second_factor

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("second-factor/setup/", second_factor.setup, name="second_factor_setup"),
    path("second-factor/verify/", second_factor.verify, name="second_factor_verify"),
    path("enrol/<str:token>/", second_factor.enrol, name="enrol"),
]

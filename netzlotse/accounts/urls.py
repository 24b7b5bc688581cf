from django.contrib.auth import views as auth_views
from django.urls import path

from . import twofactor, views

app_name = "accounts"
urlpatterns = [
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("zwei-faktor/einrichten/", twofactor.setup, name="twofactor_setup"),
    path("zwei-faktor/pruefen/", twofactor.verify, name="twofactor_verify"),
    path("passwort/", views.PasswordChangeView.as_view(), name="password_change"),
    path("passwort/fertig/", auth_views.PasswordChangeDoneView.as_view(
        template_name="accounts/password_change_done.html"), name="password_change_done"),
]

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy

from .demo import DEMO_PASSWORD, DEMO_USERS
from .forms import KernPasswordChangeForm, LoginForm
from .lockout import locked_out


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if locked_out(request, request.POST.get("username", "")[:150]):
            return render(request, "accounts/lockout.html", status=429)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.DEMO_MODE:
            context["demo_users"] = DEMO_USERS
            context["demo_password"] = DEMO_PASSWORD
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = KernPasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

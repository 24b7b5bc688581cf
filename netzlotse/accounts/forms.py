from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from netzlotse.core.forms import KernFormMixin


class LoginForm(KernFormMixin, AuthenticationForm):
    pass


class KernPasswordChangeForm(KernFormMixin, PasswordChangeForm):
    pass

from axes.utils import reset as reset_failed_logins
from django import forms
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from accounts import emails


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the e-mail queued in the outbox (delivered and
    retried by the worker) instead of sent during the request."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        emails.password_reset(user=context["user"], uidb64=context["uid"], token=context["token"])


class ResetSetPasswordForm(SetPasswordForm):
    """The new password from a reset link; it also lifts a login lockout of the
    user name (the lockout page points here), as the e-mail proved who it is."""

    def save(self, commit=True):
        user = super().save(commit=commit)
        reset_failed_logins(username=user.get_username())
        return user


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("De 6 cijfers uit uw authenticator-app, of een van uw herstelcodes."),
        widget=forms.TextInput(
            attrs={"class": "form-control", "autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit de app"),
        max_length=12,
        help_text=_("De 6 cijfers die de app nu toont."),
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
    )

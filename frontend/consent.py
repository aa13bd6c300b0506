"""Sign-up asks for the two consents Korean law requires (이용약관, 개인정보 수집·이용), both
required, on Oscar's own registration forms and views (subclassed, not copied). Each links to
its full text, and the version the member was shown is kept with the time they agreed."""

from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.signals import user_registered
from oscar.core.loading import get_class

from commerce.core.models import SIGNUP_POLICIES, PolicyKind
from commerce.core.policies import consents_record, policies_shown, versions_still_shown

EmailUserCreationForm = get_class("customer.forms", "EmailUserCreationForm")
AccountAuthView = get_class("customer.views", "AccountAuthView")
AccountRegistrationView = get_class("customer.views", "AccountRegistrationView")


class ConsentingUserCreationForm(EmailUserCreationForm):
    accept_terms = forms.BooleanField(
        label=_("I agree to the terms of use (required)"),
        error_messages={"required": _("Please agree to the terms of use to sign up.")},
    )
    accept_privacy = forms.BooleanField(
        label=_("I agree to the collection and use of my personal information (required)"),
        help_text=_(
            "Collected: email and password. Purpose: your account, orders and bookings. "
            "Kept until you close your account."
        ),
        error_messages={
            "required": _("Please agree to the collection and use of personal information.")
        },
    )
    terms_version = forms.CharField(widget=forms.HiddenInput, required=False)
    privacy_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.policies = policies_shown(SIGNUP_POLICIES)
        for kind, field in [
            (PolicyKind.TERMS, "accept_terms"),
            (PolicyKind.PRIVACY, "accept_privacy"),
        ]:
            policy = self.policies[kind]
            self.fields[f"{kind}_version"].initial = policy.version
            if policy.url:
                link = format_html(
                    '<a href="{}" target="_blank" rel="noopener" data-testid="consent-{}">{}</a>',
                    policy.url,
                    kind,
                    _("Read the full text"),
                )
                help_text = self.fields[field].help_text
                self.fields[field].help_text = (
                    format_html("{} {}", help_text, link) if help_text else link
                )

    def clean(self):
        data = super().clean()
        if not versions_still_shown(data, SIGNUP_POLICIES):
            raise forms.ValidationError(
                _(
                    "The terms changed while you were signing up. Please read the current "
                    "version and agree again."
                )
            )
        return data

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            consents_record(user=user, policies=self.policies)
        return user


class RegisterWithRequestMixin:
    """Oscar's register_user authenticates without the request, which django-axes refuses
    (every sign-up answered 500): the user was just created with this password, so log them
    in directly through the site's e-mail backend."""

    def register_user(self, form):
        user = form.save()
        user_registered.send_robust(sender=self, request=self.request, user=user)
        if getattr(settings, "OSCAR_SEND_REGISTRATION_EMAIL", True):
            self.send_registration_email(user)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        return user


class ConsentingAuthView(RegisterWithRequestMixin, AccountAuthView):
    registration_form_class = ConsentingUserCreationForm


class ConsentingRegistrationView(RegisterWithRequestMixin, AccountRegistrationView):
    form_class = ConsentingUserCreationForm

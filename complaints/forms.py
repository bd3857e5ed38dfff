"""Form pieces the interfaces share: the base of every back-office form (staff
and annual report), the attachments field and the phone number rule of the
public and the staff form. Each form keeps its own wording through
``error_messages`` and ``message``."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from complaints.attachments import MAX_ATTACHMENTS, CheckedFile, attachments_check

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class MomentField(forms.DateTimeField):
    """A moment up to now, typed in a datetime-local input in local time."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


def bootstrap_classes(fields: dict[str, forms.Field], *, size: str = "") -> None:
    """Bootstrap's class on every widget; ``size="sm"`` for a compact filter bar."""
    for field in fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        if size and css != "form-check-input":
            css = f"{css} {css}-{size}"
        widget.attrs["class"] = css


class StaffForm(forms.Form):
    """The base of every back-office form: Bootstrap classes on every widget
    (Django itself adds aria-invalid and aria-describedby pointing at the error
    and help texts) and no moment later than now."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap_classes(self.fields)
        for field in self.fields.values():
            if isinstance(field, MomentField):
                field.widget.attrs["max"] = timezone.localtime().strftime(DATETIME_FORMAT)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files in one input, each checked by its content
    (``attachments_check``), at most ``MAX_ATTACHMENTS``. Cleans to a list of
    ``CheckedFile``; every refused file gets its own message."""

    widget = MultipleFileInput
    default_error_messages = {
        # Params: count (the maximum) and chosen (how many were sent).
        "too_many": _("U kunt hoogstens %(count)d bijlagen toevoegen."),
    }

    def clean(self, data: Any, initial: Any = None) -> list[CheckedFile]:
        files = data if isinstance(data, list | tuple) else [data]
        uploads = [super(AttachmentsField, self).clean(upload, initial) for upload in files if upload]
        if not uploads and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(uploads) > MAX_ATTACHMENTS:
            raise ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"count": MAX_ATTACHMENTS, "chosen": len(uploads)},
            )
        checked, problems = attachments_check(uploads)
        if problems:
            raise ValidationError(problems)
        return checked


@deconstructible
class PhoneNumberValidator:
    """Digits, spaces, brackets, dots and hyphens, an optional leading +, 6 to
    40 characters, and at least ``min_digits`` digits. The public form asks
    six digits, so a number can be called; staff copy what they were given."""

    pattern = re.compile(r"^\+?[0-9 ()\-.]{6,40}$")

    def __init__(self, *, min_digits: int = 0, message: str | None = None) -> None:
        self.min_digits = min_digits
        self.message = message or _("Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678.")

    def __call__(self, value: str) -> None:
        if not self.pattern.match(value) or sum(c.isdigit() for c in value) < self.min_digits:
            raise ValidationError(self.message, code="invalid")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PhoneNumberValidator) and (self.min_digits, self.message) == (
            other.min_digits,
            other.message,
        )


class SafetyFieldsMixin(forms.Form):
    """The optional safety flag at registration and triage: ticked, it needs a reason."""

    safety_concern = forms.BooleanField(
        label=_("Veiligheidsmelding"),
        required=False,
        help_text=_(
            "Een kind is gewond geraakt of de situatie is onveilig: de operationeel manager krijgt direct bericht."
        ),
    )
    safety_reason = forms.CharField(
        label=_("Reden veiligheidsmelding"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("safety_concern") and not (cleaned.get("safety_reason") or "").strip():
            self.add_error("safety_reason", _("Geef de reden van de veiligheidsmelding op."))
        if not cleaned.get("safety_concern"):
            cleaned["safety_reason"] = ""
        return cleaned

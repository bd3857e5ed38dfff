from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase

from complaints.attachments import MAX_ATTACHMENTS, CheckedFile
from complaints.forms import AttachmentsField, MomentField, PhoneNumberValidator, StaffForm, bootstrap_classes

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def png(name: str = "foto.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


class AttachmentsFieldTests(SimpleTestCase):
    def test_it_cleans_several_files_to_checked_files(self):
        checked = AttachmentsField(required=False).clean([png("a.png"), png("b.png")])
        self.assertEqual([type(file) for file in checked], [CheckedFile, CheckedFile])
        self.assertEqual([file.content_type for file in checked], ["image/png", "image/png"])

    def test_it_takes_a_single_file_and_nothing(self):
        field = AttachmentsField(required=False)
        self.assertEqual(len(field.clean(png())), 1)
        self.assertEqual(field.clean(None), [])
        self.assertEqual(field.clean([]), [])

    def test_it_needs_a_file_when_required(self):
        with self.assertRaisesMessage(ValidationError, "Dit veld is verplicht"):
            AttachmentsField().clean([])

    def test_it_refuses_more_than_the_maximum_in_the_forms_own_words(self):
        uploads = [png(f"{n}.png") for n in range(MAX_ATTACHMENTS + 1)]
        with self.assertRaisesMessage(ValidationError, f"U kunt hoogstens {MAX_ATTACHMENTS} bijlagen toevoegen."):
            AttachmentsField(required=False).clean(uploads)
        field = AttachmentsField(required=False, error_messages={"too_many": "Max %(count)d, gekozen %(chosen)d."})
        with self.assertRaisesMessage(ValidationError, f"Max {MAX_ATTACHMENTS}, gekozen {MAX_ATTACHMENTS + 1}."):
            field.clean(uploads)

    def test_it_names_every_refused_file(self):
        fake = [SimpleUploadedFile(name, b"MZ not an image", content_type="image/png") for name in ("x.png", "y.png")]
        with self.assertRaises(ValidationError) as refused:
            AttachmentsField(required=False).clean([png(), *fake])
        self.assertEqual(len(refused.exception.messages), 2)
        self.assertIn("x.png", refused.exception.messages[0])
        self.assertIn("y.png", refused.exception.messages[1])

    def test_it_renders_one_input_for_several_files(self):
        self.assertIn("multiple", AttachmentsField().widget.render("bijlagen", None))


class PhoneNumberValidatorTests(SimpleTestCase):
    def test_it_accepts_the_usual_ways_of_writing_a_number(self):
        for number in ("06 12345678", "06-12345678", "+31 (0)6 1234.5678", "020 123 45 67"):
            with self.subTest(number):
                PhoneNumberValidator(min_digits=6)(number)

    def test_it_refuses_letters_and_a_plus_inside_the_number(self):
        for number in ("bel mij", "06 1234567a", "06+12345678", "12345"):
            with self.subTest(number), self.assertRaises(ValidationError):
                PhoneNumberValidator()(number)

    def test_it_asks_for_a_minimum_of_digits_only_when_told(self):
        PhoneNumberValidator()("(((-)))")
        with self.assertRaisesMessage(ValidationError, "Vul een geldig telefoonnummer in"):
            PhoneNumberValidator(min_digits=6)("(((-)))")

    def test_it_speaks_in_the_words_it_was_given(self):
        with self.assertRaisesMessage(ValidationError, "Alleen cijfers."):
            PhoneNumberValidator(message="Alleen cijfers.")("abc")

    def test_it_compares_by_its_settings(self):
        self.assertEqual(PhoneNumberValidator(min_digits=6), PhoneNumberValidator(min_digits=6))
        self.assertNotEqual(PhoneNumberValidator(min_digits=6), PhoneNumberValidator())


class ExampleForm(StaffForm):
    text = forms.CharField()
    choice = forms.ChoiceField(choices=[("a", "A")])
    radios = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
    check = forms.BooleanField()
    moment = MomentField()


class StaffFormTests(SimpleTestCase):
    def test_it_puts_bootstraps_class_on_every_widget(self):
        classes = {name: field.widget.attrs["class"] for name, field in ExampleForm().fields.items()}
        self.assertEqual(
            classes,
            {
                "text": "form-control",
                "choice": "form-select",
                "radios": "form-check-input",
                "check": "form-check-input",
                "moment": "form-control",
            },
        )

    def test_it_allows_no_moment_after_now(self):
        self.assertRegex(ExampleForm().fields["moment"].widget.attrs["max"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d$")

    def test_it_sizes_a_compact_filter_bar(self):
        fields = {"text": forms.CharField(), "choice": forms.ChoiceField(), "check": forms.BooleanField()}
        bootstrap_classes(fields, size="sm")
        self.assertEqual(fields["text"].widget.attrs["class"], "form-control form-control-sm")
        self.assertEqual(fields["choice"].widget.attrs["class"], "form-select form-select-sm")
        self.assertEqual(fields["check"].widget.attrs["class"], "form-check-input")

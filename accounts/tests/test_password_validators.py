from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import TestCase

from accounts.models import Role, User


class PasswordValidatorTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.user = User.objects.create_user(username="coordinator", role=Role.COORDINATOR, email="co@k.test")

    def codes(self, password: str) -> set[str]:
        with self.assertRaises(ValidationError) as caught:
            validate_password(password, user=self.user)
        return {error.code for error in caught.exception.error_list}

    def test_it_refuses_a_password_like_the_user_name(self):
        self.assertIn("password_too_similar", self.codes("coordinator1"))

    def test_it_refuses_a_password_of_digits_only(self):
        self.assertIn("password_entirely_numeric", self.codes("98765432101"))

    def test_it_refuses_fewer_than_ten_characters(self):
        self.assertIn("password_too_short", self.codes("Zon-ne-42"))

    def test_it_refuses_a_common_password(self):
        self.assertIn("password_too_common", self.codes("password123"))

    def test_it_accepts_a_long_unrelated_password(self):
        validate_password("Zonnebloem-Avond-42", user=self.user)

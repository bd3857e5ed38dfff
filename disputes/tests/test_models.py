from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.test import TestCase
from django.urls import reverse

from accounts.models import Role
from accounts.testing import VerifiedClient
from config.testing import make_user
from disputes.models import Dispute, DisputeSubject, Outcome
from organisation.models import LegalEntity


def dispute(case_number: str, entity: LegalEntity, *, year: int = 2025, **values) -> Dispute:
    return Dispute.objects.create(case_number=case_number, legal_entity=entity, year=year, **values)


class DisputeTests(TestCase):
    client_class = VerifiedClient  # the administrator passes the second factor

    @classmethod
    def setUpTestData(cls) -> None:
        cls.partou = LegalEntity.objects.create(name="Partou B.V.")
        cls.smallsteps = LegalEntity.objects.create(name="Smallsteps B.V.")
        cls.terms = DisputeSubject.objects.create(name="Algemene voorwaarden")
        cls.invoice = DisputeSubject.objects.create(name="Facturatie")

    def test_a_new_case_awaits_its_ruling(self) -> None:
        case = dispute("123456", self.partou)
        self.assertEqual(case.outcome, Outcome.PENDING)
        self.assertEqual(case.get_outcome_display(), "Nog geen uitspraak")
        self.assertEqual(str(case), "123456 (Partou B.V.)")

    def test_a_case_number_is_registered_once(self) -> None:
        dispute("123456", self.partou)
        with self.assertRaises(IntegrityError), transaction.atomic():
            dispute("123456", self.smallsteps)

    def test_an_award_is_never_negative(self) -> None:
        case = Dispute(case_number="1", legal_entity=self.partou, year=2025, amount_awarded=Decimal("-27.50"))
        with self.assertRaises(ValidationError):
            case.validate_constraints()
        with self.assertRaises(IntegrityError), transaction.atomic():
            case.save()
        # The complaint fee returned, or nothing awarded at all.
        dispute("2", self.partou, outcome=Outcome.UPHELD, amount_awarded=Decimal("27.50")).validate_constraints()
        dispute("3", self.partou, outcome=Outcome.NOT_UPHELD).validate_constraints()

    def test_a_case_has_several_subjects(self) -> None:
        case = dispute("123456", self.partou, filed_on=date(2025, 3, 4))
        case.subjects.set([self.terms, self.invoice])
        self.assertEqual(list(case.subjects.all()), [self.terms, self.invoice])
        self.assertEqual(list(self.invoice.disputes.all()), [case])

    def test_it_lists_the_cases_per_year_and_legal_entity(self) -> None:
        later = dispute("C", self.partou, year=2026)
        small = dispute("B", self.smallsteps)
        first = dispute("A2", self.partou)
        second = dispute("A1", self.partou)
        # Year, then label, then the order of registration: the appendix per legal entity.
        self.assertEqual(list(Dispute.objects.all()), [first, second, small, later])
        self.assertEqual(list(self.partou.disputes.filter(year=2025)), [first, second])
        self.assertEqual(list(self.smallsteps.disputes.all()), [small])

    def test_a_legal_entity_with_cases_cannot_be_deleted(self) -> None:
        dispute("123456", self.smallsteps)
        with self.assertRaises(ProtectedError):
            self.smallsteps.delete()

    def test_the_administrator_filters_cases_by_legal_entity(self) -> None:
        dispute("P-1", self.partou)
        dispute("S-1", self.smallsteps)
        self.client.force_login(make_user("beheerder", Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
        response = self.client.get(
            reverse("admin:disputes_dispute_changelist"), {"legal_entity__id__exact": self.partou.pk}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual([case.case_number for case in response.context["cl"].result_list], ["P-1"])

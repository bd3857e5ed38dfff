from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from complaints.models import Channel, Complaint, Status
from config.testing import BaseTestCase
from organisation.keys import compact, fold, search_text
from organisation.matching import historical_locations, match_proposals_make, similarity
from organisation.models import Location, LocationMatchProposal, MatchStatus


def imported(location: Location, sequence: int) -> Complaint:
    return Complaint.objects.create(
        reference=f"K2025-{sequence:05d}",
        year=2025,
        sequence=sequence,
        appendix_position=sequence,
        channel=Channel.IMPORT,
        legal_entity=location.legal_entity,
        location=location,
        location_name_published=location.name,
        description="Uit het jaarverslag.",
        status=Status.CLOSED,
    )


def register_location(name: str, *, entity, lrk: str, street: str = "", city: str = "", postcode: str = "") -> Location:
    return Location.objects.create(
        name=name, legal_entity=entity, lrk_number=lrk, street=street, city=city, postcode=postcode
    )


class KeysTests(BaseTestCase):
    def test_fold_drops_accents_case_and_hyphens(self):
        self.assertEqual(fold("Partou KDV Mozaïek-Oost"), "partou kdv mozaiek oost")
        self.assertEqual(compact("1012 AB"), "1012ab")
        self.assertEqual(search_text("De Mozaïek", "Utrecht"), "de mozaiek demozaiek utrecht")

    def test_a_location_keeps_its_search_text_up_to_date(self):
        location = register_location("Kinderopvang 't Mozaïek", entity=self.partou, lrk="111", city="Den Haag")
        self.assertIn("mozaiek", location.search_text)
        location.postcode = "2511 AB"
        location.save(update_fields=["postcode"])
        location.refresh_from_db()
        self.assertIn("2511ab", location.search_text)


class MatchingTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.printed = Location.objects.create(name="Partou BSO Mozaiek 12", legal_entity=cls.partou)
        cls.misprint = Location.objects.create(name="Partou BSO Kaanaalweg 176", legal_entity=cls.partou)
        cls.nothing_alike = Location.objects.create(name="Partou KDV Zonnebloem", legal_entity=cls.partou)
        cls.unused = Location.objects.create(name="Partou BSO Zonder Klachten", legal_entity=cls.partou)
        for number, location in enumerate((cls.printed, cls.misprint, cls.nothing_alike), start=1):
            imported(location, number)
        cls.mozaiek = register_location(
            "Partou BSO Mozaïek", entity=cls.partou, lrk="100000001", street="Mozaïekplein 12", city="Utrecht"
        )
        cls.kanaalweg = register_location(
            "Partou BSO Kanaalweg", entity=cls.partou, lrk="100000002", street="Kanaalweg 176", city="Utrecht"
        )
        # Another legal entity's location with the same name is not a candidate.
        cls.foreign = register_location("Partou BSO Mozaïek 12", entity=cls.smallsteps, lrk="100000003")

    def test_similarity_ignores_accents_case_and_word_order(self):
        self.assertGreaterEqual(similarity("Partou BSO Mozaiek 12", "partou bso mozaïek", "Mozaïekplein 12"), 80)
        self.assertLess(similarity("Partou KDV Zonnebloem", "Partou BSO Kanaalweg", "Kanaalweg 176"), 80)

    def test_only_names_with_complaints_and_without_lrk_number_are_matched(self):
        self.assertEqual(set(historical_locations()), {self.printed, self.misprint, self.nothing_alike})

    def test_it_proposes_register_locations_above_the_threshold(self):
        run = match_proposals_make()
        proposals = {(p.historical, p.candidate) for p in LocationMatchProposal.objects.all()}
        self.assertIn((self.printed, self.mozaiek), proposals)
        self.assertIn((self.misprint, self.kanaalweg), proposals)
        self.assertNotIn((self.printed, self.foreign), proposals)
        self.assertFalse(any(historical == self.nothing_alike for historical, _ in proposals))
        self.assertEqual(run.historical, 3)
        self.assertEqual(run.without_candidate, 1)
        # Nothing is merged by proposing.
        self.assertTrue(Location.objects.get(pk=self.printed.pk).is_active)
        self.assertEqual(Complaint.objects.get(sequence=1).location, self.printed)

    def test_it_is_idempotent_and_keeps_decisions(self):
        match_proposals_make()
        count = LocationMatchProposal.objects.count()
        proposal = LocationMatchProposal.objects.get(historical=self.misprint, candidate=self.kanaalweg)
        proposal.status, proposal.decided_at = MatchStatus.REJECTED, timezone.now()
        proposal.save()
        run = match_proposals_make()
        self.assertEqual(run.created, 0)
        self.assertEqual(LocationMatchProposal.objects.count(), count)
        self.assertEqual(LocationMatchProposal.objects.get(pk=proposal.pk).status, MatchStatus.REJECTED)

    def test_the_command_reports_progress_and_totals(self):
        out = StringIO()
        call_command("match_locations", stdout=out)
        self.assertIn("3/3 namen vergeleken", out.getvalue())
        self.assertIn("3 historische namen: 2 nieuwe voorstellen", out.getvalue())
        out = StringIO()
        call_command("match_locations", stdout=out)
        self.assertIn("0 nieuwe voorstellen", out.getvalue())

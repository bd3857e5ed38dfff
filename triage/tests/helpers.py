"""Tiny training data: three categories with words of their own."""

from complaints.models import Category, Complaint
from config.testing import BaseTestCase, register

TEXTS = {
    "communication": [
        "De leidster vertelde bij het ophalen niets over de dag van ons kind.",
        "Wij kregen geen bericht dat de groep verhuisde, de communicatie was slecht.",
        "Niemand informeerde ons over de wisseling van de pedagogisch medewerkers.",
        "De nieuwsbrief kwam te laat en de ouderapp werd niet bijgehouden.",
        "Er werd niet teruggebeld nadat ik had gevraagd om een gesprek over de overdracht.",
        "Bij de overdracht werd niets verteld over het slapen en eten.",
    ],
    "invoices": [
        "De factuur van maart is twee keer afgeschreven van mijn rekening.",
        "Het bedrag op de jaaropgave klopt niet met de betaalde facturen.",
        "Er is te veel in rekening gebracht voor de extra opvangdagen.",
        "De automatische incasso werd gestorneerd en toen kwam er een aanmaning.",
        "Ik betaal voor uren die niet zijn afgenomen, graag een creditnota.",
        "De prijs per uur is verhoogd zonder dat de factuur dat uitlegt.",
    ],
    "safety": [
        "Mijn kind is gevallen van het klimrek en niemand had het gezien.",
        "Het hek van de buitenruimte stond open en kinderen liepen naar de straat.",
        "Er lag glas in de zandbak van de speelplaats.",
        "Een kind kreeg een allergische reactie omdat het verkeerde eten werd gegeven.",
        "De traphekjes zaten niet dicht, mijn dochter viel van de trap.",
        "Bij het uitje waren te weinig begeleiders voor de veiligheid op straat.",
    ],
}


class TriageTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.safety = Category.objects.create(version=cls.taxonomy, name="Veiligheid en gezondheid")
        cls.categories = {"communication": cls.communication, "invoices": cls.invoices, "safety": cls.safety}

    @classmethod
    def make_training_data(cls) -> None:
        for key, texts in TEXTS.items():
            for text in texts:
                complaint = register(location=cls.oceaan, description=text, notify=False)
                Complaint.objects.filter(pk=complaint.pk).update(category=cls.categories[key])

"""What generated data looks like: the shares of the published 2025 report
(used when it is not imported) and the word lists that names and places are
drawn from."""

from complaints.models import Channel

# Shares of the 2025 annual report (513 complaints), used when it is not imported.
SEED_CATEGORIES = {
    "Communicatie vanuit locatie": 99,
    "Personele bezetting": 67,
    "Planning en plaatsing": 38,
    "Fysieke veiligheid": 36,
    "Ruil- en inhaaluren": 33,
    "Sluiting groep / locatie": 30,
    "Binnenruimte": 29,
    "Omgang/interactie met kind": 29,
    "Verzorging kind": 25,
    "Overig OVK & Voorwaarden": 22,
    "Overig veiligheid en ongewenst gedrag": 20,
    "Voeding": 15,
    "Facturen en betalingen": 14,
    "Sociale veiligheid": 10,
    "Activiteiten": 8,
    "Spelmateriaal": 8,
    "Privacy": 6,
    "Schoonmaak": 6,
    "Buitenruimte": 5,
    "Communicatie vanuit servicekantoor": 5,
    "Discriminatie": 4,
    "Tarieven": 2,
    "Overig": 1,
    "Seksueel GOG": 1,
}
SEED_VERDICTS = {"ja": 236, "deels": 177, "nee": 88, "": 12}
SEED_CARE_TYPES = {"dagopvang": 197, "bso": 131, "": 185}
SEED_LABELS = {"Smallsteps B.V.": 315, "Partou B.V.": 198}
# Categories that head office handles rather than the location.
DEPARTMENT_CATEGORIES = {
    "Facturen en betalingen": "Debiteuren en facturatie",
    "Tarieven": "Debiteuren en facturatie",
    "Planning en plaatsing": "Planning en plaatsing",
    "Communicatie vanuit servicekantoor": "Oudersupport",
}
REGIONS = [
    "Noord", "Oost", "Zuid", "West", "Midden", "Randstad",
    "Noordwest", "Zuidoost", "Zuidwest", "Noordoost", "Gelderland", "Limburg",
]  # fmt: skip
DEPARTMENTS = [
    "Debiteuren en facturatie", "Planning en plaatsing", "Oudersupport", "Juridische zaken", "Personeelszaken",
    "Kwaliteit en beleid", "Pedagogiek", "Veiligheid en gezondheid", "Huisvesting", "Facilitair",
    "Communicatie", "Marketing", "ICT", "Privacy en gegevensbescherming", "Financiën", "Inkoop",
    "Werving en selectie", "Opleidingen", "Klantcontact", "Contractbeheer", "Wachtlijstbeheer",
    "Subsidies", "Gastouderbureau", "Vastgoed", "Bestuurssecretariaat", "Interne audit",
    "Arbo en verzuim", "Salarisadministratie", "Medezeggenschap", "Projectbureau",
]  # fmt: skip
CITIES = [
    "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg", "Almere", "Breda",
    "Nijmegen", "Apeldoorn", "Haarlem", "Arnhem", "Enschede", "Amersfoort", "Zaanstad", "Den Bosch",
    "Haarlemmermeer", "Zwolle", "Zoetermeer", "Leiden", "Maastricht", "Dordrecht", "Ede", "Alphen aan den Rijn",
    "Leeuwarden", "Alkmaar", "Emmen", "Delft", "Venlo", "Deventer", "Sittard", "Helmond", "Oss", "Amstelveen",
    "Hilversum", "Heerlen", "Nissewaard", "Hengelo", "Purmerend", "Schiedam", "Lelystad", "Roosendaal",
    "Leidschendam", "Gouda", "Hoorn", "Vlaardingen", "Almelo", "Spijkenisse", "Assen",
]  # fmt: skip
STREETS = [
    "Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg", "Stationsweg", "Julianalaan", "Beatrixstraat",
    "Parklaan", "Kastanjelaan", "Lindelaan", "Eikenlaan", "Wilhelminaplein", "Nieuwstraat", "Havenweg",
    "Vondellaan", "Rembrandtlaan", "Marktplein", "Zonnebloemstraat", "Tulpstraat", "Beukenhof",
]  # fmt: skip
FIRST_NAMES = [
    "Anna", "Bram", "Chantal", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Ilse", "Jesse", "Kim", "Lars",
    "Mila", "Noah", "Olga", "Pieter", "Rana", "Sanne", "Thijs", "Umut", "Vera", "Wouter", "Yara", "Zoë",
]  # fmt: skip
LAST_NAMES = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "Yilmaz", "El Amrani", "Dekker", "Brouwer",
]  # fmt: skip
FALLBACK_DESCRIPTION = [
    "Ouder geeft aan dat wijzigingen in de groepsindeling niet vooraf zijn gemeld.",
    "Ouder ziet elke dag andere gezichten op de groep en maakt zich zorgen over de rust.",
    "De groep is deze week twee keer gesloten wegens personeelstekort.",
    "Ouder heeft een factuur ontvangen voor een maand waarin het contract al was beëindigd.",
    "Het kind kwam thuis met een schaafwond zonder dat dit bij het ophalen is verteld.",
    "Ouder kan de opgebouwde ruiluren niet inzetten omdat de groep steeds vol is.",
]
FALLBACK_SOLUTION = [
    "Locatiemanager heeft telefonisch contact gehad met de ouder en de situatie besproken.",
    "Er zijn afspraken gemaakt met het team; over vier weken volgt een evaluatie met de ouder.",
    "De factuur is gecrediteerd en de ouder is hierover schriftelijk geïnformeerd.",
    "Het incident is besproken in het teamoverleg en de overdracht is aangescherpt.",
]
CHANNELS = {Channel.WEB: 55, Channel.EMAIL: 25, Channel.PHONE: 12, Channel.LETTER: 8}
CONTACT_METHODS = ["phone", "phone", "in_person", "email", "letter"]

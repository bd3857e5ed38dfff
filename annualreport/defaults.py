# ruff: noqa: E501  (prose: one paragraph per line, as the editor sees it)
"""The texts a year starts with when there is no earlier report to copy: the
published 2025 report's own words, with every figure replaced by a
placeholder (the foreword's number of locations and employees come from the
year's facts)."""

REPORT_TITLE = "Klachtenjaarverslag"
ORGANISATION = "Partou kinderopvang"
AUTHOR = "Partou kinderopvang, klachtencoördinatie"

# (key, title, body) in the order of the outline; analysis sections follow.
FIXED_SECTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "colofon",
        "Colofon",
        """Dit beleidsstuk is een gezamenlijk document van Smallsteps B.V. en Partou B.V., die samenwerken onder de merknaam Partou.

© Copyright Partou B.V.

Alle rechten voorbehouden. Niets uit deze uitgave mag worden verveelvoudigd, opgeslagen in een geautomatiseerd gegevensbestand, en/of openbaar gemaakt in enige vorm of op enige wijze, hetzij elektronisch, mechanisch, door fotokopieën, opnamen, of enige andere manier, zonder voorafgaande schriftelijke toestemming van Partou.""",
    ),
    (
        "ggd-inleiding",
        "Inleiding",
        """Dit is het jaarverslag klachten {{ jaar }} van {{ eenheid }}, onderdeel van {{ organisatie }}. Het is opgesteld volgens artikel 1.57b van de Wet kinderopvang en beschrijft op een manier die niet tot personen herleidbaar is:

- hoe ouders en oudercommissies op de klachtenregeling worden gewezen en hoe die regeling werkt;
- het aantal en de aard van de klachten;
- de strekking van de oordelen en de aard van de getroffen maatregelen;
- het aantal klachten dat aan de Geschillencommissie Kinderopvang is voorgelegd.

Het verslag wordt vóór 1 juni {{ volgend_jaar }} naar de toezichthouder (GGD) gestuurd.""",
    ),
    (
        "voorwoord",
        "Voorwoord",
        """In dit verslag vind je informatie over de klachten die in het jaar {{ jaar }} door Partou kinderopvang zijn geregistreerd. Partou kinderopvang en Smallsteps kinderopvang zijn in 2021 samen verder gegaan als één organisatie: Partou. Dit klachtenjaarverslag geldt dan ook voor alle locaties van Smallsteps kinderopvang, Partou kinderopvang en kinderopvangorganisaties die zijn toegevoegd aan de organisatie in {{ jaar }}.

Partou kinderopvang (hierna: Partou) heeft circa {{ organisatie.locaties }} locaties en meer dan {{ organisatie.medewerkers }} medewerkers. Dit jaarverslag klachtenafhandeling heeft betrekking op alle opvangvormen. Partou had in {{ jaar }} de volgende opvangvormen:

- Dagopvang
- Peuteropvang
- Buitenschoolse opvang""",
    ),
    ("algemeen", "Algemeen", ""),
    (
        "interne-procedure",
        "Interne klachtenprocedure",
        """De interne klachtenprocedure is bedoeld voor ouders die gebruikmaken van onze kinderopvang en oudercommissies van Partou en beschikbaar gesteld op de website van Partou. Voor beide rechtsvormen is de procedure gelijk.

Op de website staat een klachtenformulier dat ouders eenvoudig kunnen gebruiken om hun klacht kenbaar te maken. De klachtencoördinator stuurt de klacht door naar de betreffende locatie of afdeling. Van daaruit wordt in gesprek met de ouder de klacht afgehandeld. De afhandeling van de klacht wordt vervolgens schriftelijk bevestigd naar de ouder.

De klachten worden direct na ontvangst centraal ingevoerd in een registratiesysteem. Op die manier wordt de voortgang met betrekking tot de afhandeling gevolgd door de klachtencoördinator. De klachtencoördinator stelt op basis van dit registratiesysteem wekelijks rapportages voor het management op. Conclusies die hieraan kunnen worden verbonden, kunnen leiden tot wijzigingen in beleid, protocollen of in communicatie.

Partou heeft een wettelijke verplichting om klachten binnen een termijn van zes weken af te handelen. Om te waarborgen dat deze termijn wordt bewaakt en nageleefd, wordt gewerkt met een systeem van reminders. Hierdoor kan de voortgang en status van iedere klacht nauwkeurig worden gevolgd en gemonitord. Op deze manier wordt geborgd dat alle klachten binnen de gestelde termijn van zes weken zorgvuldig worden afgehandeld.""",
    ),
    (
        "externe-procedure",
        "Externe klachtenprocedure",
        """Ouders doorlopen in principe eerst de interne klachtenprocedure van Partou. Zijn ze niet tevreden over de afhandeling, dan kunnen ze de klacht voorleggen aan de Geschillencommissie.

Een uitspraak van de Geschillencommissie kinderopvang is bindend.

Partou is aangesloten bij de Geschillencommissie kinderopvang. Op de website van Partou is voor ouders informatie te vinden over de Geschillencommissie en het daaraan gekoppelde Klachtenloket-kinderopvang. Voor beide rechtsvormen is de procedure gelijk.""",
    ),
    ("overzicht", "Overzicht aantal klachten", ""),
    (
        "intern",
        "Intern",
        """In totaal zijn er in {{ jaar }} {{ totaal }} interne klachten geregistreerd. De aard van de klachten is als volgt verdeeld:

{{ tabel }}

In bijlage 1 is een overzicht opgenomen van alle ontvangen klachten. Ook is de aard van de klacht in dit overzicht opgenomen. Komt een locatie niet in bijlage 1 voor, dan is over deze locatie geen klacht geregistreerd in {{ jaar }}.""",
    ),
    (
        "vergelijking",
        "Aantal klachten {{ jaar }} ten opzichte van {{ vorig_jaar.jaar }}",
        """In {{ jaar }} hebben we de categorisering van klachten verfijnd door specifiekere categorieën te introduceren. Hoewel de tabel hierdoor omvangrijker is geworden, biedt dit een dieper inzicht in het onderwerp van de klachten. Dit is belangrijk voor onze interne kwaliteitsbewaking. Tegelijkertijd betekent dit, dat we bij de vergelijking met {{ vorig_jaar.jaar }} rekening moeten houden met de verschuiving in categorisering.

Het aantal klachten van {{ jaar }} is ten opzichte van {{ vorig_jaar.jaar }} {{ ontwikkeling }} van {{ vorig_jaar.totaal }} naar {{ totaal }} klachten. Ondanks het feit dat onze organisatie door overnames en uitbreiding is gegroeid. Het percentage klachten ten opzichte van het aantal opgevangen kinderen is relatief laag. In {{ jaar }} hebben we {{ kinderen }} kinderen opgevangen. Over {{ percentage }} daarvan is een klacht ontvangen. In {{ vorig_jaar.jaar }} was dit percentage {{ vorig_jaar.percentage }}.

Hieronder een tabel met het aantal klachten en de categorieën van {{ vorig_jaar.jaar }}:

{{ tabel }}

Ten opzichte van vorig jaar zien we in de twee categorieën **'personele bezetting'** en **'sluiting groep'** de grootste stijgingen in klachtaantallen. Deze onderwerpen hebben we samengevoegd in de analyse, omdat er een samenhang is tussen de personele krapte en de noodzaak tot groepsluitingen.

Tegelijkertijd zien we een daling in klachtaantallen, met name in de categorieën **'planning en plaatsing'** en **'facturatie en debiteuren'**.

In de onderstaande toelichting gaan we daarom specifiek in op deze vier categorieën. De overige categorieën vertoonden een stabiel beeld en blijven om deze reden buiten beschouwing.""",
    ),
    (
        "extern",
        "Extern",
        """In {{ jaar }} zijn er in totaal {{ geschillen.totaal }} klachten ingediend bij de Geschillencommissie Kinderopvang voor de entiteiten Partou en Smallsteps samen. Hiervan hadden {{ geschillen.label.Partou B.V. }} geschillen betrekking op Partou en {{ geschillen.label.Smallsteps B.V. }} geschillen op Smallsteps. Van de {{ geschillen.totaal }} klachten is {{ geschillen.gegrond }} klacht gegrond verklaard. Zie {{ bijlagen.geschillen }} voor het geschiloverzicht van de Geschillencommissie, met daarin nadere inhoudelijke informatie. In {{ vorig_jaar.jaar }} betrof dit in totaal {{ vorig_jaar.geschillen.totaal }} klachten.

{{ tabel }}""",
    ),
    (
        "ggd-klachten",
        "Klachten in {{ jaar }}",
        """In {{ jaar }} zijn over {{ eenheid }} {{ totaal }} klachten geregistreerd. Hieronder staan de aard van de klachten, de strekking van de oordelen en de afhandeltermijn. Bijlage 1 beschrijft elke klacht en de getroffen maatregelen, zonder namen.

{{ tabel }}""",
    ),
    (
        "ggd-geschillen",
        "Geschillencommissie Kinderopvang",
        """Ouders die niet tevreden zijn over de afhandeling van hun klacht, kunnen die voorleggen aan de Geschillencommissie Kinderopvang. In {{ jaar }} zijn over {{ eenheid }} {{ geschillen.totaal }} klachten aan de Geschillencommissie voorgelegd.

{{ tabel }}""",
    ),
    (
        "nawoord",
        "Nawoord",
        """Wij gaan ervan uit je met deze informatie voldoende op de hoogte te hebben gesteld van het gevoerde kwaliteitsmanagement op het gebied van klachten en verbeteringen.

Mocht je verdere vragen hebben, dan kun je contact met ons opnemen via klachten@partou.nl.

Met vriendelijke groet,
Ouderspecialisten – Klachtencoördinatie
Partou kinderopvang""",
    ),
    (
        "bijlage-klachten",
        "Klachtenoverzicht",
        """Dit overzicht bevat alle {{ totaal }} klachten die in {{ jaar }} zijn geregistreerd, met per klacht de locatie, het label, de categorie, een geanonimiseerde omschrijving, de getroffen oplossing en of de klacht gegrond is.""",
    ),
    (
        "bijlage-geschillen",
        "Geschiloverzicht",
        """In deze bijlage treft u een overzicht aan van de geschillen die in {{ jaar }} bij de Geschillencommissie Kinderopvang zijn ingediend, met het zaaknummer, het onderwerp van het geschil en de uitkomst.""",
    ),
)

ANALYSES: tuple[tuple[str, str], ...] = (
    (
        "Personele bezetting en sluiting groep",
        """We zien dat het aantal klachten over personele bezetting en het sluiten van groepen is gestegen ten opzichte van vorig jaar. Deze onderwerpen hebben we samengevoegd in de analyse, omdat er een samenhang is tussen de personele krapte en de noodzaak tot groepssluitingen.

De kinderopvang heeft al langere tijd te maken met een personeelstekort. Hierdoor zijn locaties ook het afgelopen jaar soms genoodzaakt geweest om een groep te sluiten. Dit betekende dat ouders hun kind thuis moesten houden of zelf vervangende opvang moesten regelen.

Partou zet zich actief in om nieuw personeel te werven en de huidige personele situatie te verbeteren. Dit gebeurt onder andere door middel van gerichte wervingscampagnes en diverse recruitmentacties, waarbij wordt ingezet op het vergroten van de zichtbaarheid als werkgever en het aantrekken van gekwalificeerde kandidaten. Daarnaast wordt aandacht besteed aan het behouden van huidig personeel, onder meer door te investeren in begeleiding, ontwikkeling en werktevredenheid. Met deze inspanningen streeft Partou ernaar de continuïteit en kwaliteit van de dienstverlening te waarborgen en waar mogelijk verder te verbeteren.""",
    ),
    (
        "Planning en plaatsing",
        """In {{ jaar }} zien we een duidelijke en positieve ontwikkeling binnen het thema planning en plaatsing. Het aantal klachten is gedaald van {{ vorig_jaar.categorie.Planning en plaatsing }} in {{ vorig_jaar.jaar }} naar {{ categorie.Planning en plaatsing }} in {{ jaar }}. Deze daling lijkt het resultaat van gerichte verbetermaatregelen die het afgelopen jaar zijn ingezet. Zo is er meer aandacht geweest voor tijdige en persoonlijke communicatie met ouders, waardoor verwachtingen rondom plaatsing en wachtlijsten beter worden gemanaged. Ook is er vaker direct contact opgenomen bij onduidelijkheden wat heeft bijgedragen aan snellere en effectievere oplossingen.""",
    ),
    (
        "Debiteuren en facturatie",
        """We zien dat het aantal klachten rondom debiteuren en facturatie flink is gedaald. Dat is geen toeval. We hebben het proces opnieuw ingericht, met meer aandacht voor de klant. Zo maken we onze communicatie vriendelijker en duidelijker. Dat geeft rust en voorkomt onnodige spanning.

Ook hebben we onze voorwaarden aangepast. Daardoor krijgen klanten meer tijd om te betalen. Waar we voorheen soms snel opvolgden, geven we nu meer ruimte. Dat sluit beter aan bij wat klanten nodig hebben. We merken dat dit werkt. Er is minder frictie in het contact en we vinden sneller samen een oplossing. Klanten voelen zich gehoord en geholpen. En dat zie je terug in het aantal klachten: dat blijft dalen.""",
    ),
)

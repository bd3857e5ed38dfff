"""The default closing letter (issue 15): real headings, each measure with its term, the signer's
name and role, and the Klachtenloket and Geschillencommissie with their terms. Only a default
template nobody has edited is replaced."""

from django.db import migrations

OLD_BODY = """Beste {{ naam }},

Op {{ ontvangen_op }} ontvingen wij uw klacht over {% if locatie %}{{ locatie }}{% else %}onze dienstverlening{% endif %} (kenmerk {{ kenmerk }}). Dank u dat u de moeite nam ons te laten weten wat er niet goed ging. In deze brief leest u ons oordeel en wat wij hebben gedaan.

Uw klacht
{{ omschrijving }}

Wat wij hebben gedaan
{{ oplossing }}

Ons oordeel
Wij vinden uw klacht {{ oordeel }}.{% if maatregelen %}

Maatregelen
{% for maatregel in maatregelen %}- {{ maatregel.omschrijving }} ({{ maatregel.wie }}, uiterlijk {{ maatregel.termijn }})
{% endfor %}{% endif %}

Bent u het niet eens met dit oordeel, dan kunt u terecht bij het Klachtenloket Kinderopvang (bemiddeling) en daarna bij de Geschillencommissie Kinderopvang, waarvan de uitspraak bindend is.

Met vriendelijke groet,

{{ afzender }}"""

NEW_BODY = """Beste {{ naam }},

{% if ontvangen_op %}Op {{ ontvangen_op }} ontvingen wij{% else %}Wij ontvingen{% endif %} uw klacht over {% if locatie %}{{ locatie }}{% else %}onze dienstverlening{% endif %} (kenmerk {{ kenmerk }}). Dank u dat u de moeite nam ons te laten weten wat er niet goed ging. In deze brief leest u wat wij hebben gedaan, ons oordeel en de maatregelen die wij nemen.

Uw klacht
{{ omschrijving }}

Wat wij hebben gedaan
{{ oplossing }}

Ons oordeel
Wij vinden uw klacht {{ oordeel }}.{% if maatregelen %}

Maatregelen
{% for maatregel in maatregelen %}- {{ maatregel.omschrijving }} ({{ maatregel.wie }}, uiterlijk {{ maatregel.termijn }})
{% endfor %}{% endif %}

Niet tevreden?
Bent u het niet eens met ons oordeel? Voor informatie, advies en bemiddeling kunt u terecht bij het Klachtenloket Kinderopvang (www.klachtenloket-kinderopvang.nl). U kunt uw klacht ook voorleggen aan de Geschillencommissie Kinderopvang (www.degeschillencommissie.nl), uiterlijk twaalf maanden nadat u de klacht bij ons hebt ingediend. De uitspraak van de Geschillencommissie is bindend.

Met vriendelijke groet,

{{ afzender }}"""


def forward(apps, schema_editor):
    LetterTemplate = apps.get_model("complaints", "LetterTemplate")
    LetterTemplate.objects.filter(body=OLD_BODY).update(body=NEW_BODY)


def backward(apps, schema_editor):
    LetterTemplate = apps.get_model("complaints", "LetterTemplate")
    LetterTemplate.objects.filter(body=NEW_BODY).update(body=OLD_BODY)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0015_event_kinds_merged")]
    operations = [migrations.RunPython(forward, backward)]

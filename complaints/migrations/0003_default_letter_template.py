from django.db import migrations

DEFAULT_BODY = """Beste {{ naam }},

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


def create(apps, schema_editor):
    LetterTemplate = apps.get_model("complaints", "LetterTemplate")
    if not LetterTemplate.objects.filter(is_default=True).exists():
        LetterTemplate.objects.create(name="Standaard afsluitbrief", body=DEFAULT_BODY, is_default=True)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0002_handling")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]

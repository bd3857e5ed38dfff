"""Issue 18: the complainant's language on the complaint, and an English version next to the
Dutch text of letter and message templates. The default closing letter nobody has edited gets
its English version."""

import importlib

from django.db import migrations, models

# SQLite adds a NOT NULL column by rebuilding the table, which drops the triggers
# that keep the full-text index (0005) in step; they are created again here (as in 0007).
_0007 = importlib.import_module("complaints.migrations.0007_complaint_is_confidential")

DEFAULT_BODY_EN = """Dear {{ naam }},

{% if ontvangen_op %}On {{ ontvangen_op }} we received{% else %}We received{% endif %} your complaint about {% if locatie %}{{ locatie }}{% else %}our services{% endif %} (reference {{ kenmerk }}). Thank you for taking the trouble to let us know what went wrong. In this letter you can read what we have done, our verdict and the measures we are taking.

Your complaint
{{ omschrijving }}

What we have done
{{ oplossing }}

Our verdict
We consider your complaint {{ oordeel }}.{% if maatregelen %}

Measures
{% for maatregel in maatregelen %}- {{ maatregel.omschrijving }} ({{ maatregel.wie }}, by {{ maatregel.termijn }})
{% endfor %}{% endif %}

Not satisfied?
If you do not agree with our verdict, you can turn to the Klachtenloket Kinderopvang, the national childcare complaints desk (www.klachtenloket-kinderopvang.nl), for information, advice and mediation. You can also submit your complaint to the Geschillencommissie Kinderopvang, the childcare disputes committee (www.degeschillencommissie.nl), no later than twelve months after you submitted it to us. The decision of the Geschillencommissie is binding.

Kind regards,

{{ afzender }}"""


def forward(apps, schema_editor):
    LetterTemplate = apps.get_model("complaints", "LetterTemplate")
    dutch = importlib.import_module("complaints.migrations.0016_letter_template_headings_terms").NEW_BODY
    LetterTemplate.objects.filter(body=dutch, body_en="").update(body_en=DEFAULT_BODY_EN)


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0017_improvement_changed_event'),
    ]

    operations = [
        migrations.AddField(
            model_name='complaint',
            name='language',
            field=models.CharField(choices=[('nl', 'Nederlands'), ('en', 'Engels')], default='nl', max_length=2, verbose_name='taal indiener'),
        ),
        migrations.RunPython(_0007.restore_sqlite_triggers, migrations.RunPython.noop),
        migrations.AddField(
            model_name='lettertemplate',
            name='body_en',
            field=models.TextField(blank=True, help_text='Voor klachten in het Engels; dezelfde variabelen als de Nederlandse tekst. Leeg: de Nederlandse tekst wordt gebruikt.', verbose_name='tekst (Engels)'),
        ),
        migrations.AddField(
            model_name='messagetemplate',
            name='body_en',
            field=models.TextField(blank=True, help_text='Voor klachten in het Engels; leeg: de Nederlandse tekst wordt gebruikt.', verbose_name='tekst (Engels)'),
        ),
        migrations.AddField(
            model_name='messagetemplate',
            name='subject_en',
            field=models.CharField(blank=True, max_length=200, verbose_name='onderwerp (Engels)'),
        ),
        migrations.AlterField(
            model_name='complaintevent',
            name='kind',
            field=models.CharField(choices=[('complaint.registered', 'Klacht geregistreerd'), ('complaint.imported', 'Geïmporteerd uit het jaarverslag'), ('complaint.import_updated', 'Bijgewerkt door nieuwe import'), ('complaint.forwarded', 'Ingedeeld en doorgestuurd'), ('complaint.closed', 'Afgesloten'), ('complaint.withdrawn', 'Ingetrokken door indiener'), ('complaint.outcome_set', 'Oordeel en oplossing vastgelegd'), ('contact.recorded', 'Contactmoment vastgelegd'), ('note.added', 'Interne notitie toegevoegd'), ('measure.added', 'Maatregel vastgelegd'), ('measure.done', 'Maatregel gerealiseerd'), ('letter.drafted', 'Afsluitbrief opgesteld'), ('letter.updated', 'Afsluitbrief gewijzigd'), ('letter.sent', 'Afsluitbrief verstuurd'), ('attachment.added', 'Bijlage toegevoegd'), ('email.sent', 'E-mail verstuurd'), ('email.failed', 'E-mail kon niet worden verstuurd'), ('reminder.sent', 'Herinnering verstuurd'), ('complainant.erased', 'Contactgegevens indiener gewist'), ('complainant.exported', 'Gegevens indiener uitgevoerd (inzageverzoek)'), ('complaint.marked_confidential', 'Als vertrouwelijk gemarkeerd'), ('complaint.confidentiality_lifted', 'Niet meer vertrouwelijk'), ('message.received', 'Bericht van indiener'), ('complaint.reopened', 'Heropend'), ('message.sent', 'Bericht aan indiener'), ('complaint.answer_date_set', 'Nieuwe antwoorddatum doorgegeven aan indiener'), ('statuslink.sent', 'Statuslink opnieuw verstuurd'), ('complaint.publication_text_set', 'Publicatietekst voor het jaarverslag vastgelegd'), ('suggestion.taken', 'Voorgestelde categorie gekozen'), ('suggestion.declined', 'Andere categorie gekozen dan voorgesteld'), ('complaint.safety_flagged', 'Veiligheidsmelding gemaakt'), ('complaint.safety_lifted', 'Veiligheidsmelding opgeheven'), ('improvement.linked', 'Verbeteractie vastgelegd'), ('improvement.changed', 'Verbeteractie gewijzigd'), ('publication.drafted', 'Geanonimiseerd concept voor de publicatietekst opgesteld'), ('location.merged', 'Locatie samengevoegd met een locatie uit het LRK'), ('complaint.assigned', 'Toegewezen aan een behandelaar'), ('complaint.language_set', 'Taal van de indiener gewijzigd')], max_length=64, verbose_name='soort'),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]

import importlib

from django.db import migrations, models

# SQLite adds a NOT NULL column by rebuilding the table, which drops the triggers
# that keep the full-text index (0005) in step; they are created again here.
_fts = importlib.import_module("complaints.migrations.0005_full_text_search")
COMPLAINT_TRIGGERS = ["complaint_fts_insert", "complaint_fts_update", "complaint_fts_delete"]


def restore_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in COMPLAINT_TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in _fts.SQLITE_FORWARD:
        if any(f"TRIGGER {name} " in statement for name in COMPLAINT_TRIGGERS):
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0006_event_kind_choices'),
    ]

    operations = [
        migrations.AddField(
            model_name='complaint',
            name='is_confidential',
            field=models.BooleanField(default=False, verbose_name='vertrouwelijk'),
        ),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='complaintevent',
            name='kind',
            field=models.CharField(choices=[('complaint.registered', 'Klacht geregistreerd'), ('complaint.imported', 'Geïmporteerd uit het jaarverslag'), ('complaint.import_updated', 'Bijgewerkt door nieuwe import'), ('complaint.forwarded', 'Ingedeeld en doorgestuurd'), ('complaint.closed', 'Afgesloten'), ('complaint.withdrawn', 'Ingetrokken door indiener'), ('complaint.outcome_set', 'Oordeel en oplossing vastgelegd'), ('contact.recorded', 'Contactmoment vastgelegd'), ('note.added', 'Interne notitie toegevoegd'), ('measure.added', 'Maatregel vastgelegd'), ('measure.done', 'Maatregel gerealiseerd'), ('letter.drafted', 'Afsluitbrief opgesteld'), ('letter.updated', 'Afsluitbrief gewijzigd'), ('letter.sent', 'Afsluitbrief verstuurd'), ('attachment.added', 'Bijlage toegevoegd'), ('email.sent', 'E-mail verstuurd'), ('email.failed', 'E-mail kon niet worden verstuurd'), ('reminder.sent', 'Herinnering verstuurd'), ('complainant.erased', 'Contactgegevens indiener gewist'), ('complainant.exported', 'Gegevens indiener uitgevoerd (inzageverzoek)'), ('complaint.marked_confidential', 'Als vertrouwelijk gemarkeerd'), ('complaint.confidentiality_lifted', 'Niet meer vertrouwelijk'), ('complaint.publication_text_set', 'Publicatietekst voor het jaarverslag vastgelegd')], max_length=64, verbose_name='soort'),
        ),
    ]

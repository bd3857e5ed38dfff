from django.db import migrations

SCHEDULE = [
    # name, trigger, days, working days, coordinator, handler, operations manager
    ("Niet ingedeeld na 2 werkdagen", "not_triaged", 2, True, True, False, False),
    ("Geen contact 7 dagen na doorsturen", "no_contact", 7, False, False, True, False),
    ("Termijn verloopt over 14 dagen", "before_deadline", 14, False, False, True, False),
    ("Termijn verloopt over 3 dagen", "before_deadline", 3, False, False, True, True),
    ("Dagoverzicht verlopen klachten", "overdue_digest", 0, False, True, False, True),
]


def create(apps, schema_editor):
    ReminderRule = apps.get_model("reminders", "ReminderRule")
    for name, trigger, days, working, coordinator, handler, operations in SCHEDULE:
        ReminderRule.objects.get_or_create(
            name=name,
            defaults={
                "trigger": trigger,
                "days": days,
                "working_days": working,
                "to_coordinator": coordinator,
                "to_handler": handler,
                "to_operations_manager": operations,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("reminders", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]

from django.db import migrations

# The trigram index of the location search without GIN's pending list. With it (the
# default), rows written since the last VACUUM wait in an unsorted list that every search
# reads through, and while it is long the planner prefers a sequential scan: after loading
# 30,000 register locations every search took 25-60 ms of SQL instead of 0.05-3 ms.
# Locations are written seldom, so each write updates the index itself.


def fastupdate_off(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER INDEX IF EXISTS location_search_text_trgm SET (fastupdate = off)")
    # What is still pending goes into the index now (turning fastupdate off leaves it there).
    schema_editor.execute(
        "SELECT gin_clean_pending_list('location_search_text_trgm'::regclass) "
        "WHERE to_regclass('location_search_text_trgm') IS NOT NULL"
    )


def fastupdate_on(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX IF EXISTS location_search_text_trgm RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [("organisation", "0003_location_search_and_matching")]

    operations = [migrations.RunPython(fastupdate_off, fastupdate_on)]

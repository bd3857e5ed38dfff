"""The category taxonomy of each year."""

from django.db import transaction

from complaints.models import Category, TaxonomyVersion
from complaints.services.common import ComplaintError


def taxonomy_version_copy(*, source: TaxonomyVersion, year: int) -> TaxonomyVersion:
    """Start the taxonomy of a new year as a copy of an earlier one, each
    category mapped onto the one it was copied from."""
    with transaction.atomic():
        if TaxonomyVersion.objects.filter(year=year).exists():
            raise ComplaintError(f"Er bestaat al een categorie-indeling voor {year}.")
        version = TaxonomyVersion.objects.create(year=year, name=f"Indeling {year}", previous=source)
        for old in source.categories.order_by("position", "name"):
            new = Category.objects.create(
                version=version, name=old.name, position=old.position, is_active=old.is_active
            )
            new.maps_to.add(old)
    return version

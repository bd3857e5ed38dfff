"""Category suggestions: training a model per taxonomy version from the
database, and suggesting the top three of the current version's categories."""

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from complaints.models import Category, Complaint, TaxonomyVersion
from triage.models import CategoryModel

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

MODELS_KEPT = 5


def _classifier() -> ModuleType:
    """triage.classifier, imported on first use: scikit-learn and SciPy take over a second and
    about 100 MB to import, which no web process, management command or worker should pay at
    start (Django imports this module through the app's receivers and the worker's tasks)."""
    return import_module("triage.classifier")


@dataclass(frozen=True)
class Suggestion:
    category: Category
    score: float


def taxonomy_current(*, year: int | None = None) -> TaxonomyVersion | None:
    """The taxonomy that applies in ``year`` (default: this year): that year's, or the newest before it."""
    year = year or timezone.localdate().year
    return TaxonomyVersion.objects.filter(year__lte=year).order_by("-year").first()


def training_data(version: TaxonomyVersion) -> tuple[list[str], list[str]]:
    """Texts and labels (category ids) of every categorised complaint that counts
    for ``version``: those in its own categories, and those of earlier versions
    whose category is mapped onto exactly one category of this version."""
    categories = list(version.categories.prefetch_related("maps_to"))
    label_of: dict[int, str] = {category.pk: str(category.pk) for category in categories}
    targets: dict[int, set[int]] = {}
    for category in categories:
        for old in category.maps_to.all():
            targets.setdefault(old.pk, set()).add(category.pk)
    for old_id, new_ids in targets.items():
        if len(new_ids) == 1 and old_id not in label_of:
            label_of[old_id] = str(next(iter(new_ids)))
    rows = (
        Complaint.objects.filter(category_id__in=label_of)
        .exclude(Q(description="") | Q(description__isnull=True))
        .values_list("description", "category_id")
        .order_by("pk")
    )
    texts, labels = [], []
    for description, category_id in rows.iterator():
        texts.append(description)
        labels.append(label_of[category_id])
    return texts, labels


def category_model_train(*, version: TaxonomyVersion | None = None) -> CategoryModel | None:
    """Train and store a new model for ``version`` (default: the current one).
    Returns None when there is too little data (fewer than two categories)."""
    version = version or taxonomy_current()
    if version is None:
        return None
    texts, labels = training_data(version)
    if len(set(labels)) < 2:
        return None
    classifier = _classifier()
    evaluation = classifier.cross_validate(texts, labels)
    pipeline = classifier.train(texts, labels)
    names = dict(Category.objects.filter(version=version).values_list("pk", "name"))
    per_category = {names.get(int(label), label): figures for label, figures in evaluation.per_category.items()}
    with transaction.atomic():
        model = CategoryModel.objects.create(
            version=version,
            trained_at=timezone.now(),
            samples=evaluation.samples,
            top1=evaluation.top1,
            top3=evaluation.top3,
            per_category=per_category,
            model=classifier.dumps(pipeline),
        )
        # A model is a few megabytes and one is trained every night: keep the newest few for comparison.
        keep = CategoryModel.objects.filter(version=version).values_list("pk", flat=True)[:MODELS_KEPT]
        CategoryModel.objects.filter(version=version).exclude(pk__in=list(keep)).delete()
    return model


# Loaded once per process and kept until a newer model of the version appears.
_loaded: dict[int, tuple[int, "Pipeline"]] = {}
_lock = threading.Lock()


def _pipeline_for(version: TaxonomyVersion) -> "Pipeline | None":
    latest = CategoryModel.objects.filter(version=version).only("pk").first()
    if latest is None:
        return None
    with _lock:
        cached = _loaded.get(version.pk)
        if cached is None or cached[0] != latest.pk:
            data = CategoryModel.objects.values_list("model", flat=True).get(pk=latest.pk)
            _loaded[version.pk] = (latest.pk, _classifier().loads(bytes(data)))
        return _loaded[version.pk][1]


def category_suggest_texts(texts: Sequence[str], *, version: TaxonomyVersion) -> list[list[Suggestion]]:
    """The top three categories of ``version`` for each text, best first; empty
    lists when the version has no model yet. Categories that are no longer
    active are left out."""
    pipeline = _pipeline_for(version)
    if pipeline is None or not texts:
        return [[] for _ in texts]
    active = {str(c.pk): c for c in Category.objects.filter(version=version, is_active=True)}
    classifier = _classifier()
    ranked = classifier.suggest(pipeline, texts, top=len(pipeline.classes_))
    return [
        [Suggestion(active[label], score) for label, score in row if label in active][: classifier.TOP]
        for row in ranked
    ]


def category_suggest(complaint: Complaint) -> list[Suggestion]:
    """The top three categories for a complaint, from the taxonomy of its year."""
    version = taxonomy_current(year=complaint.year)
    if version is None:
        return []
    # The description only: the model is trained on descriptions (imported complaints have nothing else).
    return category_suggest_texts([complaint.description], version=version)[0]

from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint, TaxonomyVersion


class CategoryModel(models.Model):
    """A trained category classifier of one taxonomy version; the newest one of
    the version is used. Accuracy is measured by cross-validation at training."""

    version = models.ForeignKey(
        TaxonomyVersion, on_delete=models.CASCADE, related_name="category_models", verbose_name=_("indeling")
    )
    trained_at = models.DateTimeField(_("getraind op"))
    samples = models.PositiveIntegerField(_("aantal klachten"))
    top1 = models.FloatField(_("top-1 nauwkeurigheid"))
    top3 = models.FloatField(_("top-3 nauwkeurigheid"))
    # {category name: {"n": .., "top1": .., "top3": ..}}, from the cross-validation.
    per_category = models.JSONField(_("per categorie"), default=dict)
    # The fitted pipeline; its labels are category ids as text.
    model = models.BinaryField(_("model (joblib)"))

    class Meta:
        ordering = ["-trained_at", "-id"]
        get_latest_by = "trained_at"
        verbose_name = _("categoriemodel")
        verbose_name_plural = _("categoriemodellen")

    def __str__(self) -> str:
        return f"{self.version} ({self.trained_at:%Y-%m-%d %H:%M})"


class PublicationDraft(models.Model):
    """The anonymised draft of a complaint's publication text, for a reviewer
    to take over and edit; never published by itself."""

    complaint = models.OneToOneField(
        Complaint, on_delete=models.CASCADE, related_name="publication_draft", verbose_name=_("klacht")
    )
    text = models.TextField(_("concepttekst"))
    # [{"start", "end", "original", "replacement", "kind"}] with offsets into ``text``.
    replacements = models.JSONField(_("vervangingen"), default=list)
    created_at = models.DateTimeField(_("opgesteld op"))

    class Meta:
        verbose_name = _("concept-publicatietekst")
        verbose_name_plural = _("concept-publicatieteksten")

    def __str__(self) -> str:
        return str(self.complaint)

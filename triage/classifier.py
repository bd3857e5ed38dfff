"""The category classifier: TF-IDF over words and character n-grams, then two
models on the same features whose probabilities are averaged: a linear SVM
(class weights balanced) and complement naive Bayes. Each model's scores become
probabilities through a softmax whose temperature is fitted on out-of-fold
predictions of the training data (lowest log loss), so the scores shown are
calibrated rather than raw margins. Chosen by cross-validation against the
alternatives tried (logistic regression, SGD, ridge, either model alone, other
n-gram ranges, stemming, accent and number folding): docs/benchmarks.md
"## Triage" and triage/evaluation/model_selection.md. Pure scikit-learn, no Django."""

import io
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import joblib
import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

TOP = 3
# Softmax temperatures tried when calibrating a model's scores.
TEMPERATURES = np.logspace(-2, 2, 41)


def _softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    scaled = scores / temperature
    scaled = scaled - scaled.max(axis=1, keepdims=True)
    exp = np.exp(scaled)
    return exp / exp.sum(axis=1, keepdims=True)


def _scores(model: Any, X: Any, classes: np.ndarray) -> np.ndarray:
    """A fitted model's scores in the column order of ``classes``; a class the
    model never saw (a rare category missing from a fold) scores lowest."""
    raw = model.decision_function(X) if isinstance(model, LinearSVC) else model.predict_log_proba(X)
    if raw.ndim == 1:  # two classes: one margin
        raw = np.column_stack([-raw, raw])
    out = np.full((raw.shape[0], len(classes)), np.nan)
    out[:, np.searchsorted(classes, model.classes_)] = raw
    floor = np.nanmin(out) - 10.0 if np.isfinite(np.nanmin(out)) else -10.0
    return np.where(np.isnan(out), floor, out)


class SoftVote(ClassifierMixin, BaseEstimator):
    """The mean of the calibrated probabilities of ``estimators`` (fitted on the
    same features). Each one's softmax temperature is the one with the lowest
    log loss on out-of-fold scores of the training data (``calibration_folds``)."""

    def __init__(self, estimators: Sequence[Any] = (), calibration_folds: int = 3) -> None:
        self.estimators = estimators
        self.calibration_folds = calibration_folds

    def fit(self, X: Any, y: Sequence[str]) -> "SoftVote":
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        index = np.searchsorted(self.classes_, y)
        counts = Counter(y.tolist())
        folds = max(2, min(self.calibration_folds, max(counts.values())))
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
        self.temperatures_ = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # rare categories cannot be in every fold
            out_of_fold = [np.zeros((len(y), len(self.classes_))) for _ in self.estimators]
            for train_rows, test_rows in splitter.split(np.zeros(len(y)), y):
                for i, estimator in enumerate(self.estimators):
                    model = clone(estimator).fit(X[train_rows], y[train_rows])
                    out_of_fold[i][test_rows] = _scores(model, X[test_rows], self.classes_)
        for scores in out_of_fold:
            losses = [
                -np.log(np.clip(_softmax(scores, t)[np.arange(len(y)), index], 1e-12, None)).mean()
                for t in TEMPERATURES
            ]
            self.temperatures_.append(float(TEMPERATURES[int(np.argmin(losses))]))
        self.estimators_ = [clone(estimator).fit(X, y) for estimator in self.estimators]
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        probabilities = [
            _softmax(_scores(model, X, self.classes_), t)
            for model, t in zip(self.estimators_, self.temperatures_, strict=True)
        ]
        return np.mean(probabilities, axis=0)

    def predict(self, X: Any) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


def pipeline_build() -> Pipeline:
    features = FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    lowercase=True, strip_accents="unicode", ngram_range=(1, 2), min_df=1, sublinear_tf=True
                ),
            ),
            # Character n-grams within word boundaries carry Dutch compounds and misspellings
            # ("ophaaltijden", "ophaal-tijd") that whole words miss.
            (
                "chars",
                TfidfVectorizer(
                    lowercase=True, strip_accents="unicode", analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True
                ),
            ),
        ]
    )
    model = SoftVote(
        estimators=[LinearSVC(C=0.3, class_weight="balanced"), ComplementNB(alpha=0.1)], calibration_folds=3
    )
    return Pipeline([("features", features), ("model", model)])


def description(pipeline: Pipeline) -> str:
    """The pipeline's settings in full (not its fitted state): a stored model
    whose description differs from pipeline_build()'s was trained by an older
    version of this module."""
    return pipeline.__repr__(N_CHAR_MAX=100_000)


@dataclass(frozen=True)
class Evaluation:
    samples: int
    top1: float
    top3: float
    per_category: dict[str, dict[str, float]]  # name -> {"n", "top1", "top3"}


def _top_k_hits(probabilities: np.ndarray, classes: np.ndarray, labels: Sequence[str], k: int) -> np.ndarray:
    order = np.argsort(-probabilities, axis=1)[:, :k]
    return np.array([label in classes[row] for label, row in zip(labels, order, strict=True)])


def cross_validate(texts: Sequence[str], labels: Sequence[str], *, folds: int = 5) -> Evaluation:
    """Top-1 and top-3 accuracy measured on held-out folds, overall and per category."""
    counts = Counter(labels)
    # A category with fewer members than folds is still evaluated; it just lands in fewer folds.
    folds = max(2, min(folds, max(counts.values())))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    y = np.array(labels)
    with warnings.catch_warnings():
        # Categories with one or two complaints cannot be in every fold; scikit-learn says so, we know.
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        probabilities = cross_val_predict(pipeline_build(), list(texts), y, cv=splitter, method="predict_proba")
    classes = np.array(sorted(counts))
    top1 = _top_k_hits(probabilities, classes, labels, 1)
    top3 = _top_k_hits(probabilities, classes, labels, TOP)
    per_category = {}
    for name in classes:
        mask = y == name
        per_category[str(name)] = {
            "n": int(mask.sum()),
            "top1": round(float(top1[mask].mean()), 3),
            "top3": round(float(top3[mask].mean()), 3),
        }
    return Evaluation(
        samples=len(labels),
        top1=round(float(top1.mean()), 3),
        top3=round(float(top3.mean()), 3),
        per_category=per_category,
    )


def train(texts: Sequence[str], labels: Sequence[str]) -> Pipeline:
    if len(set(labels)) < 2:
        raise ValueError("At least two categories with examples are needed to train.")
    return pipeline_build().fit(list(texts), list(labels))


def suggest(pipeline: Pipeline, texts: Sequence[str], *, top: int = TOP) -> list[list[tuple[str, float]]]:
    """The ``top`` categories per text, best first, with their probability."""
    probabilities = pipeline.predict_proba(list(texts))
    classes = pipeline.classes_
    result = []
    for row in probabilities:
        order = np.argsort(-row)[:top]
        result.append([(str(classes[i]), round(float(row[i]), 3)) for i in order])
    return result


def dumps(pipeline: Pipeline) -> bytes:
    buffer = io.BytesIO()
    joblib.dump(pipeline, buffer, compress=3)
    return buffer.getvalue()


def loads(data: bytes) -> Pipeline:
    # Only ever the bytes this app wrote into its own table (never uploaded files).
    return joblib.load(io.BytesIO(data))

"""The category classifier: TF-IDF over words and character n-grams with a
logistic regression (a linear model fitted on log loss, so its probabilities
are calibrated scores rather than raw margins). Pure scikit-learn, no Django."""

import io
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import joblib
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline

TOP = 3


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
    model = LogisticRegression(C=5.0, max_iter=2000, class_weight="balanced")
    return Pipeline([("features", features), ("model", model)])


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

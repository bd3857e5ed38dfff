"""Comparing category model variants honestly: the same repeated stratified
folds for every variant, the features fitted inside each fold (a pipeline per
fold), top-1 and top-3 as mean ± standard deviation over the folds, and the
held-out evaluation texts scored once by a model trained on all complaints
(reported, never used to choose). Pure scikit-learn, no Django; run by
`manage.py compare_category_models`, minutes of CPU."""

import re
import time
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.model_selection import RepeatedStratifiedKFold
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from triage import classifier


def fold_text(text: str) -> str:
    """Lowercase, accents folded, every number one token."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\d+", "0", text)


def _words(**options) -> TfidfVectorizer:
    return TfidfVectorizer(
        **{"lowercase": True, "strip_accents": "unicode", "ngram_range": (1, 2), "sublinear_tf": True, **options}
    )


def _chars(**options) -> TfidfVectorizer:
    return TfidfVectorizer(
        **{
            "lowercase": True,
            "strip_accents": "unicode",
            "analyzer": "char_wb",
            "ngram_range": (3, 5),
            "sublinear_tf": True,
            **options,
        }
    )


def _svm(**options) -> LinearSVC:
    return LinearSVC(**{"C": 0.3, "class_weight": "balanced", **options})


def _vote(*estimators) -> classifier.SoftVote:
    return classifier.SoftVote(estimators=list(estimators) or [_svm(), ComplementNB(alpha=0.1)])


def _pipeline(model, *features: TfidfVectorizer) -> Callable[[], Pipeline]:
    def build() -> Pipeline:
        parts = features or (_words(), _chars())
        union = FeatureUnion([(f"f{i}", part) for i, part in enumerate(parts)])
        return Pipeline([("features", union), ("model", model)])

    return build


# (variant, pipeline factory); scored by the decision function where a model has no probabilities.
VARIANTS: list[tuple[str, Callable[[], Pipeline]]] = [
    (
        "words 1-2 + chars 3-5, logistic regression C=5 balanced (the model before)",
        _pipeline(LogisticRegression(C=5.0, max_iter=2000, class_weight="balanced")),
    ),
    ("words 1-2 + chars 3-5, linear SVM C=0.3 balanced", _pipeline(_svm())),
    ("words 1-2 + chars 3-5, linear SVM C=1 balanced", _pipeline(_svm(C=1.0))),
    ("words 1-2 + chars 3-5, linear SVM C=0.3, no class weights", _pipeline(_svm(class_weight=None))),
    (
        "words 1-2 + chars 3-5, SGD log loss alpha=1e-5 balanced",
        _pipeline(SGDClassifier(loss="log_loss", alpha=1e-5, class_weight="balanced", random_state=0)),
    ),
    ("words 1-2 + chars 3-5, complement naive Bayes alpha=0.1", _pipeline(ComplementNB(alpha=0.1))),
    ("words 1-2 + chars 3-5, complement naive Bayes alpha=0.3", _pipeline(ComplementNB(alpha=0.3))),
    ("**words 1-2 + chars 3-5, soft vote SVM + naive Bayes (chosen)**", _pipeline(_vote())),
    ("words 1-2 only, soft vote", _pipeline(_vote(), _words())),
    ("chars 3-5 only, soft vote", _pipeline(_vote(), _chars())),
    ("words 1 + chars 3-5, soft vote", _pipeline(_vote(), _words(ngram_range=(1, 1)), _chars())),
    ("words 1-2 + chars 2-5, soft vote", _pipeline(_vote(), _words(), _chars(ngram_range=(2, 5)))),
    (
        "words 1-2 + chars 3-6 across words, soft vote",
        _pipeline(_vote(), _words(), _chars(analyzer="char", ngram_range=(3, 6))),
    ),
    ("words 1-2 + chars 3-5, min_df=2, soft vote", _pipeline(_vote(), _words(min_df=2), _chars(min_df=2))),
    (
        "words 1-2 + chars 3-5, raw tf (no sublinear), soft vote",
        _pipeline(_vote(), _words(sublinear_tf=False), _chars(sublinear_tf=False)),
    ),
    (
        "accents and numbers folded, soft vote",
        _pipeline(_vote(), _words(preprocessor=fold_text), _chars(preprocessor=fold_text)),
    ),
]


@dataclass
class Row:
    variant: str
    top1: tuple[float, float]  # mean, std over folds
    top3: tuple[float, float]
    held_out_top1: float
    held_out_top3: float
    seconds: float


def _hits(scores: np.ndarray, classes: np.ndarray, labels: Sequence[str], k: int) -> float:
    order = np.argsort(-scores, axis=1)[:, :k]
    return float(np.mean([label in classes[row] for label, row in zip(labels, order, strict=True)]))


def _scores(pipeline: Pipeline, texts: Sequence[str]) -> np.ndarray:
    model = pipeline.named_steps["model"]
    if isinstance(model, LinearSVC):
        return pipeline.decision_function(list(texts))
    return pipeline.predict_proba(list(texts))


def compare(
    texts: Sequence[str],
    labels: Sequence[str],
    held_out: Sequence[tuple[str, str]],
    *,
    variants: Sequence[tuple[str, Callable[[], Pipeline]]] = VARIANTS,
    folds: int = 5,
    repeats: int = 2,
    progress: Callable[[Row], None] | None = None,
) -> list[Row]:
    X, y = np.array(texts, dtype=object), np.array(labels)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # rare categories cannot be in every fold
        splits = list(RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=0).split(X, y))
    held_texts = [text for text, _ in held_out]
    held_labels = [label for _, label in held_out]
    rows = []
    for name, build in variants:
        started = time.process_time()
        top1, top3 = [], []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # rare categories cannot be in every fold; convergence notes
            for train_rows, test_rows in splits:
                pipeline = build().fit(list(X[train_rows]), y[train_rows])
                scores = _scores(pipeline, X[test_rows])
                top1.append(_hits(scores, pipeline.classes_, y[test_rows], 1))
                top3.append(_hits(scores, pipeline.classes_, y[test_rows], 3))
            pipeline = build().fit(list(X), y)
            scores = _scores(pipeline, held_texts)
        row = Row(
            variant=name,
            top1=(float(np.mean(top1)), float(np.std(top1))),
            top3=(float(np.mean(top3)), float(np.std(top3))),
            held_out_top1=_hits(scores, pipeline.classes_, held_labels, 1) if held_texts else 0.0,
            held_out_top3=_hits(scores, pipeline.classes_, held_labels, 3) if held_texts else 0.0,
            seconds=time.process_time() - started,
        )
        rows.append(row)
        if progress:
            progress(row)
    return rows


def markdown(rows: Sequence[Row], *, samples: int, held_out: int, folds: int, repeats: int, when: str) -> str:
    lines = [
        f"**Model selection** (`manage.py compare_category_models`, {when}): {samples} complaints, stratified",
        f"{folds}-fold cross-validation repeated {repeats} times with the same folds for every variant, features",
        "fitted inside each fold; mean ± standard deviation over the folds. The held-out column is the",
        f"{held_out} evaluation texts scored once by each variant trained on all complaints (reported, not used",
        "to choose). CPU seconds for all folds.",
        "",
        "| variant | CV top-1 | CV top-3 | held-out top-1 | held-out top-3 | CPU s |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.variant} | {row.top1[0]:.1%} ± {row.top1[1]:.1%} | {row.top3[0]:.1%} ± {row.top3[1]:.1%} "
            f"| {row.held_out_top1:.1%} | {row.held_out_top3:.1%} | {row.seconds:.0f} |"
        )
    return "\n".join(lines) + "\n"

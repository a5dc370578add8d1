"""How alike two reports read: TF-IDF cosine of their sentences (scikit-learn).

Words that many sentences of the loaded articles share ("said", "police", the topic's own name)
weigh little; names and content words that only a few sentences share weigh much. English stop
words are left out and term counts are damped (sublinear tf) so one repeated word does not
decide. Rows are L2-normalised, so a dot product is the cosine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy import sparse

# Words of two or more letters or digits; "U.S." and "9/11" become their parts.
_TOKEN = r"(?u)\b\w\w+\b"


def vectors(texts: Sequence[str]) -> sparse.csr_matrix:
    """One L2-normalised TF-IDF row per text; an all-stop-word text gets an empty row."""
    # Imported on first use: scikit-learn and scipy cost ~0.8 s at start-up (see merger.py).
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(lowercase=True, stop_words="english", token_pattern=_TOKEN,
                                 sublinear_tf=True, norm="l2", dtype=np.float64)
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # every text was empty or stop words only: nothing to compare
        return sparse.csr_matrix((len(texts), 1))

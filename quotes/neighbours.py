"""Clustering, stage 3 (meaning): each text's nearest neighbours by cosine, never all pairs.

Exact inner-product search up to ``EXACT_SEARCH_MAX`` texts, HNSW above. A neighbour is only a
candidate: ``quotes.cluster`` decides whether it becomes an edge.
"""

from __future__ import annotations

import numpy as np

# Nearest neighbours looked at per text. PolNeAR's largest group holds 5 distinct texts, and
# every pair at 0.75 or more is among each side's 4 nearest.
NEIGHBOURS = 10
# Below this cosine a neighbour is never an edge: of 15 pairs sampled at 0.75-0.80, 9 were a
# partial quote and its fuller version, 6 unrelated quotes on one topic. Partial quotes further
# apart in meaning are still found, word for word, by containment.
CANDIDATE_COSINE = 0.75
# Up to this many texts the neighbour search is exact: faiss IndexFlatIP, 0.4 s for 8,000
# texts and 2.2 s for 20,000 on 2 cores (blocked numpy top-k took twice as long), but growing
# with the square: 48 s for 100,000. Above it, HNSW (M=32, efConstruction=40, efSearch=64),
# built on one thread so that the result is repeatable: 32 s for 100,000, still finding every
# pair at 0.8 or more among 100,000 noisy copies of the PolNeAR vectors; even at about 50,000.
EXACT_SEARCH_MAX = 50_000


def neighbour_pairs(matrix: np.ndarray, has_vector: np.ndarray) -> set[tuple[int, int]]:
    """Row pairs (a < b) of unit ``matrix`` among each row's nearest neighbours, at
    ``CANDIDATE_COSINE`` or more; rows without a vector (``has_vector`` false) left out."""
    indexed = np.flatnonzero(has_vector)
    if len(indexed) < 2:
        return set()
    # Every row embedded (the usual case): the matrix itself, not a copy of all of it.
    rows = matrix if len(indexed) == len(matrix) else matrix[indexed]
    similarities, neighbours = nearest(rows, min(NEIGHBOURS + 1, len(indexed)))
    del rows
    pairs: set[tuple[int, int]] = set()
    for row, (sims, cols) in enumerate(zip(similarities, neighbours)):
        for similarity, col in zip(sims, cols):
            if col >= 0 and col != row and similarity >= CANDIDATE_COSINE:
                a, b = int(indexed[row]), int(indexed[col])
                pairs.add((min(a, b), max(a, b)))
    return pairs


def nearest(matrix: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(similarities, indices) of each row's k nearest rows by inner product, itself included."""
    import faiss

    matrix = np.ascontiguousarray(matrix, dtype=np.float32)
    if len(matrix) <= EXACT_SEARCH_MAX:
        index = faiss.IndexFlatIP(matrix.shape[1])
        index.add(matrix)
    else:
        index = faiss.IndexHNSWFlat(matrix.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 40
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)  # a multi-threaded build links the graph in a varying order
        try:
            index.add(matrix)
        finally:
            faiss.omp_set_num_threads(threads)
        index.hnsw.efSearch = 64
    return index.search(matrix, k)


def near_pairs(matrix: np.ndarray, threshold: float) -> set[tuple[int, int]]:
    """Every row pair (a < b) of unit ``matrix`` at cosine ``threshold`` or more, exactly (a
    faiss range search; the threshold lowered by float32's rounding, so none is missed)."""
    import faiss

    matrix = np.ascontiguousarray(matrix, dtype=np.float32)
    index = faiss.IndexFlatIP(matrix.shape[1])
    index.add(matrix)
    limits, _, found = index.range_search(matrix, threshold - 1e-5)
    return {
        (min(row, int(col)), max(row, int(col)))
        for row in range(len(matrix))
        for col in found[limits[row] : limits[row + 1]]
        if col != row
    }

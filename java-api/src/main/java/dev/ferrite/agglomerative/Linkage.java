package dev.ferrite.agglomerative;

/**
 * How agglomerative clustering measures the distance between two clusters (the height of their merge), as SciPy's
 * {@code scipy.cluster.hierarchy.linkage} methods of the same names. Immutable and thread-safe.
 */
public enum Linkage {
    /**
     * Ward's minimum variance: clusters {@code A} and {@code B} are at {@code sqrt(2 |A| |B| / (|A| + |B|)) * |cA - cB|}
     * ({@code cA}, {@code cB} their centroids). Euclidean distance only. Up to 8 dimensions, the nearest-neighbour
     * chain on centroids (O(n d) memory); from 9 dimensions on, SciPy's Lance–Williams recurrence on the condensed
     * distance matrix when it fits {@link AgglomerativeParams#maxMatrixBytes()}, else centroids again.
     */
    WARD,
    /** The distance of the closest pair of points, one in each cluster (a minimum spanning tree). O(n d) memory. */
    SINGLE,
    /**
     * The distance of the farthest pair of points, one in each cluster. Keeps the condensed distance matrix
     * ({@code n (n - 1) / 2} doubles, bounded by {@link AgglomerativeParams#maxMatrixBytes()}).
     */
    COMPLETE,
    /**
     * The mean distance over all pairs of points, one in each cluster (UPGMA). Keeps the condensed distance matrix
     * ({@code n (n - 1) / 2} doubles, bounded by {@link AgglomerativeParams#maxMatrixBytes()}).
     */
    AVERAGE
}

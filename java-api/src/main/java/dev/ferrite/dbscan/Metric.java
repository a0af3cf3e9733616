package dev.ferrite.dbscan;

/**
 * How DBSCAN measures the distance between two points. Distances are evaluated in double precision; see
 * {@link Dbscan} for the exact formulas. Immutable and thread-safe.
 */
public enum Metric {
    /**
     * Straight-line distance: two points are neighbours when the sum of squared coordinate differences is at most
     * {@code eps * eps}.
     */
    EUCLIDEAN,
    /**
     * Cosine distance {@code 1 - cos(a, b)}, between 0 and 2: two points are neighbours when it is at most
     * {@code eps}. Zero vectors have no direction and are rejected.
     */
    COSINE
}

package dev.ferrite.agglomerative;

import dev.ferrite.dbscan.Metric;
import java.util.Objects;

/**
 * Parameters of an agglomerative clustering run: the {@link Linkage}, the {@link Metric}, the largest distance
 * matrix a run may keep and how many threads may work on it.
 *
 * <pre>{@code
 * AgglomerativeParams ward = AgglomerativeParams.of(Linkage.WARD);                         // Euclidean
 * AgglomerativeParams text = AgglomerativeParams.of(Linkage.AVERAGE).metric(Metric.COSINE);
 * AgglomerativeParams big = text.maxMatrixBytes(16L << 30).threads(4);
 * }</pre>
 *
 * <p>Immutable and thread-safe: the withers return modified copies.
 */
public final class AgglomerativeParams {
    /** The default ceiling of the distance matrix kept by complete and average linkage: 4 GiB. */
    public static final long DEFAULT_MAX_MATRIX_BYTES = 4L << 30;

    private final Linkage linkage;
    private final Metric metric;
    private final long maxMatrixBytes;
    private final int threads;

    private AgglomerativeParams(Linkage linkage, Metric metric, long maxMatrixBytes, int threads) {
        this.linkage = linkage;
        this.metric = metric;
        this.maxMatrixBytes = maxMatrixBytes;
        this.threads = threads;
    }

    /**
     * Euclidean clustering with the given linkage, the default matrix ceiling and the default number of threads.
     *
     * @param linkage the linkage
     * @return the parameters
     * @throws NullPointerException when {@code linkage} is null
     */
    public static AgglomerativeParams of(Linkage linkage) {
        return new AgglomerativeParams(Objects.requireNonNull(linkage, "linkage"), Metric.EUCLIDEAN,
                DEFAULT_MAX_MATRIX_BYTES, 0);
    }

    /**
     * The same parameters with another linkage.
     *
     * @param linkage the linkage
     * @return a copy with {@code linkage}
     * @throws NullPointerException when {@code linkage} is null
     */
    public AgglomerativeParams linkage(Linkage linkage) {
        return new AgglomerativeParams(Objects.requireNonNull(linkage, "linkage"), metric, maxMatrixBytes, threads);
    }

    /**
     * The same parameters with another metric. {@link Linkage#WARD} takes {@link Metric#EUCLIDEAN} only (as SciPy);
     * the combination is refused when clustering.
     *
     * @param metric {@link Metric#EUCLIDEAN} (the default) or {@link Metric#COSINE} ({@code 1 - cos})
     * @return a copy with {@code metric}
     * @throws NullPointerException when {@code metric} is null
     */
    public AgglomerativeParams metric(Metric metric) {
        return new AgglomerativeParams(linkage, Objects.requireNonNull(metric, "metric"), maxMatrixBytes, threads);
    }

    /**
     * The same parameters with another ceiling for the condensed distance matrix that {@link Linkage#COMPLETE} and
     * {@link Linkage#AVERAGE} keep ({@code 8 n (n - 1) / 2} bytes for {@code n} points): a larger run is refused
     * with an {@link IllegalArgumentException} naming the memory it would take, before anything is allocated.
     * {@link Linkage#SINGLE} keeps no matrix; {@link Linkage#WARD} keeps one (from 9 dimensions on) only when it fits
     * the ceiling, and otherwise works on centroids: neither is ever refused.
     *
     * @param bytes the ceiling, at least 0 (default {@link #DEFAULT_MAX_MATRIX_BYTES})
     * @return a copy with the ceiling
     * @throws IllegalArgumentException when {@code bytes < 0}
     */
    public AgglomerativeParams maxMatrixBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxMatrixBytes must be >= 0, got " + bytes);
        }
        return new AgglomerativeParams(linkage, metric, bytes, threads);
    }

    /**
     * The same parameters with a limit on the threads working on one run, as
     * {@link dev.ferrite.dbscan.DbscanParams#threads(int)}: {@code 0} (the default) the backend's whole pool,
     * {@code 1} the calling thread only, {@code k > 1} at most {@code k} threads. The result never depends on it.
     *
     * @param threads 0 or more
     * @return a copy with the limit
     * @throws IllegalArgumentException when {@code threads < 0}
     */
    public AgglomerativeParams threads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = default), got " + threads);
        }
        return new AgglomerativeParams(linkage, metric, maxMatrixBytes, threads);
    }

    /**
     * The linkage.
     *
     * @return the linkage
     */
    public Linkage linkage() {
        return linkage;
    }

    /**
     * The distance between points.
     *
     * @return the metric
     */
    public Metric metric() {
        return metric;
    }

    /**
     * The ceiling of the distance matrix in bytes.
     *
     * @return the ceiling
     */
    public long maxMatrixBytes() {
        return maxMatrixBytes;
    }

    /**
     * The thread limit; 0 means the backend's default.
     *
     * @return the limit
     */
    public int threads() {
        return threads;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgglomerativeParams p && p.linkage == linkage && p.metric == metric
                && p.maxMatrixBytes == maxMatrixBytes && p.threads == threads;
    }

    @Override
    public int hashCode() {
        return ((linkage.hashCode() * 31 + metric.hashCode()) * 31 + Long.hashCode(maxMatrixBytes)) * 31 + threads;
    }

    @Override
    public String toString() {
        return "AgglomerativeParams[linkage=" + linkage + ", metric=" + metric + ", maxMatrixBytes=" + maxMatrixBytes
                + ", threads=" + threads + "]";
    }
}

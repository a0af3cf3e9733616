package dev.ferrite.dbscan;

import java.util.Objects;

/**
 * Parameters of a DBSCAN run: the neighbourhood radius {@code eps}, the minimum neighbourhood size {@code minPts}
 * (which counts the point itself), the {@link Metric} and how many threads may work on it.
 *
 * <pre>{@code
 * DbscanParams geo = DbscanParams.of(0.3, 10);                                  // Euclidean
 * DbscanParams text = DbscanParams.of(0.15, 5).metric(Metric.COSINE);           // cosine distance 1 - cos
 * DbscanParams oneThread = text.threads(1);                                      // the calling thread only
 * }</pre>
 *
 * <p>Immutable and thread-safe: {@link #metric(Metric)} and {@link #threads(int)} return modified copies.
 */
public final class DbscanParams {
    private final double eps;
    private final int minPts;
    private final Metric metric;
    private final int threads;

    private DbscanParams(double eps, int minPts, Metric metric, int threads) {
        this.eps = eps;
        this.minPts = minPts;
        this.metric = metric;
        this.threads = threads;
    }

    /**
     * Euclidean DBSCAN with the given radius and minimum neighbourhood size, using the default number of threads.
     *
     * @param eps the neighbourhood radius: points at distance {@code <= eps} are neighbours; finite and positive
     * @param minPts the number of neighbours, the point itself included, that makes a point a core point; at least 1
     * @return the parameters
     * @throws IllegalArgumentException when {@code eps} is NaN, infinite, zero or negative, or {@code minPts < 1}
     */
    public static DbscanParams of(double eps, int minPts) {
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be finite and > 0, got " + eps);
        }
        if (minPts < 1) {
            throw new IllegalArgumentException("minPts must be >= 1 (it counts the point itself), got " + minPts);
        }
        return new DbscanParams(eps, minPts, Metric.EUCLIDEAN, 0);
    }

    /**
     * The same parameters with another metric.
     *
     * @param metric {@link Metric#EUCLIDEAN} (the default) or {@link Metric#COSINE}
     * @return a copy with {@code metric}
     * @throws NullPointerException when {@code metric} is null
     */
    public DbscanParams metric(Metric metric) {
        return new DbscanParams(eps, minPts, Objects.requireNonNull(metric, "metric"), threads);
    }

    /**
     * The same parameters with a limit on the threads working on one run. {@code 0} (the default) uses the
     * backend's whole pool (native: Ferrite's worker pool, {@code -Dferrite.threads}; Java: the common
     * {@link java.util.concurrent.ForkJoinPool}); {@code 1} runs on the calling thread only; {@code k > 1} uses at
     * most {@code k} threads, and never more than the backend has (native: the worker pool's size; Java: the number
     * of available processors); the native backend starts a temporary pool of {@code k} threads for the call when
     * {@code k} is below its pool's size. The result never depends on this setting.
     *
     * @param threads 0 or more
     * @return a copy with the limit
     * @throws IllegalArgumentException when {@code threads < 0}
     */
    public DbscanParams threads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = default), got " + threads);
        }
        return new DbscanParams(eps, minPts, metric, threads);
    }

    /**
     * The neighbourhood radius.
     *
     * @return eps, finite and positive
     */
    public double eps() {
        return eps;
    }

    /**
     * The minimum neighbourhood size of a core point, the point itself included.
     *
     * @return minPts, at least 1
     */
    public int minPts() {
        return minPts;
    }

    /**
     * The distance.
     *
     * @return the metric
     */
    public Metric metric() {
        return metric;
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
        return o instanceof DbscanParams p && Double.compare(p.eps, eps) == 0 && p.minPts == minPts
                && p.metric == metric && p.threads == threads;
    }

    @Override
    public int hashCode() {
        return ((Double.hashCode(eps) * 31 + minPts) * 31 + metric.hashCode()) * 31 + threads;
    }

    @Override
    public String toString() {
        return "DbscanParams[eps=" + eps + ", minPts=" + minPts + ", metric=" + metric + ", threads=" + threads + "]";
    }
}

package dev.ferrite.agglomerative;

import dev.ferrite.dbscan.Metric;
import dev.ferrite.internal.Points;
import java.util.Objects;

/**
 * What both backends share: argument checks, the matrix ceiling, the trivial inputs and the conversion of raw merges
 * into a {@link Dendrogram}. A backend supplies only {@link #compute}. Thread-safe.
 */
abstract class AbstractAgglomerative implements Agglomerative {
    /**
     * Clusters validated points ({@code points.n >= 2}).
     *
     * @return the raw merges, {@code 3 (n - 1)} values (see {@link Dendrogram#fromRaw})
     */
    abstract double[] compute(Points points, AgglomerativeParams params);

    @Override
    public final Dendrogram cluster(double[][] points, AgglomerativeParams params) {
        Objects.requireNonNull(points, "points");
        check(params);
        return run(Points.of(points, params.metric()), params);
    }

    @Override
    public final Dendrogram cluster(float[][] points, AgglomerativeParams params) {
        Objects.requireNonNull(points, "points");
        check(params);
        return run(Points.of(points, params.metric()), params);
    }

    @Override
    public final Dendrogram cluster(double[] points, int dim, AgglomerativeParams params) {
        Objects.requireNonNull(points, "points");
        check(params);
        return run(Points.of(points, dim, params.metric()), params);
    }

    @Override
    public final Dendrogram cluster(float[] points, int dim, AgglomerativeParams params) {
        Objects.requireNonNull(points, "points");
        check(params);
        return run(Points.of(points, dim, params.metric()), params);
    }

    private static void check(AgglomerativeParams params) {
        Objects.requireNonNull(params, "params");
        if (params.linkage() == Linkage.WARD && params.metric() != Metric.EUCLIDEAN) {
            throw new IllegalArgumentException("metric " + params.metric()
                    + " is not allowed with linkage WARD: Ward's linkage is defined for Euclidean distance only");
        }
    }

    /** Bytes of the condensed distance matrix of {@code n} points. */
    static long matrixBytes(long n) {
        long pairs = n * (n - 1) / 2; // n < 2^31: no overflow
        return pairs > Long.MAX_VALUE / Double.BYTES ? Long.MAX_VALUE : pairs * Double.BYTES;
    }

    /** Most points per run: the raw merges, {@code 3 (n - 1)} doubles, must fit one Java array. */
    static final int MAX_POINTS = (Integer.MAX_VALUE - 8) / 3;

    private Dendrogram run(Points points, AgglomerativeParams params) {
        int n = points.n;
        if (n > MAX_POINTS) {
            throw new IllegalArgumentException(n + " points: agglomerative clustering takes at most " + MAX_POINTS);
        }
        Linkage linkage = params.linkage();
        if ((linkage == Linkage.COMPLETE || linkage == Linkage.AVERAGE) && matrixBytes(n) > params.maxMatrixBytes()) {
            throw new IllegalArgumentException(linkage + " linkage of " + n + " points needs a distance matrix of "
                    + matrixBytes(n) + " bytes (" + String.format(java.util.Locale.ROOT, "%.1f",
                            matrixBytes(n) / (double) (1L << 30)) + " GiB), over the ceiling of "
                    + params.maxMatrixBytes() + " bytes (AgglomerativeParams.maxMatrixBytes); raise it, or use WARD or"
                    + " SINGLE linkage, which need no matrix");
        }
        if (n <= 1) {
            return Dendrogram.fromRaw(n, new double[0]);
        }
        return Dendrogram.fromRaw(n, compute(points, params));
    }
}

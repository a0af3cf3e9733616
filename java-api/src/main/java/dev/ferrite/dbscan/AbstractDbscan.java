package dev.ferrite.dbscan;

import dev.ferrite.internal.Points;
import java.util.Objects;

/**
 * What both backends share: argument checks and the empty input. A backend supplies only {@link #compute}.
 * Thread-safe.
 */
abstract class AbstractDbscan implements Dbscan {
    /**
     * Clusters validated points ({@code points.n >= 1}).
     *
     * @return labels numbered by first appearance and core flags, as {@link Dbscan} defines them
     */
    abstract DbscanResult compute(Points points, DbscanParams params);

    @Override
    public final DbscanResult cluster(double[][] points, DbscanParams params) {
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(params, "params");
        return run(Points.of(points, params.metric()), params);
    }

    @Override
    public final DbscanResult cluster(float[][] points, DbscanParams params) {
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(params, "params");
        return run(Points.of(points, params.metric()), params);
    }

    @Override
    public final DbscanResult cluster(double[] points, int dim, DbscanParams params) {
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(params, "params");
        return run(Points.of(points, dim, params.metric()), params);
    }

    @Override
    public final DbscanResult cluster(float[] points, int dim, DbscanParams params) {
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(params, "params");
        return run(Points.of(points, dim, params.metric()), params);
    }

    private DbscanResult run(Points points, DbscanParams params) {
        if (points.n == 0) {
            return new DbscanResult(new int[0], new boolean[0]);
        }
        return compute(points, params);
    }
}

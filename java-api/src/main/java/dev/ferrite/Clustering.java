package dev.ferrite;

import dev.ferrite.dbscan.Dbscan;
import dev.ferrite.dbscan.DbscanParams;
import dev.ferrite.dbscan.DbscanResult;
import dev.ferrite.internal.Kernels;

/**
 * Entry point to Ferrite's clustering: exact DBSCAN on the active backend ({@link Ferrite#backend()}), or on a given
 * one through {@link #dbscan(Backend)}.
 *
 * <pre>{@code
 * DbscanResult geo = Clustering.dbscan(lonLat, DbscanParams.of(0.01, 10));                 // double[][] rows
 * DbscanResult text = Clustering.dbscan(embeddings, 1536,                                  // flat float[]
 *         DbscanParams.of(0.15, 5).metric(Metric.COSINE));
 * int[] labels = text.labels();                                                            // Dbscan.NOISE = -1
 * }</pre>
 *
 * <p>{@link Dbscan} states exactly what the result is (minPts counts the point itself, {@code dist <= eps}, border
 * points join their lowest-index core neighbour's cluster, clusters numbered by first appearance, the same result for
 * any thread count and on both backends) and which inputs are rejected. Thread-safe.
 */
public final class Clustering {
    private Clustering() {}

    /**
     * DBSCAN on the active backend.
     *
     * @return the implementation
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     */
    public static Dbscan dbscan() {
        return Kernels.active(Dbscan.class);
    }

    /**
     * DBSCAN on a given backend.
     *
     * @param backend the backend
     * @return the implementation
     * @throws IllegalStateException when {@code backend} is {@link Backend#NATIVE} and the library is not available
     */
    public static Dbscan dbscan(Backend backend) {
        return Kernels.get(Dbscan.class, backend);
    }

    /**
     * Clusters rows of doubles on the active backend; see {@link Dbscan#cluster(double[][], DbscanParams)}.
     *
     * @param points one row per point
     * @param params eps, minPts, metric and thread limit
     * @return labels and core flags
     * @throws IllegalArgumentException for invalid points (see {@link Dbscan})
     * @throws NullPointerException when {@code points} or {@code params} is null
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    public static DbscanResult dbscan(double[][] points, DbscanParams params) {
        return dbscan().cluster(points, params);
    }

    /**
     * Clusters rows of floats on the active backend; see {@link Dbscan#cluster(float[][], DbscanParams)}.
     *
     * @param points one row per point
     * @param params eps, minPts, metric and thread limit
     * @return labels and core flags
     * @throws IllegalArgumentException for invalid points (see {@link Dbscan})
     * @throws NullPointerException when {@code points} or {@code params} is null
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    public static DbscanResult dbscan(float[][] points, DbscanParams params) {
        return dbscan().cluster(points, params);
    }

    /**
     * Clusters a flat row-major array of doubles on the active backend; see
     * {@link Dbscan#cluster(double[], int, DbscanParams)}.
     *
     * @param points {@code n * dim} coordinates
     * @param dim the dimension
     * @param params eps, minPts, metric and thread limit
     * @return labels and core flags
     * @throws IllegalArgumentException for invalid points (see {@link Dbscan})
     * @throws NullPointerException when {@code points} or {@code params} is null
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    public static DbscanResult dbscan(double[] points, int dim, DbscanParams params) {
        return dbscan().cluster(points, dim, params);
    }

    /**
     * Clusters a flat row-major array of floats on the active backend; see
     * {@link Dbscan#cluster(float[], int, DbscanParams)}.
     *
     * @param points {@code n * dim} coordinates
     * @param dim the dimension
     * @param params eps, minPts, metric and thread limit
     * @return labels and core flags
     * @throws IllegalArgumentException for invalid points (see {@link Dbscan})
     * @throws NullPointerException when {@code points} or {@code params} is null
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    public static DbscanResult dbscan(float[] points, int dim, DbscanParams params) {
        return dbscan().cluster(points, dim, params);
    }
}

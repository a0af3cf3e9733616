package dev.ferrite;

import dev.ferrite.agglomerative.Agglomerative;
import dev.ferrite.agglomerative.AgglomerativeParams;
import dev.ferrite.agglomerative.Dendrogram;
import dev.ferrite.dbscan.Dbscan;
import dev.ferrite.dbscan.DbscanParams;
import dev.ferrite.dbscan.DbscanResult;
import dev.ferrite.dbscan.Metric;
import dev.ferrite.internal.Kernels;
import dev.ferrite.silhouette.Silhouette;
import dev.ferrite.silhouette.SilhouetteResult;

/**
 * Entry point to Ferrite's clustering: exact DBSCAN, agglomerative (hierarchical) clustering and silhouette scores on
 * the active backend ({@link Ferrite#backend()}), or on a given one through {@link #dbscan(Backend)},
 * {@link #agglomerative(Backend)} and {@link #silhouette(Backend)}.
 *
 * <pre>{@code
 * DbscanResult geo = Clustering.dbscan(lonLat, DbscanParams.of(0.01, 10));                 // double[][] rows
 * DbscanResult text = Clustering.dbscan(embeddings, 1536,                                  // flat float[]
 *         DbscanParams.of(0.15, 5).metric(Metric.COSINE));
 * int[] labels = text.labels();                                                            // Dbscan.NOISE = -1
 * Dendrogram tree = Clustering.agglomerative(points, AgglomerativeParams.of(Linkage.WARD)); // SciPy's linkage
 * int[] fifteen = tree.cut(15);
 * double score = Clustering.silhouette(embeddings, 1536, labels, Metric.COSINE).mean();   // noise left out
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

    /**
     * Agglomerative clustering on the active backend.
     *
     * @return the implementation
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     */
    public static Agglomerative agglomerative() {
        return Kernels.active(Agglomerative.class);
    }

    /**
     * Agglomerative clustering on a given backend.
     *
     * @param backend the backend
     * @return the implementation
     * @throws IllegalStateException when {@code backend} is {@link Backend#NATIVE} and the library is not available
     */
    public static Agglomerative agglomerative(Backend backend) {
        return Kernels.get(Agglomerative.class, backend);
    }

    /**
     * Hierarchical clustering of rows of doubles on the active backend; see
     * {@link Agglomerative#cluster(double[][], AgglomerativeParams)}.
     *
     * @param points the points
     * @param params linkage, metric, matrix ceiling and thread limit
     * @return the dendrogram
     * @throws IllegalArgumentException for invalid points or parameters (see {@link Agglomerative})
     * @throws NullPointerException when {@code points} or {@code params} is null
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    public static Dendrogram agglomerative(double[][] points, AgglomerativeParams params) {
        return agglomerative().cluster(points, params);
    }

    /**
     * Hierarchical clustering of rows of floats on the active backend; see
     * {@link Agglomerative#cluster(float[][], AgglomerativeParams)}.
     *
     * @param points the points
     * @param params linkage, metric, matrix ceiling and thread limit
     * @return the dendrogram
     * @throws IllegalArgumentException for invalid points or parameters (see {@link Agglomerative})
     * @throws NullPointerException when {@code points} or {@code params} is null
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    public static Dendrogram agglomerative(float[][] points, AgglomerativeParams params) {
        return agglomerative().cluster(points, params);
    }

    /**
     * Hierarchical clustering of a flat row-major array of doubles on the active backend; see
     * {@link Agglomerative#cluster(double[], int, AgglomerativeParams)}.
     *
     * @param points the points
     * @param dim the dimension
     * @param params linkage, metric, matrix ceiling and thread limit
     * @return the dendrogram
     * @throws IllegalArgumentException for invalid points or parameters (see {@link Agglomerative})
     * @throws NullPointerException when {@code points} or {@code params} is null
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    public static Dendrogram agglomerative(double[] points, int dim, AgglomerativeParams params) {
        return agglomerative().cluster(points, dim, params);
    }

    /**
     * Hierarchical clustering of a flat row-major array of floats on the active backend; see
     * {@link Agglomerative#cluster(float[], int, AgglomerativeParams)}.
     *
     * @param points the points
     * @param dim the dimension
     * @param params linkage, metric, matrix ceiling and thread limit
     * @return the dendrogram
     * @throws IllegalArgumentException for invalid points or parameters (see {@link Agglomerative})
     * @throws NullPointerException when {@code points} or {@code params} is null
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    public static Dendrogram agglomerative(float[] points, int dim, AgglomerativeParams params) {
        return agglomerative().cluster(points, dim, params);
    }

    /**
     * Silhouette values on the active backend.
     *
     * @return the implementation
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     */
    public static Silhouette silhouette() {
        return Kernels.active(Silhouette.class);
    }

    /**
     * Silhouette values on a given backend.
     *
     * @param backend the backend
     * @return the implementation
     * @throws IllegalStateException when {@code backend} is {@link Backend#NATIVE} and the library is not available
     */
    public static Silhouette silhouette(Backend backend) {
        return Kernels.get(Silhouette.class, backend);
    }

    /**
     * Silhouette values of rows of doubles on the active backend; see
     * {@link Silhouette#compute(double[][], int[], Metric)}.
     *
     * @param points one row per point
     * @param labels one cluster label per point; negative for noise (left out)
     * @param metric the distance
     * @return the mean and each point's value
     * @throws IllegalArgumentException for invalid points or labels (see {@link Silhouette})
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    public static SilhouetteResult silhouette(double[][] points, int[] labels, Metric metric) {
        return silhouette().compute(points, labels, metric);
    }

    /**
     * Silhouette values of rows of floats on the active backend; see
     * {@link Silhouette#compute(float[][], int[], Metric)}.
     *
     * @param points one row per point
     * @param labels one cluster label per point; negative for noise (left out)
     * @param metric the distance
     * @return the mean and each point's value
     * @throws IllegalArgumentException for invalid points or labels (see {@link Silhouette})
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    public static SilhouetteResult silhouette(float[][] points, int[] labels, Metric metric) {
        return silhouette().compute(points, labels, metric);
    }

    /**
     * Silhouette values of a flat row-major array of doubles on the active backend; see
     * {@link Silhouette#compute(double[], int, int[], Metric)}.
     *
     * @param points {@code n * dim} coordinates
     * @param dim the dimension
     * @param labels one cluster label per point; negative for noise (left out)
     * @param metric the distance
     * @return the mean and each point's value
     * @throws IllegalArgumentException for invalid points or labels (see {@link Silhouette})
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    public static SilhouetteResult silhouette(double[] points, int dim, int[] labels, Metric metric) {
        return silhouette().compute(points, dim, labels, metric);
    }

    /**
     * Silhouette values of a flat row-major array of floats on the active backend; see
     * {@link Silhouette#compute(float[], int, int[], Metric)}.
     *
     * @param points {@code n * dim} coordinates
     * @param dim the dimension
     * @param labels one cluster label per point; negative for noise (left out)
     * @param metric the distance
     * @return the mean and each point's value
     * @throws IllegalArgumentException for invalid points or labels (see {@link Silhouette})
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    public static SilhouetteResult silhouette(float[] points, int dim, int[] labels, Metric metric) {
        return silhouette().compute(points, dim, labels, metric);
    }
}

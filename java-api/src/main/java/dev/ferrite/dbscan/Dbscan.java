package dev.ferrite.dbscan;

import dev.ferrite.Backend;

/**
 * Exact DBSCAN (density-based clustering with noise) over points given as rows of coordinates.
 *
 * <pre>{@code
 * DbscanResult r = Clustering.dbscan(points, DbscanParams.of(0.3, 10));
 * int[] labels = r.labels();                 // cluster per point, Dbscan.NOISE (-1) for noise
 * DbscanResult t = Clustering.dbscan(embeddings, DbscanParams.of(0.15, 5).metric(Metric.COSINE));
 * }</pre>
 *
 * <h2>What the result is</h2>
 * <ul>
 *   <li>Two points are <em>neighbours</em> when their distance is {@code <= eps} (inclusive). A point is its own
 *       neighbour.</li>
 *   <li>A <em>core point</em> has at least {@code minPts} neighbours, <em>itself included</em> (as scikit-learn and
 *       ELKI count; Smile's {@code minPts} excludes the point, so Smile's {@code k} is our {@code k + 1}).</li>
 *   <li>Clusters are the connected groups of core points that are neighbours of each other.</li>
 *   <li>A <em>border point</em> is not core but has a core neighbour; it joins the cluster of its core neighbour with
 *       the lowest index in the input.</li>
 *   <li>Every other point is noise, labelled {@link #NOISE}.</li>
 *   <li>Clusters are numbered {@code 0, 1, 2, ...} by first appearance in the labels, in input order.</li>
 * </ul>
 * The result is a function of the input alone: the same for any number of threads and on both backends.
 *
 * <h2>How distances are evaluated</h2>
 * Every decision "neighbour or not" is the one this double-precision formula gives (float inputs are widened to
 * double exactly), evaluated in index order without fused multiply-add:
 * <ul>
 *   <li>{@link Metric#EUCLIDEAN}: {@code s = sum_k (a[k] - b[k])^2}; neighbours when {@code s <= eps * eps}.</li>
 *   <li>{@link Metric#COSINE}: each row is scaled by its largest absolute coordinate {@code m} and normalised,
 *       {@code u[k] = (a[k] / m) / sqrt(sum_k (a[k] / m)^2)}; neighbours when {@code 1 - sum_k u[k] v[k] <= eps}.</li>
 * </ul>
 * The fast paths (a grid of cells for up to 3 dimensions, blocked single-precision matrix products above that) only
 * decide a pair on their own where a proven error bound shows the formula agrees; pairs close to {@code eps} are
 * evaluated with the formula. Extra memory is proportional to the number of points (plus a copy of the input):
 * neighbour lists are never stored.
 *
 * <h2>Input</h2>
 * Points come as {@code double[][]} or {@code float[][]} (one row per point) or as a flat row-major array with the
 * dimension. An {@link IllegalArgumentException} names the problem (and the row) for: rows of different lengths, an
 * empty or {@code null} row, a NaN or infinite coordinate, under {@link Metric#EUCLIDEAN} a coordinate whose magnitude
 * exceeds {@code 1e150} (where squared distances would overflow), under {@link Metric#COSINE} a zero vector, a flat
 * array whose length is not a multiple of the dimension, or a dimension below 1. The pure-Java backend also refuses,
 * with an {@link IllegalArgumentException}, input of up to 3 dimensions with more than 2<sup>31</sup> - 9 coordinates
 * in all (its sorted copy must fit one Java array; the native backend takes it). An empty input gives an empty result.
 *
 * <h2>Memory</h2>
 * The input arrays are only read and not kept after the call returns; don't modify them while a call is running (the
 * pure-Java backend reads them throughout). Both backends make a working copy of the points: sorted doubles up to 3
 * dimensions, single-precision rows above. The native backend first copies the points into native memory (as given:
 * float or double) and allocates its working memory there too; that memory is not limited by {@code -Xmx}. A failed
 * native allocation is reported as an {@link OutOfMemoryError}, but on a Linux host that overcommits memory the
 * kernel may instead end the process when the pages are touched, so size very large runs for the machine. A native
 * run can't be interrupted; on a virtual thread it keeps its carrier thread busy until it returns.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface Dbscan {
    /** The label of noise points. */
    int NOISE = -1;

    /**
     * Clusters points given as rows.
     *
     * @param points one row per point, all of the same length (at least 1)
     * @param params eps, minPts, metric and thread limit
     * @return labels and core flags
     * @throws IllegalArgumentException for invalid points (see the class description)
     * @throws NullPointerException when {@code points} or {@code params} is null
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    DbscanResult cluster(double[][] points, DbscanParams params);

    /**
     * Clusters points given as single-precision rows (widened to double exactly).
     *
     * @param points one row per point, all of the same length (at least 1)
     * @param params eps, minPts, metric and thread limit
     * @return labels and core flags
     * @throws IllegalArgumentException for invalid points (see the class description)
     * @throws NullPointerException when {@code points} or {@code params} is null
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    DbscanResult cluster(float[][] points, DbscanParams params);

    /**
     * Clusters points given as one row-major array: point {@code i} is {@code points[i * dim .. i * dim + dim - 1]}.
     *
     * @param points the coordinates, {@code n * dim} values
     * @param dim the dimension, at least 1
     * @param params eps, minPts, metric and thread limit
     * @return labels and core flags
     * @throws IllegalArgumentException for invalid points or a length that is not a multiple of {@code dim}
     * @throws NullPointerException when {@code points} or {@code params} is null
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    DbscanResult cluster(double[] points, int dim, DbscanParams params);

    /**
     * Clusters points given as one row-major single-precision array (widened to double exactly).
     *
     * @param points the coordinates, {@code n * dim} values
     * @param dim the dimension, at least 1
     * @param params eps, minPts, metric and thread limit
     * @return labels and core flags
     * @throws IllegalArgumentException for invalid points or a length that is not a multiple of {@code dim}
     * @throws NullPointerException when {@code points} or {@code params} is null
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    DbscanResult cluster(float[] points, int dim, DbscanParams params);

    /**
     * The backend behind this implementation.
     *
     * @return {@link Backend#NATIVE} or {@link Backend#JAVA}
     */
    Backend backend();
}

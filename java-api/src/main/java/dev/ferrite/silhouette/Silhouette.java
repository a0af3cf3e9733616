package dev.ferrite.silhouette;

import dev.ferrite.Backend;
import dev.ferrite.dbscan.Metric;

/**
 * Silhouette coefficients of a clustering: how well each point sits in its own cluster compared with the nearest
 * other one, as scikit-learn's {@code silhouette_samples} and {@code silhouette_score} define them.
 *
 * <pre>{@code
 * SilhouetteResult r = Clustering.silhouette(points, labels, Metric.EUCLIDEAN);
 * double score = r.mean();                   // sklearn.metrics.silhouette_score on the points with label >= 0
 * double[] each = r.values();                // one per point, NaN for noise (label < 0)
 * }</pre>
 *
 * <h2>What the result is</h2>
 * <ul>
 *   <li>Points whose label is negative (noise, such as {@link dev.ferrite.dbscan.Dbscan#NOISE}) are <em>left out</em>:
 *       they get no value ({@code Double.NaN}) and count in no other point's means. The other points are
 *       <em>scored</em>; any non-negative {@code int}s may be the cluster labels (they need not be {@code 0 .. k-1}).</li>
 *   <li>For a scored point {@code i} of cluster {@code C}: {@code a(i)} is the mean distance from {@code i} to the other
 *       points of {@code C}; {@code b(i)} is the smallest, over the other clusters {@code D}, of the mean distance
 *       from {@code i} to the points of {@code D}; {@code s(i) = (b(i) - a(i)) / max(a(i), b(i))}, between -1 and 1.</li>
 *   <li>{@code s(i) = 0} when {@code C} has only the point {@code i} (as scikit-learn gives), and when
 *       {@code a(i) = b(i) = 0} (identical points in two clusters).</li>
 *   <li>{@link SilhouetteResult#mean()} is the mean of {@code s} over the scored points.</li>
 * </ul>
 * So the values equal {@code sklearn.metrics.silhouette_samples(X[labels >= 0], labels[labels >= 0], metric=...)}
 * and the mean {@code silhouette_score} of the same; the tests hold both backends to scikit-learn's answers within
 * {@code 1e-6} (in practice the differences are below {@code 1e-9}).
 *
 * <h2>Distances</h2>
 * The metric is DBSCAN's {@link Metric} (the same enum is reused): {@link Metric#EUCLIDEAN}, the square root of the
 * sum of squared coordinate differences, and {@link Metric#COSINE}, {@code 1 - cos(x, y)} clamped to {@code [0, 2]}
 * as scikit-learn does. Everything is computed in double precision; {@code float} input is widened to double exactly
 * (so the values are scikit-learn's on {@code X.astype(float64)}; given a float32 array, scikit-learn computes in
 * single precision, which can move its values by about {@code 1e-6}).
 * High-dimensional Euclidean distances come from matrix products of centred coordinates, and a pair whose product
 * formula could have lost more than about {@code 2^-30} of its relative accuracy (points very close together compared
 * with their distance from the data's mean) is recomputed from the coordinates directly. The values are the same for
 * any number of threads. The two backends give the same bits where they compute distances directly (Euclidean up to
 * 16 dimensions, cosine up to 3) and agree within {@code 1e-9} above (their matrix products add in different
 * orders).
 *
 * <h2>Input</h2>
 * Points come as {@code double[][]} or {@code float[][]} (one row per point) or as a flat row-major array with the
 * dimension, with one label per point. An {@link IllegalArgumentException} says what is wrong for: a labels array
 * whose length is not the number of points; fewer than 2 distinct non-negative labels, or as many distinct labels as
 * scored points (scikit-learn's rule: {@code 2 <= k <= m - 1}); and, as for DBSCAN (every row is checked, noise rows
 * included), rows of different lengths, an empty or {@code null} row, a NaN or infinite coordinate, under
 * {@link Metric#EUCLIDEAN} a coordinate whose magnitude exceeds {@code 1e150}, under {@link Metric#COSINE} a zero
 * vector, a flat array whose length is not a multiple of the dimension, or a dimension below 1.
 *
 * <h2>Cost</h2>
 * Time is quadratic in the number of scored points {@code m} and linear in the dimension: every pair is computed once,
 * in tiles of 256 x 256 points, in parallel (the native backend on Ferrite's worker pool, the Java backend on the
 * common {@link java.util.concurrent.ForkJoinPool}). Memory: a copy of the scored points in double precision and an
 * {@code m x k} matrix of doubles ({@code 8 m k} bytes for {@code k} clusters), plus a 512 KiB tile per thread; the
 * native backend also copies the input into native memory for the call (not limited by {@code -Xmx}; a failed
 * allocation is an {@link OutOfMemoryError}). A native run can't be interrupted.
 *
 * <p>Implementations are stateless and thread-safe. The input arrays are only read and not kept.
 */
public interface Silhouette {
    /**
     * Silhouette values of points given as rows.
     *
     * @param points one row per point, all of the same length (at least 1)
     * @param labels one cluster label per point; negative for noise (left out)
     * @param metric the distance
     * @return the mean and each point's value
     * @throws IllegalArgumentException for invalid points or labels (see the class description)
     * @throws NullPointerException when an argument is null
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    SilhouetteResult compute(double[][] points, int[] labels, Metric metric);

    /**
     * Silhouette values of points given as single-precision rows (widened to double exactly).
     *
     * @param points one row per point, all of the same length (at least 1)
     * @param labels one cluster label per point; negative for noise (left out)
     * @param metric the distance
     * @return the mean and each point's value
     * @throws IllegalArgumentException for invalid points or labels (see the class description)
     * @throws NullPointerException when an argument is null
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    SilhouetteResult compute(float[][] points, int[] labels, Metric metric);

    /**
     * Silhouette values of points given as one row-major array: point {@code i} is
     * {@code points[i * dim .. i * dim + dim - 1]}.
     *
     * @param points the coordinates, {@code n * dim} values
     * @param dim the dimension, at least 1
     * @param labels one cluster label per point; negative for noise (left out)
     * @param metric the distance
     * @return the mean and each point's value
     * @throws IllegalArgumentException for invalid points or labels, or a length that is not a multiple of {@code dim}
     * @throws NullPointerException when an argument is null
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    SilhouetteResult compute(double[] points, int dim, int[] labels, Metric metric);

    /**
     * Silhouette values of points given as one row-major single-precision array (widened to double exactly).
     *
     * @param points the coordinates, {@code n * dim} values
     * @param dim the dimension, at least 1
     * @param labels one cluster label per point; negative for noise (left out)
     * @param metric the distance
     * @return the mean and each point's value
     * @throws IllegalArgumentException for invalid points or labels, or a length that is not a multiple of {@code dim}
     * @throws NullPointerException when an argument is null
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    SilhouetteResult compute(float[] points, int dim, int[] labels, Metric metric);

    /**
     * The backend behind this implementation.
     *
     * @return {@link Backend#NATIVE} or {@link Backend#JAVA}
     */
    Backend backend();
}

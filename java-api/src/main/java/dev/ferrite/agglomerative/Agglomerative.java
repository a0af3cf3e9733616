package dev.ferrite.agglomerative;

import dev.ferrite.Backend;
import dev.ferrite.dbscan.Metric;

/**
 * Agglomerative (hierarchical) clustering: Ward, single, complete or average linkage over points given as rows of
 * coordinates, giving the same tree as SciPy's {@code scipy.cluster.hierarchy.linkage}.
 *
 * <pre>{@code
 * Dendrogram tree = Clustering.agglomerative(points, AgglomerativeParams.of(Linkage.WARD));
 * int[] fifteen = tree.cut(15);                          // 15 clusters, numbered by first appearance
 * int[] close = tree.cutAt(0.5);                         // merges at height <= 0.5 applied
 * double[][] z = tree.merges();                          // SciPy's linkage matrix
 * }</pre>
 *
 * <h2>What the result is</h2>
 * On data without ties (no two candidate merges at the same distance) the tree is the one SciPy's {@code linkage}
 * builds: the same merges in the same order, heights within {@code 1e-9} relative (see {@link Dendrogram} for the
 * form). With ties, the result follows these rules, the same on both backends and for any thread count:
 * <ul>
 *   <li>{@link Linkage#SINGLE}: Prim's algorithm from point 0; each step adds the point closest to the tree, the
 *       lowest index among equally close ones; a point's distance to the tree is lowered only by a strictly smaller
 *       distance. Under {@link Metric#EUCLIDEAN} these comparisons are made on squared distances (ties of the
 *       squares, not of their rounded roots). Its {@code n - 1} steps, stably sorted by height, are the merges (SciPy's
 *       {@code mst_single_linkage}).</li>
 *   <li>The other linkages: the nearest-neighbour chain (SciPy's {@code nn_chain}). The chain starts at the active
 *       cluster with the lowest slot; the next element is the nearest cluster of the last one, preferring the
 *       previous chain element among equally near ones, else the lowest slot; two mutual nearest neighbours merge
 *       into the higher slot of the two. The merges are then stably sorted by height. A cluster's slot is the index
 *       of one of its points.</li>
 * </ul>
 * Every distance is one exact double-precision formula (float input is widened exactly), evaluated the same way by
 * both backends (eight partial sums {@code s_j} over the coordinates {@code k = j mod 8}, combined as
 * {@code ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7))}, no fused multiply-add):
 * <ul>
 *   <li>{@link Metric#EUCLIDEAN}: {@code sqrt(sum_k (a[k] - b[k])^2)}.</li>
 *   <li>{@link Metric#COSINE}: rows scaled to unit vectors as DBSCAN's ({@code u[k] = (a[k] / m) / r}), distance
 *       {@code 1 - sum_k u[k] v[k]} clamped to {@code [0, 2]}.</li>
 *   <li>Complete and average linkage update the distance matrix as SciPy does: {@code max(d_xi, d_yi)} and
 *       {@code (n_x d_xi + n_y d_yi) / (n_x + n_y)}.</li>
 *   <li>Ward up to 8 dimensions (or when the matrix would exceed the ceiling) works on centroids:
 *       {@code sqrt((2 n_a n_b / (n_a + n_b)) * s)} with {@code s} the squared distance of the centroids (the chain
 *       compares the value under the square root); a merged centroid is {@code (n_x c_x[k] + n_y c_y[k]) / (n_x + n_y)},
 *       {@code x} the lower slot. Its heights equal SciPy's Lance–Williams recurrence up to rounding, so on ties the
 *       two may order merges of equal height differently. From 9 dimensions on, when the matrix fits the ceiling,
 *       Ward updates the matrix with SciPy's recurrence
 *       {@code sqrt((n_i + n_x) t d_xi^2 + (n_i + n_y) t d_yi^2 - n_i t d_xy^2)}, {@code t = 1 / (n_x + n_y + n_i)}
 *       (each product left to right), as complete and average linkage do.</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * Time O(n<sup>2</sup>) distance evaluations for single linkage (Prim, O(n d) memory), about O(n<sup>2</sup>)
 * for the chain. {@link Linkage#SINGLE} keeps O(n d) memory, {@link Linkage#WARD} too up to 8 dimensions (above, the
 * matrix when it fits the ceiling, else O(n d)); {@link Linkage#COMPLETE} and {@link Linkage#AVERAGE} keep the
 * condensed distance matrix, {@code 8 n (n - 1) / 2} bytes, and refuse a run over
 * {@link AgglomerativeParams#maxMatrixBytes()} (default 4 GiB) with an {@link IllegalArgumentException} that names the
 * memory it would take. The distance evaluations run in parallel (see {@link AgglomerativeParams#threads(int)}).
 *
 * <h2>Input</h2>
 * As {@link dev.ferrite.dbscan.Dbscan}: {@code double[][]} or {@code float[][]} rows or a flat row-major array with
 * the dimension; an {@link IllegalArgumentException} names the problem (and the row) for rows of different lengths,
 * an empty or {@code null} row, a NaN or infinite coordinate, under {@link Metric#EUCLIDEAN} a coordinate beyond
 * {@code 1e150} in magnitude, under {@link Metric#COSINE} a zero vector, a flat array whose length is not a multiple
 * of the dimension, or a dimension below 1; also for {@link Linkage#WARD} with {@link Metric#COSINE}, more than
 * 715,827,879 points, and on the pure-Java backend more than 2<sup>31</sup> - 9 coordinates in all. No points give
 * an empty dendrogram, one point a dendrogram without merges. The arrays are only read, not kept. The native backend
 * copies the points into native memory (not limited by {@code -Xmx}) and keeps its matrix there; a run can't be
 * interrupted.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface Agglomerative {
    /**
     * Clusters points given as rows.
     *
     * @param points one row per point, all of the same length (at least 1)
     * @param params linkage, metric, matrix ceiling and thread limit
     * @return the dendrogram
     * @throws IllegalArgumentException for invalid points or parameters (see the class description)
     * @throws NullPointerException when {@code points} or {@code params} is null
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    Dendrogram cluster(double[][] points, AgglomerativeParams params);

    /**
     * Clusters points given as single-precision rows (widened to double exactly).
     *
     * @param points one row per point, all of the same length (at least 1)
     * @param params linkage, metric, matrix ceiling and thread limit
     * @return the dendrogram
     * @throws IllegalArgumentException for invalid points or parameters (see the class description)
     * @throws NullPointerException when {@code points} or {@code params} is null
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    Dendrogram cluster(float[][] points, AgglomerativeParams params);

    /**
     * Clusters points given as one row-major array: point {@code i} is {@code points[i * dim .. i * dim + dim - 1]}.
     *
     * @param points the coordinates, {@code n * dim} values
     * @param dim the dimension, at least 1
     * @param params linkage, metric, matrix ceiling and thread limit
     * @return the dendrogram
     * @throws IllegalArgumentException for invalid points or parameters, or a length that is not a multiple of
     *     {@code dim}
     * @throws NullPointerException when {@code points} or {@code params} is null
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    Dendrogram cluster(double[] points, int dim, AgglomerativeParams params);

    /**
     * Clusters points given as one row-major single-precision array (widened to double exactly).
     *
     * @param points the coordinates, {@code n * dim} values
     * @param dim the dimension, at least 1
     * @param params linkage, metric, matrix ceiling and thread limit
     * @return the dendrogram
     * @throws IllegalArgumentException for invalid points or parameters, or a length that is not a multiple of
     *     {@code dim}
     * @throws NullPointerException when {@code points} or {@code params} is null
     * @throws OutOfMemoryError when memory for the run can't be allocated
     */
    Dendrogram cluster(float[] points, int dim, AgglomerativeParams params);

    /**
     * The backend behind this implementation.
     *
     * @return {@link Backend#NATIVE} or {@link Backend#JAVA}
     */
    Backend backend();
}

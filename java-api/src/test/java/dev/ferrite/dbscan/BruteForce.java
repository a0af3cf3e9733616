package dev.ferrite.dbscan;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The reference DBSCAN of the tests: the specification (native-rust/src/dbscan/SPEC.md, "Semantics") written out
 * plainly, in O(n^2) pair tests with no shortcuts, no grid, no single precision and no threads. It shares no code
 * with either backend.
 *
 * <ul>
 *   <li>{@link #neighbours}: the canonical predicate, evaluated literally (index-order sums from {@code 0.0}, no
 *       fused multiply-add, {@code s <= eps * eps} for Euclidean, {@code 1.0 - c <= eps} on the scaled unit vectors
 *       for cosine); a point is its own neighbour.</li>
 *   <li>core: at least {@code minPts} neighbours, the point itself included;</li>
 *   <li>clusters: connected components of core points under the predicate, found by breadth-first search;</li>
 *   <li>border: a non-core point with a core neighbour joins the component of its lowest-index core neighbour;</li>
 *   <li>labels: numbered 0, 1, 2, ... by first appearance while walking the points in input order; noise is -1.</li>
 * </ul>
 */
final class BruteForce {
    private BruteForce() {}

    /** Labels and core flags of the reference. */
    record Expected(int[] labels, boolean[] core) {
        int clusterCount() {
            int k = 0;
            for (int label : labels) {
                k = Math.max(k, label + 1);
            }
            return k;
        }
    }

    /** The canonical unit vector of a cosine row: {@code u[k] = (x[k] / m) / sqrt(sum_k (x[k] / m)^2)}. */
    static double[] unit(double[] x) {
        double m = 0.0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        double[] t = new double[x.length];
        double q = 0.0;
        for (int k = 0; k < x.length; k++) {
            t[k] = x[k] / m;
            q += t[k] * t[k];
        }
        double r = Math.sqrt(q);
        double[] u = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            u[k] = t[k] / r;
        }
        return u;
    }

    /** The canonical squared Euclidean distance {@code sum_k (a[k] - b[k]) * (a[k] - b[k])}. */
    static double squaredDistance(double[] a, double[] b) {
        double s = 0.0;
        for (int k = 0; k < a.length; k++) {
            double diff = a[k] - b[k];
            s += diff * diff;
        }
        return s;
    }

    /** The canonical cosine distance {@code 1.0 - sum_k u[k] * v[k]} of two canonical unit vectors. */
    static double cosineDistance(double[] u, double[] v) {
        double c = 0.0;
        for (int k = 0; k < u.length; k++) {
            c += u[k] * v[k];
        }
        return 1.0 - c;
    }

    /** The rows the predicate reads: the points themselves (Euclidean) or their canonical unit vectors (cosine). */
    static double[][] canonicalRows(double[][] points, Metric metric) {
        if (metric == Metric.EUCLIDEAN) {
            return points;
        }
        double[][] u = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            u[i] = unit(points[i]);
        }
        return u;
    }

    /** The canonical predicate nb(i, j) on rows from {@link #canonicalRows}. */
    static boolean neighbours(double[][] rows, int i, int j, double eps, Metric metric) {
        if (i == j) {
            return true;
        }
        if (metric == Metric.EUCLIDEAN) {
            return squaredDistance(rows[i], rows[j]) <= eps * eps;
        }
        return cosineDistance(rows[i], rows[j]) <= eps;
    }

    /**
     * DBSCAN by the specification.
     *
     * @param points the points (float inputs must be passed widened to double)
     * @return labels and core flags
     */
    static Expected dbscan(double[][] points, double eps, int minPts, Metric metric) {
        int n = points.length;
        double[][] rows = canonicalRows(points, metric);
        // The whole neighbour relation, row by row as bit sets (n is at most a few thousand here).
        long[][] nb = new long[n][(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                if (neighbours(rows, i, j, eps, metric)) {
                    nb[i][j >>> 6] |= 1L << j;
                    nb[j][i >>> 6] |= 1L << i;
                }
            }
        }
        boolean[] core = new boolean[n];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (long word : nb[i]) {
                count += Long.bitCount(word);
            }
            core[i] = count >= minPts;
        }
        // Components of core points: breadth-first search over core-core neighbour pairs.
        int[] component = new int[n];
        Arrays.fill(component, -1);
        int components = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < n; start++) {
            if (!core[start] || component[start] >= 0) {
                continue;
            }
            component[start] = components;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                for (int q = 0; q < n; q++) {
                    if (core[q] && component[q] < 0 && has(nb, p, q)) {
                        component[q] = components;
                        queue.add(q);
                    }
                }
            }
            components++;
        }
        // Border points: the component of the lowest-index core neighbour.
        for (int i = 0; i < n; i++) {
            if (core[i]) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                if (core[j] && has(nb, i, j)) {
                    component[i] = component[j];
                    break;
                }
            }
        }
        // Numbering by first appearance.
        int[] number = new int[components];
        Arrays.fill(number, -1);
        int next = 0;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            if (component[i] < 0) {
                labels[i] = Dbscan.NOISE;
            } else {
                if (number[component[i]] < 0) {
                    number[component[i]] = next++;
                }
                labels[i] = number[component[i]];
            }
        }
        return new Expected(labels, core);
    }

    private static boolean has(long[][] nb, int i, int j) {
        return (nb[i][j >>> 6] & (1L << j)) != 0;
    }
}

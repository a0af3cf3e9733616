package dev.ferrite.silhouette;

import dev.ferrite.dbscan.Metric;
import dev.ferrite.internal.Points;
import java.util.Arrays;
import java.util.Objects;

/**
 * What both backends share: the argument checks, so both reject the same input with the same exception and message.
 * A backend supplies only {@link #compute(Points, int[], Metric, int)}. Thread-safe.
 */
abstract class AbstractSilhouette implements Silhouette {
    /**
     * Silhouette values of validated points and labels.
     *
     * @param threads 0 for the shared pool, 1 for the calling thread only (tests); the result does not depend on it
     */
    abstract SilhouetteResult compute(Points points, int[] labels, Metric metric, int threads);

    @Override
    public final SilhouetteResult compute(double[][] points, int[] labels, Metric metric) {
        check(points, labels, metric);
        return run(Points.of(points, metric), labels, metric, 0);
    }

    @Override
    public final SilhouetteResult compute(float[][] points, int[] labels, Metric metric) {
        check(points, labels, metric);
        return run(Points.of(points, metric), labels, metric, 0);
    }

    @Override
    public final SilhouetteResult compute(double[] points, int dim, int[] labels, Metric metric) {
        check(points, labels, metric);
        return run(Points.of(points, dim, metric), labels, metric, 0);
    }

    @Override
    public final SilhouetteResult compute(float[] points, int dim, int[] labels, Metric metric) {
        check(points, labels, metric);
        return run(Points.of(points, dim, metric), labels, metric, 0);
    }

    /** {@link #compute(double[][], int[], Metric)} with a thread setting, for the tests. */
    final SilhouetteResult compute(double[][] points, int[] labels, Metric metric, int threads) {
        check(points, labels, metric);
        return run(Points.of(points, metric), labels, metric, threads);
    }

    private static void check(Object points, int[] labels, Metric metric) {
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(metric, "metric");
    }

    private SilhouetteResult run(Points points, int[] labels, Metric metric, int threads) {
        checkLabels(points.n, labels);
        return compute(points, labels, metric, threads);
    }

    /** scikit-learn's rule, on the points with a label >= 0: 2 <= distinct labels <= scored points - 1. */
    static void checkLabels(int n, int[] labels) {
        if (labels.length != n) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries for " + n
                    + " points: one label per point is needed");
        }
        int scored = 0;
        for (int label : labels) {
            if (label >= 0) {
                scored++;
            }
        }
        int clusters = distinct(labels, scored).length;
        if (clusters < 2 || clusters >= scored) {
            throw new IllegalArgumentException("silhouette needs at least 2 clusters and fewer clusters than scored "
                    + "points (labels >= 0; negative labels are noise and left out): got " + clusters + " cluster"
                    + (clusters == 1 ? "" : "s") + " among " + scored + " scored point" + (scored == 1 ? "" : "s"));
        }
    }

    /** The distinct non-negative labels, sorted. */
    static int[] distinct(int[] labels, int scored) {
        int[] d = new int[scored];
        int at = 0;
        for (int label : labels) {
            if (label >= 0) {
                d[at++] = label;
            }
        }
        Arrays.sort(d);
        int k = 0;
        for (int i = 0; i < d.length; i++) {
            if (i == 0 || d[i] != d[i - 1]) {
                d[k++] = d[i];
            }
        }
        return Arrays.copyOf(d, k);
    }
}

package dev.ferrite.internal;

import dev.ferrite.dbscan.Metric;

/**
 * Validated input of one run: {@code n} points of dimension {@code dim}, held in the caller's arrays in one of four
 * shapes (exactly one of the array fields is non-null). Read-only; the arrays are not copied, so callers must not
 * change them during the run. Shared by DBSCAN, agglomerative clustering and silhouette, so all three check their
 * input with the same rules and messages; not part of the API ({@code dev.ferrite.internal} is not exported).
 */
public final class Points {
    /** Largest coordinate magnitude accepted under {@link Metric#EUCLIDEAN}. */
    public static final double MAX_EUCLIDEAN_MAGNITUDE = 1e150;
    /** Most points per run (the native library's limit, and the longest Java array for the labels). */
    public static final int MAX_POINTS = Integer.MAX_VALUE - 8;

    /** How many points. */
    public final int n;
    /** Coordinates per point. */
    public final int dim;
    /** The caller's {@code double[][]} rows, or null. */
    public final double[][] doubleRows;
    /** The caller's {@code float[][]} rows, or null. */
    public final float[][] floatRows;
    /** The caller's flat row-major {@code double[]}, or null. */
    public final double[] doubleFlat;
    /** The caller's flat row-major {@code float[]}, or null. */
    public final float[] floatFlat;

    private Points(int n, int dim, double[][] dr, float[][] fr, double[] df, float[] ff) {
        this.n = n;
        this.dim = dim;
        this.doubleRows = dr;
        this.floatRows = fr;
        this.doubleFlat = df;
        this.floatFlat = ff;
    }

    /**
     * Copies point {@code i} into {@code dst[0 .. dim - 1]}, widened to double.
     *
     * @param i the point
     * @param dst receives its coordinates
     */
    public void copyRow(int i, double[] dst) {
        if (doubleFlat != null) {
            System.arraycopy(doubleFlat, i * dim, dst, 0, dim);
        } else if (floatFlat != null) {
            int base = i * dim;
            for (int k = 0; k < dim; k++) {
                dst[k] = floatFlat[base + k];
            }
        } else if (doubleRows != null) {
            System.arraycopy(doubleRows[i], 0, dst, 0, dim);
        } else {
            float[] row = floatRows[i];
            for (int k = 0; k < dim; k++) {
                dst[k] = row[k];
            }
        }
    }

    /**
     * Checks and wraps rows of doubles (DBSCAN's rules and messages: finite coordinates, bounded under Euclidean, no zero row
     * under cosine, at most {@link #MAX_POINTS} points).
     *
     * @param rows one array per point, all of one length
     * @param metric the metric the points will be used with
     * @return the validated points, not copied
     * @throws IllegalArgumentException if a rule is broken (the message names the point and coordinate)
     */
    public static Points of(double[][] rows, Metric metric) {
        checkCount(rows.length);
        int dim = rows.length == 0 ? 0 : dimOf(rows[0] == null ? -1 : rows[0].length, 0);
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            checkLength(row == null ? -1 : row.length, dim, i);
            double max = 0;
            for (int k = 0; k < dim; k++) {
                max = checkValue(row[k], max, i, k, metric);
            }
            checkRow(max, i, metric);
        }
        return new Points(rows.length, dim, rows, null, null, null);
    }

    /**
     * Checks and wraps rows of floats (DBSCAN's rules and messages: finite coordinates, bounded under Euclidean, no zero row
     * under cosine, at most {@link #MAX_POINTS} points).
     *
     * @param rows one array per point, all of one length
     * @param metric the metric the points will be used with
     * @return the validated points, not copied
     * @throws IllegalArgumentException if a rule is broken (the message names the point and coordinate)
     */
    public static Points of(float[][] rows, Metric metric) {
        checkCount(rows.length);
        int dim = rows.length == 0 ? 0 : dimOf(rows[0] == null ? -1 : rows[0].length, 0);
        for (int i = 0; i < rows.length; i++) {
            float[] row = rows[i];
            checkLength(row == null ? -1 : row.length, dim, i);
            double max = 0;
            for (int k = 0; k < dim; k++) {
                max = checkValue(row[k], max, i, k, metric);
            }
            checkRow(max, i, metric);
        }
        return new Points(rows.length, dim, null, rows, null, null);
    }

    /**
     * Checks and wraps a flat row-major array of doubles (DBSCAN's rules and messages: finite coordinates, bounded under Euclidean, no zero row
     * under cosine, at most {@link #MAX_POINTS} points).
     *
     * @param flat the coordinates, point after point
     * @param dim coordinates per point
     * @param metric the metric the points will be used with
     * @return the validated points, not copied
     * @throws IllegalArgumentException if a rule is broken (the message names the point and coordinate)
     */
    public static Points of(double[] flat, int dim, Metric metric) {
        int n = flatCount(flat.length, dim);
        for (int i = 0; i < n; i++) {
            double max = 0;
            for (int k = 0, at = i * dim; k < dim; k++, at++) {
                max = checkValue(flat[at], max, i, k, metric);
            }
            checkRow(max, i, metric);
        }
        return new Points(n, dim, null, null, flat, null);
    }

    /**
     * Checks and wraps a flat row-major array of floats (DBSCAN's rules and messages: finite coordinates, bounded under Euclidean, no zero row
     * under cosine, at most {@link #MAX_POINTS} points).
     *
     * @param flat the coordinates, point after point
     * @param dim coordinates per point
     * @param metric the metric the points will be used with
     * @return the validated points, not copied
     * @throws IllegalArgumentException if a rule is broken (the message names the point and coordinate)
     */
    public static Points of(float[] flat, int dim, Metric metric) {
        int n = flatCount(flat.length, dim);
        for (int i = 0; i < n; i++) {
            double max = 0;
            for (int k = 0, at = i * dim; k < dim; k++, at++) {
                max = checkValue(flat[at], max, i, k, metric);
            }
            checkRow(max, i, metric);
        }
        return new Points(n, dim, null, null, null, flat);
    }

    private static int dimOf(int length, int row) {
        if (length < 0) {
            throw new IllegalArgumentException("row " + row + " is null");
        }
        if (length == 0) {
            throw new IllegalArgumentException("row " + row + " is empty: points need at least one coordinate");
        }
        return length;
    }

    private static void checkLength(int length, int dim, int row) {
        if (length != dim) {
            if (length < 0) {
                throw new IllegalArgumentException("row " + row + " is null");
            }
            throw new IllegalArgumentException("row " + row + " has " + length + " coordinates, row 0 has " + dim
                    + ": all rows must have the same length");
        }
    }

    private static int flatCount(int length, int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, got " + dim);
        }
        if (length % dim != 0) {
            throw new IllegalArgumentException("flat array of " + length + " values is not a whole number of points of "
                    + dim + " coordinates");
        }
        return checkCount(length / dim);
    }

    private static int checkCount(int n) {
        if (n > MAX_POINTS) {
            throw new IllegalArgumentException(n + " points: at most " + MAX_POINTS + " are supported");
        }
        return n;
    }

    private static double checkValue(double v, double max, int row, int k, Metric metric) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("row " + row + ", coordinate " + k + " is " + v
                    + ": coordinates must be finite");
        }
        double a = Math.abs(v);
        if (metric == Metric.EUCLIDEAN && a > MAX_EUCLIDEAN_MAGNITUDE) {
            throw new IllegalArgumentException("row " + row + ", coordinate " + k + " is " + v
                    + ": Euclidean coordinates must be at most 1e150 in magnitude (squared distances would overflow)");
        }
        return Math.max(a, max);
    }

    private static void checkRow(double max, int row, Metric metric) {
        if (metric == Metric.COSINE && max == 0) {
            throw new IllegalArgumentException("row " + row + " is a zero vector, which has no cosine distance");
        }
    }
}

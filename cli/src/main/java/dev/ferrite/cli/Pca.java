package dev.ferrite.cli;

/**
 * The projection of points onto their first two principal components, for plotting points of more than two
 * dimensions. Found by block power iteration on the centred data ({@code X^T X V}, never forming the covariance
 * matrix, so a thousand dimensions cost no more than the data itself), from a fixed start: the same points always give
 * the same picture.
 */
final class Pca {
    private static final int MAX_ITERATIONS = 300;
    private static final double TOLERANCE = 1e-10;

    /** The projected coordinates and the share of the variance each of the two axes explains. */
    record Projection(double[] x, double[] y, double varianceX, double varianceY) {}

    private Pca() {}

    /**
     * Projects rows {@code rows[i]} of {@code points} (all of them when {@code rows} is null).
     *
     * @param unit whether to scale each row to length 1 first (the cosine metric compares directions)
     */
    static Projection project(Points points, int[] rows, boolean unit) {
        int n = rows == null ? points.count() : rows.length;
        int d = points.dim();
        double[][] data = new double[n][d];
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            int row = rows == null ? i : rows[i];
            double norm = 0;
            for (int k = 0; k < d; k++) {
                double v = points.get(row, k);
                data[i][k] = v;
                norm += v * v;
            }
            if (unit && norm > 0) {
                double s = 1 / Math.sqrt(norm);
                for (int k = 0; k < d; k++) {
                    data[i][k] *= s;
                }
            }
            for (int k = 0; k < d; k++) {
                mean[k] += data[i][k];
            }
        }
        double totalVariance = 0;
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        for (double[] row : data) {
            for (int k = 0; k < d; k++) {
                row[k] -= mean[k];
                totalVariance += row[k] * row[k];
            }
        }
        // Start from two fixed, independent directions (not axis-aligned, so no component is missed by symmetry).
        double[] v1 = new double[d];
        double[] v2 = new double[d];
        for (int k = 0; k < d; k++) {
            v1[k] = 1 + 0.1 * Math.sin(k + 1);
            v2[k] = Math.cos(2.5 * (k + 1));
        }
        orthonormalise(v1, v2);
        double lambda1 = 0;
        double lambda2 = 0;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] w1 = gram(data, v1);
            double[] w2 = gram(data, v2);
            double l1 = dot(w1, v1);
            double l2 = dot(w2, v2);
            orthonormalise(w1, w2);
            double change = 1 - Math.min(Math.abs(dot(w1, v1)), Math.abs(dot(w2, v2)));
            v1 = w1;
            v2 = w2;
            lambda1 = l1;
            lambda2 = l2;
            if (change < TOLERANCE) {
                break;
            }
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = dot(data[i], v1);
            y[i] = dot(data[i], v2);
        }
        double total = totalVariance > 0 ? totalVariance : 1;
        return new Projection(x, y, lambda1 / total, lambda2 / total);
    }

    /** {@code X^T (X v)}. */
    private static double[] gram(double[][] data, double[] v) {
        double[] out = new double[v.length];
        for (double[] row : data) {
            double s = dot(row, v);
            for (int k = 0; k < row.length; k++) {
                out[k] += s * row[k];
            }
        }
        return out;
    }

    private static void orthonormalise(double[] a, double[] b) {
        normalise(a);
        double p = dot(a, b);
        for (int k = 0; k < b.length; k++) {
            b[k] -= p * a[k];
        }
        normalise(b);
    }

    private static void normalise(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        if (norm == 0 || !Double.isFinite(norm)) {
            return; // a degenerate direction (all points on a line): the axis stays zero
        }
        for (int k = 0; k < v.length; k++) {
            v[k] /= norm;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}

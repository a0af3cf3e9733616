package dev.ferrite.dbscan;

/**
 * The one Java definition of the canonical cosine scaling both methods use ({@link Dbscan}, "How distances are
 * evaluated"): {@code u[k] = (x[k] / m) / r} with {@code m = max |x[k]|} and {@code r = sqrt(sum_k (x[k] / m)^2)},
 * summed in index order from 0.0. The Rust backend's {@code cosine_scale}/{@code unit_into} compute the same bits.
 */
final class Canonical {
    private Canonical() {}

    /** {@code m = max_k |x[k]|}. */
    static double maxAbs(double[] x) {
        double m = 0.0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Divides {@code x} by {@code m} in place and returns {@code r = sqrt(sum_k (x[k] / m)^2)}. */
    static double scaleAndNorm(double[] x, double m) {
        double q = 0.0;
        for (int k = 0; k < x.length; k++) {
            double t = x[k] / m;
            x[k] = t;
            q += t * t;
        }
        return Math.sqrt(q);
    }

    /** The canonical unit vector of {@code x}, in place. */
    static void unit(double[] x) {
        double r = scaleAndNorm(x, maxAbs(x));
        for (int k = 0; k < x.length; k++) {
            x[k] = x[k] / r;
        }
    }
}

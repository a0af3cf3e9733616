package dev.ferrite.dbscan;

import dev.ferrite.Backend;
import dev.ferrite.internal.Points;
import dev.ferrite.internal.ffi.DbscanBinding;
import dev.ferrite.internal.ffi.FerriteNative;

/**
 * DBSCAN through the native library: a grid of cells for up to 3 dimensions and blocked single-precision matrix
 * products (the {@code gemm} crate, AVX2/FMA picked at run time) above that, in parallel on Ferrite's worker pool,
 * with the exact recheck and numbering rules of {@link Dbscan}. The points are copied into native memory for the call
 * (a run takes milliseconds to seconds, too long to pin Java arrays).
 *
 * <p>Obtain it from {@link dev.ferrite.Clustering#dbscan(Backend)}. Stateless and thread-safe.
 */
final class NativeDbscan extends AbstractDbscan {
    private static final NativeDbscan INSTANCE = new NativeDbscan();

    private NativeDbscan() {}

    /**
     * The native implementation.
     *
     * @return the shared instance
     * @throws IllegalStateException when the native library is not available
     */
    static NativeDbscan instance() {
        FerriteNative.requireAvailable();
        return INSTANCE;
    }

    @Override
    DbscanResult compute(Points points, DbscanParams params) {
        int[] labels = new int[points.n];
        boolean[] core = new boolean[points.n];
        int metric = params.metric() == Metric.COSINE ? DbscanBinding.METRIC_COSINE : DbscanBinding.METRIC_EUCLIDEAN;
        double eps = params.eps();
        int minPts = params.minPts();
        int threads = params.threads();
        if (points.doubleRows != null) {
            DbscanBinding.cluster(points.doubleRows, points.dim, eps, minPts, metric, threads, labels, core);
        } else if (points.floatRows != null) {
            DbscanBinding.cluster(points.floatRows, points.dim, eps, minPts, metric, threads, labels, core);
        } else if (points.doubleFlat != null) {
            DbscanBinding.cluster(points.doubleFlat, points.dim, eps, minPts, metric, threads, labels, core);
        } else {
            DbscanBinding.cluster(points.floatFlat, points.dim, eps, minPts, metric, threads, labels, core);
        }
        return new DbscanResult(labels, core);
    }

    @Override
    public Backend backend() {
        return Backend.NATIVE;
    }
}

package dev.ferrite.silhouette;

import dev.ferrite.Backend;
import dev.ferrite.dbscan.Metric;
import dev.ferrite.internal.Points;
import dev.ferrite.internal.ffi.FerriteNative;
import dev.ferrite.internal.ffi.SilhouetteBinding;

/**
 * Silhouette values through the native library: tiles of distances computed directly in low dimension and from f64
 * matrix products (the {@code gemm} crate, AVX2/FMA picked at run time) above, in parallel on Ferrite's worker pool,
 * with the method and rules of {@link JavaSilhouette} (native-rust/src/silhouette.rs). The points are copied into
 * native memory for the call (a run is quadratic in the number of points, too long to pin Java arrays).
 *
 * <p>Obtain it from {@link dev.ferrite.Clustering#silhouette(Backend)}. Stateless and thread-safe.
 */
final class NativeSilhouette extends AbstractSilhouette {
    private static final NativeSilhouette INSTANCE = new NativeSilhouette();

    private NativeSilhouette() {}

    /**
     * The native implementation.
     *
     * @return the shared instance
     * @throws IllegalStateException when the native library is not available
     */
    static NativeSilhouette instance() {
        FerriteNative.requireAvailable();
        return INSTANCE;
    }

    @Override
    SilhouetteResult compute(Points points, int[] labels, Metric metric, int threads) {
        double[] values = new double[points.n];
        int m = metric == Metric.COSINE ? SilhouetteBinding.METRIC_COSINE : SilhouetteBinding.METRIC_EUCLIDEAN;
        double mean;
        if (points.doubleRows != null) {
            mean = SilhouetteBinding.silhouette(points.doubleRows, points.dim, labels, m, threads, values);
        } else if (points.floatRows != null) {
            mean = SilhouetteBinding.silhouette(points.floatRows, points.dim, labels, m, threads, values);
        } else if (points.doubleFlat != null) {
            mean = SilhouetteBinding.silhouette(points.doubleFlat, points.dim, labels, m, threads, values);
        } else {
            mean = SilhouetteBinding.silhouette(points.floatFlat, points.dim, labels, m, threads, values);
        }
        int scored = 0;
        for (int label : labels) {
            if (label >= 0) {
                scored++;
            }
        }
        return new SilhouetteResult(mean, values, scored);
    }

    @Override
    public Backend backend() {
        return Backend.NATIVE;
    }
}

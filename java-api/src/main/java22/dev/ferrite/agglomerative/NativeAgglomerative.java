package dev.ferrite.agglomerative;

import dev.ferrite.Backend;
import dev.ferrite.dbscan.Metric;
import dev.ferrite.internal.Points;
import dev.ferrite.internal.ffi.AgglomerativeBinding;
import dev.ferrite.internal.ffi.FerriteNative;

/**
 * Agglomerative clustering through the native library: Prim's minimum spanning tree for single linkage, the
 * nearest-neighbour chain on centroids (Ward) or on the condensed distance matrix (complete, average), with the
 * distance evaluations in parallel on Ferrite's worker pool and the canonical arithmetic of {@link Agglomerative}.
 * The points are copied into native memory for the call; the raw merges come back and become a {@link Dendrogram}
 * in the same Java code as the Java backend's.
 *
 * <p>Obtain it from {@link dev.ferrite.Clustering#agglomerative(Backend)}. Stateless and thread-safe.
 */
final class NativeAgglomerative extends AbstractAgglomerative {
    private static final NativeAgglomerative INSTANCE = new NativeAgglomerative();

    private NativeAgglomerative() {}

    /**
     * The native implementation.
     *
     * @return the shared instance
     * @throws IllegalStateException when the native library is not available
     */
    static NativeAgglomerative instance() {
        FerriteNative.requireAvailable();
        return INSTANCE;
    }

    @Override
    double[] compute(Points points, AgglomerativeParams params) {
        double[] merges = new double[3 * (points.n - 1)];
        int metric = params.metric() == Metric.COSINE ? AgglomerativeBinding.METRIC_COSINE
                : AgglomerativeBinding.METRIC_EUCLIDEAN;
        int linkage = switch (params.linkage()) {
            case WARD -> AgglomerativeBinding.LINKAGE_WARD;
            case SINGLE -> AgglomerativeBinding.LINKAGE_SINGLE;
            case COMPLETE -> AgglomerativeBinding.LINKAGE_COMPLETE;
            case AVERAGE -> AgglomerativeBinding.LINKAGE_AVERAGE;
        };
        int threads = params.threads();
        long max = params.maxMatrixBytes();
        if (points.doubleRows != null) {
            AgglomerativeBinding.linkage(points.doubleRows, points.dim, linkage, metric, threads, max, merges);
        } else if (points.floatRows != null) {
            AgglomerativeBinding.linkage(points.floatRows, points.dim, linkage, metric, threads, max, merges);
        } else if (points.doubleFlat != null) {
            AgglomerativeBinding.linkage(points.doubleFlat, points.dim, linkage, metric, threads, max, merges);
        } else {
            AgglomerativeBinding.linkage(points.floatFlat, points.dim, linkage, metric, threads, max, merges);
        }
        return merges;
    }

    @Override
    public Backend backend() {
        return Backend.NATIVE;
    }
}

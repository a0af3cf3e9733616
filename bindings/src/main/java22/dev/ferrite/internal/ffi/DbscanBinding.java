package dev.ferrite.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Typed binding of {@code ferrite_dbscan}, on Java arrays; no {@link MemorySegment} leaves this package.
 *
 * <p>How memory crosses (docs/ARCHITECTURE.md, "Calling through FFM"): a run takes milliseconds to seconds, so the call
 * is not critical. The points are copied row by row into one block of confined arena memory (single precision stays
 * single precision), the labels and core flags come back through the same block, and the arena frees it when the call
 * returns.
 *
 * <p>Arguments are expected to be validated by the caller (finite coordinates, equal row lengths, eps and minPts);
 * the native side checks them again and reports a violation as an {@link IllegalArgumentException}. Thread-safe.
 */
public final class DbscanBinding {
    /** {@code metric} value for Euclidean distance. */
    public static final int METRIC_EUCLIDEAN = 0;
    /** {@code metric} value for cosine distance. */
    public static final int METRIC_COSINE = 1;

    private static final String OPERATION = "dbscan";

    private DbscanBinding() {}

    /**
     * DBSCAN of {@code points.length} rows of {@code dim} doubles.
     *
     * @param points the rows, each of length {@code dim}
     * @param dim the dimension (ignored when there are no rows)
     * @param eps the radius
     * @param minPts the core threshold, the point included
     * @param metric {@link #METRIC_EUCLIDEAN} or {@link #METRIC_COSINE}
     * @param threads 0 for the whole pool, 1 for the calling thread, k for at most k threads
     * @param labels receives the labels, one per row
     * @param core receives the core flags, one per row
     * @throws IllegalArgumentException when the library rejects an argument
     * @throws OutOfMemoryError when memory for the copy or the run can't be allocated
     */
    public static void cluster(double[][] points, int dim, double eps, int minPts, int metric, int threads,
            int[] labels, boolean[] core) {
        int n = points.length;
        run(8, n, dim, eps, minPts, metric, threads, labels, core, block -> copyRows(points, JAVA_DOUBLE, dim, block));
    }

    /**
     * DBSCAN of {@code points.length} rows of {@code dim} floats.
     *
     * @param points the rows, each of length {@code dim}
     * @param dim the dimension (ignored when there are no rows)
     * @param eps the radius
     * @param minPts the core threshold, the point included
     * @param metric {@link #METRIC_EUCLIDEAN} or {@link #METRIC_COSINE}
     * @param threads 0 for the whole pool, 1 for the calling thread, k for at most k threads
     * @param labels receives the labels, one per row
     * @param core receives the core flags, one per row
     * @throws IllegalArgumentException when the library rejects an argument
     * @throws OutOfMemoryError when memory for the copy or the run can't be allocated
     */
    public static void cluster(float[][] points, int dim, double eps, int minPts, int metric, int threads,
            int[] labels, boolean[] core) {
        int n = points.length;
        run(4, n, dim, eps, minPts, metric, threads, labels, core, block -> copyRows(points, JAVA_FLOAT, dim, block));
    }

    /**
     * DBSCAN of a flat row-major array of doubles.
     *
     * @param points {@code n * dim} coordinates
     * @param dim the dimension
     * @param eps the radius
     * @param minPts the core threshold, the point included
     * @param metric {@link #METRIC_EUCLIDEAN} or {@link #METRIC_COSINE}
     * @param threads 0 for the whole pool, 1 for the calling thread, k for at most k threads
     * @param labels receives the labels, one per point
     * @param core receives the core flags, one per point
     * @throws IllegalArgumentException when the library rejects an argument
     * @throws OutOfMemoryError when memory for the copy or the run can't be allocated
     */
    public static void cluster(double[] points, int dim, double eps, int minPts, int metric, int threads,
            int[] labels, boolean[] core) {
        run(8, labels.length, dim, eps, minPts, metric, threads, labels, core,
                block -> MemorySegment.copy(points, 0, block, JAVA_DOUBLE, 0, points.length));
    }

    /**
     * DBSCAN of a flat row-major array of floats.
     *
     * @param points {@code n * dim} coordinates
     * @param dim the dimension
     * @param eps the radius
     * @param minPts the core threshold, the point included
     * @param metric {@link #METRIC_EUCLIDEAN} or {@link #METRIC_COSINE}
     * @param threads 0 for the whole pool, 1 for the calling thread, k for at most k threads
     * @param labels receives the labels, one per point
     * @param core receives the core flags, one per point
     * @throws IllegalArgumentException when the library rejects an argument
     * @throws OutOfMemoryError when memory for the copy or the run can't be allocated
     */
    public static void cluster(float[] points, int dim, double eps, int minPts, int metric, int threads,
            int[] labels, boolean[] core) {
        run(4, labels.length, dim, eps, minPts, metric, threads, labels, core,
                block -> MemorySegment.copy(points, 0, block, JAVA_FLOAT, 0, points.length));
    }

    private interface Filler {
        void fill(MemorySegment block);
    }

    private static void run(int elementSize, int n, int dim, double eps, int minPts, int metric, int threads,
            int[] labels, boolean[] core, Filler filler) {
        FerriteNative.requireAvailable();
        if (labels.length != n || core.length != n) {
            throw new IllegalArgumentException("labels and core must have one entry per point");
        }
        long pointBytes;
        try {
            pointBytes = Math.multiplyExact(Math.multiplyExact((long) n, (long) dim), (long) elementSize);
        } catch (ArithmeticException e) {
            throw new OutOfMemoryError("dbscan: " + n + " points of " + dim + " coordinates need more than 2^63 bytes");
        }
        try (Arena arena = Arena.ofConfined()) {
            // allocate(0) is avoided so every region has an address.
            MemorySegment in = arena.allocate(Math.max(pointBytes, 1), 8);
            MemorySegment labelsOut = arena.allocate(Math.max((long) n * Integer.BYTES, 1), 8);
            MemorySegment coreOut = arena.allocate(Math.max(n, 1), 8);
            filler.fill(in);
            Status.check(ferrite_dbscan(in, elementSize, n, dim, eps, minPts, metric, threads,
                    labelsOut, n, coreOut, n), OPERATION);
            MemorySegment.copy(labelsOut, JAVA_INT, 0, labels, 0, n);
            for (int i = 0; i < n; i++) {
                core[i] = coreOut.get(JAVA_BYTE, i) != 0;
            }
        }
    }

    /** Copies rows ({@code double[]} or {@code float[]}, each of {@code dim} values of {@code layout}) back to back. */
    private static void copyRows(Object[] rows, ValueLayout layout, int dim, MemorySegment block) {
        long at = 0;
        for (Object row : rows) {
            MemorySegment.copy(row, 0, block, layout, at, dim);
            at += dim * layout.byteSize();
        }
    }

    // ------------------------------------------------------------------------ raw bindings, in jextract's shape

    static final class ferrite_dbscan {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_DOUBLE, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        // Not critical: a run takes milliseconds to seconds.
        static final MethodHandle HANDLE = FerriteNative.downcall("ferrite_dbscan", DESC);
    }

    static int ferrite_dbscan(MemorySegment points, long elementSize, long n, long dim, double eps, long minPts,
            int metric, long threads, MemorySegment labels, long labelsLen, MemorySegment core, long coreLen) {
        try {
            return (int) ferrite_dbscan.HANDLE.invokeExact(points, elementSize, n, dim, eps, minPts, metric, threads,
                    labels, labelsLen, core, coreLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }
}

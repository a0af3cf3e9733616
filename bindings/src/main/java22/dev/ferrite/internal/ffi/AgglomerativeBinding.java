package dev.ferrite.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
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
 * Typed binding of {@code ferrite_agglomerative_linkage}, on Java arrays; no {@link MemorySegment} leaves this
 * package.
 *
 * <p>How memory crosses (docs/ARCHITECTURE.md, "Calling through FFM"): a run takes O(n^2) time, so the call is not
 * critical. The points are copied row by row into confined arena memory (single precision stays single precision),
 * the raw merges ({@code 3 (n - 1)} doubles) come back through the same arena, which frees it when the call returns.
 * The library allocates its working memory (for complete and average linkage the condensed distance matrix) itself.
 *
 * <p>Arguments are expected to be validated by the caller; the native side checks them again and reports a violation
 * as an {@link IllegalArgumentException}. Thread-safe.
 */
public final class AgglomerativeBinding {
    /** {@code linkage} value for Ward's linkage. */
    public static final int LINKAGE_WARD = 0;
    /** {@code linkage} value for single linkage. */
    public static final int LINKAGE_SINGLE = 1;
    /** {@code linkage} value for complete linkage. */
    public static final int LINKAGE_COMPLETE = 2;
    /** {@code linkage} value for average linkage. */
    public static final int LINKAGE_AVERAGE = 3;
    /** {@code metric} value for Euclidean distance. */
    public static final int METRIC_EUCLIDEAN = 0;
    /** {@code metric} value for cosine distance. */
    public static final int METRIC_COSINE = 1;

    private static final String OPERATION = "agglomerative clustering";

    private AgglomerativeBinding() {}

    /**
     * Raw merges of {@code points.length} rows of {@code dim} doubles.
     *
     * @param points the rows, each of length {@code dim}
     * @param dim the dimension
     * @param linkage one of the {@code LINKAGE_} values
     * @param metric {@link #METRIC_EUCLIDEAN} or {@link #METRIC_COSINE}
     * @param threads 0 for the whole pool, 1 for the calling thread, k for at most k threads
     * @param maxMatrixBytes the ceiling of the distance matrix
     * @param merges receives {@code 3 (n - 1)} values: two point indices and a height per merge
     * @throws IllegalArgumentException when the library rejects an argument
     * @throws OutOfMemoryError when memory for the copy or the run can't be allocated
     */
    public static void linkage(double[][] points, int dim, int linkage, int metric, int threads, long maxMatrixBytes,
            double[] merges) {
        run(8, points.length, dim, linkage, metric, threads, maxMatrixBytes, merges,
                block -> copyRows(points, JAVA_DOUBLE, dim, block));
    }

    /**
     * Raw merges of {@code points.length} rows of {@code dim} floats.
     *
     * @param points the rows, each of length {@code dim}
     * @param dim the dimension
     * @param linkage one of the {@code LINKAGE_} values
     * @param metric {@link #METRIC_EUCLIDEAN} or {@link #METRIC_COSINE}
     * @param threads 0 for the whole pool, 1 for the calling thread, k for at most k threads
     * @param maxMatrixBytes the ceiling of the distance matrix
     * @param merges receives {@code 3 (n - 1)} values: two point indices and a height per merge
     * @throws IllegalArgumentException when the library rejects an argument
     * @throws OutOfMemoryError when memory for the copy or the run can't be allocated
     */
    public static void linkage(float[][] points, int dim, int linkage, int metric, int threads, long maxMatrixBytes,
            double[] merges) {
        run(4, points.length, dim, linkage, metric, threads, maxMatrixBytes, merges,
                block -> copyRows(points, JAVA_FLOAT, dim, block));
    }

    /**
     * Raw merges of a flat row-major array of doubles.
     *
     * @param points {@code n * dim} coordinates
     * @param dim the dimension
     * @param linkage one of the {@code LINKAGE_} values
     * @param metric {@link #METRIC_EUCLIDEAN} or {@link #METRIC_COSINE}
     * @param threads 0 for the whole pool, 1 for the calling thread, k for at most k threads
     * @param maxMatrixBytes the ceiling of the distance matrix
     * @param merges receives {@code 3 (n - 1)} values: two point indices and a height per merge
     * @throws IllegalArgumentException when the library rejects an argument
     * @throws OutOfMemoryError when memory for the copy or the run can't be allocated
     */
    public static void linkage(double[] points, int dim, int linkage, int metric, int threads, long maxMatrixBytes,
            double[] merges) {
        run(8, dim < 1 ? 0 : points.length / dim, dim, linkage, metric, threads, maxMatrixBytes, merges,
                block -> MemorySegment.copy(points, 0, block, JAVA_DOUBLE, 0, points.length));
    }

    /**
     * Raw merges of a flat row-major array of floats.
     *
     * @param points {@code n * dim} coordinates
     * @param dim the dimension
     * @param linkage one of the {@code LINKAGE_} values
     * @param metric {@link #METRIC_EUCLIDEAN} or {@link #METRIC_COSINE}
     * @param threads 0 for the whole pool, 1 for the calling thread, k for at most k threads
     * @param maxMatrixBytes the ceiling of the distance matrix
     * @param merges receives {@code 3 (n - 1)} values: two point indices and a height per merge
     * @throws IllegalArgumentException when the library rejects an argument
     * @throws OutOfMemoryError when memory for the copy or the run can't be allocated
     */
    public static void linkage(float[] points, int dim, int linkage, int metric, int threads, long maxMatrixBytes,
            double[] merges) {
        run(4, dim < 1 ? 0 : points.length / dim, dim, linkage, metric, threads, maxMatrixBytes, merges,
                block -> MemorySegment.copy(points, 0, block, JAVA_FLOAT, 0, points.length));
    }

    private interface Filler {
        void fill(MemorySegment block);
    }

    private static void run(int elementSize, int n, int dim, int linkage, int metric, int threads,
            long maxMatrixBytes, double[] merges, Filler filler) {
        FerriteNative.requireAvailable();
        if (merges.length != 3L * Math.max(n - 1, 0)) {
            throw new IllegalArgumentException("merges must hold 3 (n - 1) values");
        }
        long pointBytes;
        try {
            pointBytes = Math.multiplyExact(Math.multiplyExact((long) n, (long) dim), (long) elementSize);
        } catch (ArithmeticException e) {
            throw new OutOfMemoryError(OPERATION + ": " + n + " points of " + dim
                    + " coordinates need more than 2^63 bytes");
        }
        try (Arena arena = Arena.ofConfined()) {
            // allocate(0) is avoided so every region has an address.
            MemorySegment in = arena.allocate(Math.max(pointBytes, 1), 8);
            MemorySegment out = arena.allocate(Math.max((long) merges.length * Double.BYTES, 1), 8);
            filler.fill(in);
            Status.check(ferrite_agglomerative_linkage(in, elementSize, n, dim, linkage, metric, threads,
                    maxMatrixBytes, out, merges.length), OPERATION);
            MemorySegment.copy(out, JAVA_DOUBLE, 0, merges, 0, merges.length);
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

    static final class ferrite_agglomerative_linkage {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG);
        // Not critical: a run takes O(n^2) time.
        static final MethodHandle HANDLE = FerriteNative.downcall("ferrite_agglomerative_linkage", DESC);
    }

    static int ferrite_agglomerative_linkage(MemorySegment points, long elementSize, long n, long dim, int linkage,
            int metric, long threads, long maxMatrixBytes, MemorySegment merges, long mergesLen) {
        try {
            return (int) ferrite_agglomerative_linkage.HANDLE.invokeExact(points, elementSize, n, dim, linkage, metric,
                    threads, maxMatrixBytes, merges, mergesLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }
}

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
 * Typed binding of {@code ferrite_silhouette_f64} and {@code ferrite_silhouette_f32}, on Java arrays; no
 * {@link MemorySegment} leaves this package.
 *
 * <p>How memory crosses (docs/ARCHITECTURE.md, "Calling through FFM"): a run is quadratic in the number of points
 * (milliseconds to minutes), so the call is not critical. The points are copied row by row into confined arena memory
 * (single precision stays single precision), with the labels; the values and the mean come back through the same
 * arena, which frees everything when the call returns.
 *
 * <p>Arguments are expected to be validated by the caller (finite coordinates, equal row lengths, labels); the native
 * side checks them again and reports a violation as an {@link IllegalArgumentException}. Thread-safe.
 */
public final class SilhouetteBinding {
    /** {@code metric} value for Euclidean distance. */
    public static final int METRIC_EUCLIDEAN = 0;
    /** {@code metric} value for cosine distance. */
    public static final int METRIC_COSINE = 1;

    private static final String OPERATION = "silhouette";

    private SilhouetteBinding() {}

    /**
     * Silhouette values of {@code points.length} rows of {@code dim} doubles.
     *
     * @param points the rows, each of length {@code dim}
     * @param dim the dimension
     * @param labels one label per row; negative for noise
     * @param metric {@link #METRIC_EUCLIDEAN} or {@link #METRIC_COSINE}
     * @param threads 0 for the whole pool, 1 for the calling thread, k for at most k threads
     * @param values receives one value per row (NaN for noise)
     * @return the mean over the scored rows
     * @throws IllegalArgumentException when the library rejects an argument
     * @throws OutOfMemoryError when memory for the copy or the run can't be allocated
     */
    public static double silhouette(double[][] points, int dim, int[] labels, int metric, int threads,
            double[] values) {
        return run(true, points.length, dim, labels, metric, threads, values,
                block -> copyRows(points, JAVA_DOUBLE, dim, block));
    }

    /**
     * Silhouette values of {@code points.length} rows of {@code dim} floats.
     *
     * @param points the rows, each of length {@code dim}
     * @param dim the dimension
     * @param labels one label per row; negative for noise
     * @param metric {@link #METRIC_EUCLIDEAN} or {@link #METRIC_COSINE}
     * @param threads 0 for the whole pool, 1 for the calling thread, k for at most k threads
     * @param values receives one value per row (NaN for noise)
     * @return the mean over the scored rows
     * @throws IllegalArgumentException when the library rejects an argument
     * @throws OutOfMemoryError when memory for the copy or the run can't be allocated
     */
    public static double silhouette(float[][] points, int dim, int[] labels, int metric, int threads,
            double[] values) {
        return run(false, points.length, dim, labels, metric, threads, values,
                block -> copyRows(points, JAVA_FLOAT, dim, block));
    }

    /**
     * Silhouette values of a flat row-major array of doubles.
     *
     * @param points {@code n * dim} coordinates
     * @param dim the dimension
     * @param labels one label per point; negative for noise
     * @param metric {@link #METRIC_EUCLIDEAN} or {@link #METRIC_COSINE}
     * @param threads 0 for the whole pool, 1 for the calling thread, k for at most k threads
     * @param values receives one value per point (NaN for noise)
     * @return the mean over the scored points
     * @throws IllegalArgumentException when the library rejects an argument
     * @throws OutOfMemoryError when memory for the copy or the run can't be allocated
     */
    public static double silhouette(double[] points, int dim, int[] labels, int metric, int threads,
            double[] values) {
        return run(true, labels.length, dim, labels, metric, threads, values,
                block -> MemorySegment.copy(points, 0, block, JAVA_DOUBLE, 0, points.length));
    }

    /**
     * Silhouette values of a flat row-major array of floats.
     *
     * @param points {@code n * dim} coordinates
     * @param dim the dimension
     * @param labels one label per point; negative for noise
     * @param metric {@link #METRIC_EUCLIDEAN} or {@link #METRIC_COSINE}
     * @param threads 0 for the whole pool, 1 for the calling thread, k for at most k threads
     * @param values receives one value per point (NaN for noise)
     * @return the mean over the scored points
     * @throws IllegalArgumentException when the library rejects an argument
     * @throws OutOfMemoryError when memory for the copy or the run can't be allocated
     */
    public static double silhouette(float[] points, int dim, int[] labels, int metric, int threads,
            double[] values) {
        return run(false, labels.length, dim, labels, metric, threads, values,
                block -> MemorySegment.copy(points, 0, block, JAVA_FLOAT, 0, points.length));
    }

    private interface Filler {
        void fill(MemorySegment block);
    }

    private static double run(boolean doubles, int n, int dim, int[] labels, int metric, int threads,
            double[] values, Filler filler) {
        FerriteNative.requireAvailable();
        if (labels.length != n || values.length != n) {
            throw new IllegalArgumentException("labels and values must have one entry per point");
        }
        long pointBytes;
        try {
            pointBytes = Math.multiplyExact(Math.multiplyExact((long) n, (long) dim), doubles ? 8L : 4L);
        } catch (ArithmeticException e) {
            throw new OutOfMemoryError("silhouette: " + n + " points of " + dim
                    + " coordinates need more than 2^63 bytes");
        }
        try (Arena arena = Arena.ofConfined()) {
            // allocate(0) is avoided so every region has an address.
            MemorySegment in = arena.allocate(Math.max(pointBytes, 1), 8);
            MemorySegment labelsIn = arena.allocate(Math.max((long) n * Integer.BYTES, 1), 8);
            MemorySegment valuesOut = arena.allocate(Math.max((long) n * Double.BYTES, 1), 8);
            MemorySegment meanOut = arena.allocate(JAVA_DOUBLE);
            filler.fill(in);
            MemorySegment.copy(labels, 0, labelsIn, JAVA_INT, 0, n);
            int status = doubles
                    ? ferrite_silhouette_f64(in, n, dim, labelsIn, n, metric, threads, valuesOut, n, meanOut)
                    : ferrite_silhouette_f32(in, n, dim, labelsIn, n, metric, threads, valuesOut, n, meanOut);
            Status.check(status, OPERATION);
            MemorySegment.copy(valuesOut, JAVA_DOUBLE, 0, values, 0, n);
            return meanOut.get(JAVA_DOUBLE, 0);
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

    static final class ferrite_silhouette_f64 {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG,
                ADDRESS, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);
        // Not critical: a run takes milliseconds to minutes.
        static final MethodHandle HANDLE = FerriteNative.downcall("ferrite_silhouette_f64", DESC);
    }

    static int ferrite_silhouette_f64(MemorySegment points, long n, long dim, MemorySegment labels, long labelsLen,
            int metric, long threads, MemorySegment values, long valuesLen, MemorySegment mean) {
        try {
            return (int) ferrite_silhouette_f64.HANDLE.invokeExact(points, n, dim, labels, labelsLen, metric, threads,
                    values, valuesLen, mean);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_silhouette_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG,
                ADDRESS, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);
        // Not critical: a run takes milliseconds to minutes.
        static final MethodHandle HANDLE = FerriteNative.downcall("ferrite_silhouette_f32", DESC);
    }

    static int ferrite_silhouette_f32(MemorySegment points, long n, long dim, MemorySegment labels, long labelsLen,
            int metric, long threads, MemorySegment values, long valuesLen, MemorySegment mean) {
        try {
            return (int) ferrite_silhouette_f32.HANDLE.invokeExact(points, n, dim, labels, labelsLen, metric, threads,
                    values, valuesLen, mean);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }
}

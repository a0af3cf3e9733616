package dev.ferrite.silhouette;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.dbscan.Metric;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each backend against the values scikit-learn's {@code silhouette_samples} and {@code silhouette_score} give, within
 * {@code 1e-6} (the contract; the largest error seen is printed): seeded blobs in 1 to 256 dimensions, tight clusters
 * away from the origin, duplicates (identical points in two clusters), singleton clusters, noise labels and
 * arbitrary label values, many clusters, cosine embeddings in float32. The sets and answers are made by
 * {@code scripts/peers/sklearn_silhouette.py} (see the README beside them, {@code vectors/sklearn-silhouette/}).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class SilhouetteSklearnTest {
    private static final double CONTRACT = 1e-6;

    @Parameter
    Backend backend;

    static Stream<String> sets() {
        return Stream.of("blobs_2d", "noise_2d", "blobs_1d", "cosine_3d", "blobs_64d", "offset_40d", "duplicates_5d",
                "singleton_4d", "many_clusters_8d", "cosine_384d_f32", "blobs_256d_f32", "cosine_2d_f32");
    }

    /** One set as the script wrote it. */
    record Case(int n, int dim, Metric metric, double[] x64, float[] x32, int[] labels, double mean, double[] values) {
        static Case read(String name) {
            String path = "/vectors/sklearn-silhouette/" + name + ".bin.gz";
            try (InputStream in = SilhouetteSklearnTest.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + path);
                }
                ByteBuffer b = ByteBuffer.wrap(new GZIPInputStream(in).readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
                byte[] magic = new byte[4];
                b.get(magic);
                assertEquals("SIL1", new String(magic, java.nio.charset.StandardCharsets.US_ASCII));
                int n = b.getInt();
                int dim = b.getInt();
                Metric metric = b.getInt() == 0 ? Metric.EUCLIDEAN : Metric.COSINE;
                int size = b.getInt();
                double[] x64 = null;
                float[] x32 = null;
                if (size == 8) {
                    x64 = new double[n * dim];
                    b.asDoubleBuffer().get(x64);
                } else {
                    x32 = new float[n * dim];
                    b.asFloatBuffer().get(x32);
                }
                b.position(b.position() + n * dim * size);
                int[] labels = new int[n];
                b.asIntBuffer().get(labels);
                b.position(b.position() + 4 * n);
                double mean = b.getDouble();
                double[] values = new double[n];
                b.asDoubleBuffer().get(values);
                b.position(b.position() + 8 * n);
                assertEquals(0, b.remaining(), "trailing bytes in " + path);
                return new Case(n, dim, metric, x64, x32, labels, mean, values);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void matchesScikitLearn(String name) {
        Case c = Case.read(name);
        Silhouette s = Clustering.silhouette(backend);
        SilhouetteResult flat;
        SilhouetteResult rows;
        if (c.x64() != null) {
            flat = s.compute(c.x64(), c.dim(), c.labels(), c.metric());
            double[][] r = new double[c.n()][c.dim()];
            for (int i = 0; i < c.n(); i++) {
                System.arraycopy(c.x64(), i * c.dim(), r[i], 0, c.dim());
            }
            rows = s.compute(r, c.labels(), c.metric());
        } else {
            flat = s.compute(c.x32(), c.dim(), c.labels(), c.metric());
            float[][] r = new float[c.n()][c.dim()];
            for (int i = 0; i < c.n(); i++) {
                System.arraycopy(c.x32(), i * c.dim(), r[i], 0, c.dim());
            }
            rows = s.compute(r, c.labels(), c.metric());
        }
        assertArrayEquals(flat.values(), rows.values(), "rows and flat give the same bits");
        double worst = Math.abs(flat.mean() - c.mean());
        int scored = 0;
        for (int i = 0; i < c.n(); i++) {
            double want = c.values()[i];
            double got = flat.value(i);
            if (Double.isNaN(want)) {
                assertTrue(Double.isNaN(got), name + ": point " + i + " is noise, got " + got);
                continue;
            }
            scored++;
            worst = Math.max(worst, Math.abs(want - got));
            assertEquals(want, got, CONTRACT, name + ": point " + i);
        }
        assertEquals(c.mean(), flat.mean(), CONTRACT, name + ": mean");
        assertEquals(scored, flat.count());
        System.out.printf("silhouette vs scikit-learn, %s, %s: largest difference %.2e%n", backend, name, worst);
    }
}

package dev.ferrite.silhouette;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.dbscan.Metric;
import dev.ferrite.silhouette.BruteSilhouette.Data;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Silhouette values on each backend against {@link BruteSilhouette}, the definition evaluated pair by pair: seeded
 * blobs in 1 to 100 dimensions (the direct and the product paths, one to several blocks of 256 points, an odd and an
 * even number of blocks), both metrics, noise labels, in all four input shapes; hand-built cases with known answers
 * (a singleton cluster gives 0, identical points in two clusters give 0, noise gives NaN and is left out); close points
 * far from the origin (the product path's recheck); the same bits for any thread count; validation messages; the
 * result's accessors. The expected answers made by scikit-learn are checked in {@link SilhouetteSklearnTest}.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class SilhouetteTest {
    private static final Metric E = Metric.EUCLIDEAN;
    private static final Metric C = Metric.COSINE;
    /** Both backends compute every distance to a relative error of about 2^-30 at worst; the sums add 1e-12. */
    private static final double TOLERANCE = 1e-9;

    @Parameter
    Backend backend;

    private Silhouette silhouette() {
        return Clustering.silhouette(backend);
    }

    static Stream<Arguments> sets() {
        return Stream.of(
                Arguments.of(1, 300, 1, 3, E), Arguments.of(2, 600, 2, 4, E), Arguments.of(3, 900, 3, 5, C),
                Arguments.of(4, 520, 16, 3, E), Arguments.of(5, 530, 17, 4, E), Arguments.of(6, 700, 64, 6, C),
                Arguments.of(7, 300, 100, 3, E), Arguments.of(8, 1100, 5, 7, E), Arguments.of(9, 260, 2, 2, C),
                Arguments.of(10, 800, 24, 40, E), Arguments.of(14, 40, 3000, 3, E), Arguments.of(15, 30, 2000, 2, C));
    }

    private static void assertClose(double[] want, double[] got, double tolerance, String what) {
        assertEquals(want.length, got.length, what + ": length");
        for (int i = 0; i < want.length; i++) {
            if (Double.isNaN(want[i])) {
                assertTrue(Double.isNaN(got[i]), what + ": point " + i + " is noise, got " + got[i]);
            } else {
                double err = Math.abs(want[i] - got[i]);
                assertTrue(err <= tolerance, what + ": point " + i + ": " + got[i] + " != " + want[i]);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}: n={1} d={2} k={3} {4}")
    @MethodSource("sets")
    void matchesTheDefinitionInEveryShape(long seed, int n, int dim, int k, Metric metric) {
        Data data = BruteSilhouette.blobs(seed, n, dim, k, 1.5, true);
        double[] want = BruteSilhouette.values(data.x(), data.labels(), metric);
        SilhouetteResult rows = silhouette().compute(data.x(), data.labels(), metric);
        assertClose(want, rows.values(), TOLERANCE, "double[][]");
        assertEquals(BruteSilhouette.mean(want), rows.mean(), TOLERANCE, "mean");
        SilhouetteResult flat = silhouette().compute(BruteSilhouette.flat(data.x()), dim, data.labels(), metric);
        assertArrayEquals(rows.values(), flat.values(), "flat double[] gives the same bits");
        assertEquals(rows.mean(), flat.mean());
        double[] wantF = BruteSilhouette.values(data.widened(), data.labels(), metric);
        SilhouetteResult f = silhouette().compute(data.floats(), data.labels(), metric);
        assertClose(wantF, f.values(), TOLERANCE, "float[][]");
        SilhouetteResult ff = silhouette().compute(BruteSilhouette.flat(data.floats()), dim, data.labels(), metric);
        assertArrayEquals(f.values(), ff.values(), "flat float[] gives the same bits");
        SilhouetteResult widened = silhouette().compute(data.widened(), data.labels(), metric);
        assertArrayEquals(f.values(), widened.values(), "float input is widened exactly");
    }

    @ParameterizedTest(name = "seed {0}: n={1} d={2} k={3} {4}")
    @MethodSource("sets")
    void sameBitsOnOneThread(long seed, int n, int dim, int k, Metric metric) {
        Data data = BruteSilhouette.blobs(seed, n, dim, k, 1.5, true);
        AbstractSilhouette s = (AbstractSilhouette) silhouette();
        SilhouetteResult pool = s.compute(data.x(), data.labels(), metric, 0);
        SilhouetteResult alone = s.compute(data.x(), data.labels(), metric, 1);
        assertArrayEquals(pool.values(), alone.values());
        assertEquals(pool.mean(), alone.mean());
    }

    @Test
    void noiseIsLeftOut() {
        Data data = BruteSilhouette.blobs(11, 400, 3, 4, 1.0, true);
        SilhouetteResult all = silhouette().compute(data.x(), data.labels(), E);
        int scored = 0;
        for (int l : data.labels()) {
            scored += l >= 0 ? 1 : 0;
        }
        double[][] kept = new double[scored][];
        int[] keptLabels = new int[scored];
        int at = 0;
        for (int i = 0; i < data.labels().length; i++) {
            if (data.labels()[i] >= 0) {
                kept[at] = data.x()[i];
                keptLabels[at++] = data.labels()[i];
            }
        }
        assertTrue(scored < 400);
        SilhouetteResult subset = silhouette().compute(kept, keptLabels, E);
        assertEquals(scored, all.count());
        assertEquals(400, all.size());
        assertEquals(subset.mean(), all.mean(), 1e-12);
        at = 0;
        for (int i = 0; i < 400; i++) {
            if (data.labels()[i] < 0) {
                assertTrue(Double.isNaN(all.value(i)));
            } else {
                assertEquals(subset.value(at++), all.value(i), 1e-12, "point " + i);
            }
        }
    }

    @Test
    void knownAnswers() {
        // Two clusters on a line: {0, 1} and {4}, {5}... with a singleton cluster {10}.
        double[][] x = {{0}, {1}, {4}, {5}, {10}, {7}};
        int[] labels = {0, 0, 1, 1, 2, -1};
        SilhouetteResult r = silhouette().compute(x, labels, E);
        // Point 0: a = 1, b = min((4 + 5) / 2, 10) = 4.5: s = 3.5 / 4.5.
        assertEquals(3.5 / 4.5, r.value(0), 1e-15);
        // Point 1: a = 1, b = min(3.5, 9) = 3.5.
        assertEquals(2.5 / 3.5, r.value(1), 1e-15);
        // Point 2: a = 1, b = min(3.5, 6) = 3.5. Point 3: a = 1, b = min(4.5, 5) = 4.5.
        assertEquals(2.5 / 3.5, r.value(2), 1e-15);
        assertEquals(3.5 / 4.5, r.value(3), 1e-15);
        assertEquals(0.0, r.value(4), "a singleton cluster scores 0, as scikit-learn gives");
        assertTrue(Double.isNaN(r.value(5)));
        assertEquals(5, r.count());
        assertEquals((2 * (3.5 / 4.5) + 2 * (2.5 / 3.5)) / 5, r.mean(), 1e-15);
    }

    @Test
    void identicalPointsInTwoClustersScoreZero() {
        double[][] x = {{1, 2}, {1, 2}, {1, 2}, {1, 2}};
        SilhouetteResult r = silhouette().compute(x, new int[] {5, 5, 8, 8}, E);
        assertArrayEquals(new double[] {0, 0, 0, 0}, r.values());
        assertEquals(0.0, r.mean());
        SilhouetteResult c = silhouette().compute(x, new int[] {5, 5, 8, 8}, C);
        assertArrayEquals(new double[] {0, 0, 0, 0}, c.values());
    }

    @Test
    void cosineIgnoresLength() {
        double[][] x = {{1, 0}, {3, 0.1}, {0, 2}, {0.1, 5}, {1e-200, 0}, {0, 1e200}};
        int[] labels = {0, 0, 1, 1, 0, 1};
        double[] want = BruteSilhouette.values(new double[][] {{1, 0}, {3, 0.1}, {0, 2}, {0.1, 5}, {1, 0}, {0, 1}},
                labels, C);
        assertClose(want, silhouette().compute(x, labels, C).values(), 1e-12, "cosine");
    }

    @Test
    void closePointsFarFromTheOriginAreExact() {
        // Spread 1e-6 around 1e4 in 40 dimensions: products alone would lose the within-cluster distances.
        Data data = BruteSilhouette.blobs(12, 500, 40, 3, 1.0, false);
        double[][] x = new double[500][40];
        for (int i = 0; i < 500; i++) {
            for (int q = 0; q < 40; q++) {
                x[i][q] = 1e4 + data.x()[i][q] * 1e-6;
            }
        }
        double[] want = BruteSilhouette.values(x, data.labels(), E);
        assertClose(want, silhouette().compute(x, data.labels(), E).values(), 1e-9, "offset");
    }

    @Test
    void validation() {
        double[][] x = {{0}, {1}, {2}, {3}};
        Silhouette s = silhouette();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.compute(x, new int[] {0, 0, 1}, E));
        assertTrue(e.getMessage().contains("labels has 3 entries for 4 points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.compute(x, new int[] {0, 0, 0, -1}, E));
        assertTrue(e.getMessage().contains("got 1 cluster among 3 scored points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.compute(x, new int[] {0, 1, 2, 3}, E));
        assertTrue(e.getMessage().contains("got 4 clusters among 4 scored points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.compute(x, new int[] {0, 1, -1, -1}, E));
        assertTrue(e.getMessage().contains("got 2 clusters among 2 scored points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.compute(x, new int[] {-1, -1, -1, -1}, E));
        assertTrue(e.getMessage().contains("got 0 clusters among 0 scored points"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.compute(new double[0][], new int[0], E));
        e = assertThrows(IllegalArgumentException.class,
                () -> s.compute(new double[][] {{0}, {Double.NaN}, {1}, {2}}, new int[] {0, 0, 1, 1}, E));
        assertTrue(e.getMessage().contains("row 1, coordinate 0 is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> s.compute(new double[][] {{0}, {1}, {1}, {2}}, new int[] {0, 0, 1, -1}, C));
        assertTrue(e.getMessage().contains("row 0 is a zero vector"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> s.compute(new double[][] {{0}, {1, 2}, {1}, {2}}, new int[] {0, 0, 1, 1}, E));
        assertTrue(e.getMessage().contains("row 1 has 2 coordinates"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> s.compute(new float[] {0, 1, 2}, 2, new int[] {0, 1}, E));
        assertTrue(e.getMessage().contains("not a whole number of points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> s.compute(new double[][] {{0}, {2e150}, {1}, {2}}, new int[] {0, 0, 1, 1}, E));
        assertTrue(e.getMessage().contains("1e150"), e.getMessage());
        assertThrows(NullPointerException.class, () -> s.compute((double[][]) null, new int[0], E));
        assertThrows(NullPointerException.class, () -> s.compute(x, null, E));
        assertThrows(NullPointerException.class, () -> s.compute(x, new int[] {0, 0, 1, 1}, null));
    }

    @Test
    void resultAndInputs() {
        Data data = BruteSilhouette.blobs(13, 50, 2, 3, 1.0, true);
        double[][] copy = new double[50][];
        for (int i = 0; i < 50; i++) {
            copy[i] = data.x()[i].clone();
        }
        int[] labels = data.labels().clone();
        SilhouetteResult r = silhouette().compute(data.x(), data.labels(), E);
        assertArrayEquals(copy, data.x(), "points not modified");
        assertArrayEquals(labels, data.labels(), "labels not modified");
        double[] v = r.values();
        assertNotSame(v, r.values());
        v[0] = 42;
        assertTrue(r.value(0) != 42);
        assertEquals(backend, silhouette().backend());
        assertTrue(r.toString().contains("scored=" + r.count()));
    }
}

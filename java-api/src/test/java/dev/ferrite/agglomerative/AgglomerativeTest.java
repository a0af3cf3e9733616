package dev.ferrite.agglomerative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.dbscan.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Agglomerative clustering on each backend:
 * <ul>
 *   <li>the linkage matrices SciPy made for generated sets (blobs, moons, 10- and 32-dimensional sets, float input,
 *       duplicates, a grid full of ties, identical points, one point, two points; each linkage, cosine for single,
 *       complete and average), in all input shapes, and the cuts {@code fcluster} made from them;</li>
 *   <li>the naive O(n^3) agglomeration ({@link NaiveLinkage}) on many tiny random sets;</li>
 *   <li>validation messages naming the argument, the matrix ceiling, trivial inputs, the result independent of the
 *       thread count, and {@link Dendrogram}'s copies and cuts.</li>
 * </ul>
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class AgglomerativeTest {
    @Parameter
    Backend backend;

    private Agglomerative impl() {
        Agglomerative a = Clustering.agglomerative(backend);
        assertEquals(backend, a.backend());
        return a;
    }

    static Stream<String> sets() {
        return ScipyAnswers.SETS.stream();
    }

    /** Heights within 1e-9 relative (cosine also 1e-12 absolute: 1 - cos cancels near 0). */
    static void assertSameTree(double[][] want, double[][] got, boolean cosine, String what) {
        assertEquals(want.length, got.length, what + ": number of merges");
        for (int i = 0; i < want.length; i++) {
            String row = what + ", row " + i;
            assertEquals(want[i][0], got[i][0], row + ": cluster a");
            assertEquals(want[i][1], got[i][1], row + ": cluster b");
            assertEquals(want[i][3], got[i][3], row + ": size");
            double tol = 1e-9 * Math.abs(want[i][2]) + (cosine ? 1e-12 : 0.0);
            assertEquals(want[i][2], got[i][2], tol, row + ": height");
        }
    }

    private static Linkage linkageOf(String method) {
        return Linkage.valueOf(method.toUpperCase(Locale.ROOT));
    }

    @ParameterizedTest
    @MethodSource("sets")
    void scipyLinkageMatrices(String name) {
        ScipyAnswers.DataSet set = ScipyAnswers.read(name);
        double[][] x = set.points();
        int n = x.length;
        int dim = x[0].length;
        boolean floats = name.endsWith("_f32");
        for (ScipyAnswers.Answer answer : set.answers()) {
            boolean cosine = answer.metric().equals("cosine");
            AgglomerativeParams params = AgglomerativeParams.of(linkageOf(answer.method()))
                    .metric(cosine ? Metric.COSINE : Metric.EUCLIDEAN);
            String what = name + " " + answer.method() + " " + answer.metric();
            List<Dendrogram> shapes = new ArrayList<>();
            shapes.add(impl().cluster(x, params));
            shapes.add(impl().cluster(flat(x), dim, params));
            if (floats) {
                shapes.add(impl().cluster(toFloat(x), params));
                shapes.add(impl().cluster(toFloat(flat(x)), dim, params));
            }
            Dendrogram tree = shapes.get(0);
            for (Dendrogram other : shapes) {
                assertEquals(tree, other, what + ": every input shape gives the same dendrogram");
            }
            assertEquals(n, tree.size());
            if (set.tieFree() || answer.method().equals("single") || answer.method().equals("complete")
                    || answer.method().equals("average")) {
                // Ties: the same rules and the same bits as SciPy (exact integer distances) give the same tree.
                assertSameTree(answer.merges(), tree.merges(), cosine, what);
            } else {
                // Ward with ties: SciPy's recurrence and our centroids round differently, so equal heights may be
                // ordered differently; the heights and the cuts at levels between heights agree.
                double[][] got = tree.merges();
                for (int i = 0; i < got.length; i++) {
                    assertEquals(answer.merges()[i][2], got[i][2], 1e-9 * answer.merges()[i][2], what + " row " + i);
                }
            }
            answer.cutK().forEach((k, labels) -> assertArrayEquals(labels, tree.cut(k), what + ": cut(" + k + ")"));
            answer.cutH().forEach((h, labels) -> assertArrayEquals(labels, tree.cutAt(h), what + ": cutAt(" + h
                    + ")"));
        }
    }

    static Stream<Linkage> linkages() {
        return Stream.of(Linkage.values());
    }

    @ParameterizedTest
    @EnumSource(Linkage.class)
    void naiveAgglomerationOnTinySets(Linkage linkage) {
        SplittableRandom random = new SplittableRandom(42 + linkage.ordinal());
        for (int trial = 0; trial < 60; trial++) {
            int n = 2 + random.nextInt(24);
            int dim = 1 + random.nextInt(trial % 3 == 0 ? 20 : 4);
            double[][] x = new double[n][dim];
            for (double[] row : x) {
                for (int k = 0; k < dim; k++) {
                    row[k] = random.nextDouble(-10, 10);
                }
            }
            for (boolean cosine : new boolean[] {false, true}) {
                if (cosine && (linkage == Linkage.WARD || dim < 2)) {
                    continue; // in one dimension every cosine distance is 0 or 2: all ties
                }
                AgglomerativeParams params = AgglomerativeParams.of(linkage)
                        .metric(cosine ? Metric.COSINE : Metric.EUCLIDEAN);
                assertSameTree(NaiveLinkage.linkage(x, linkage, cosine), impl().cluster(x, params).merges(), cosine,
                        linkage + (cosine ? " cosine" : "") + " trial " + trial + " n=" + n + " dim=" + dim);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Linkage.class)
    void threadCountDoesNotChangeTheResult(Linkage linkage) {
        SplittableRandom random = new SplittableRandom(7);
        double[][] x = new double[3000][3];
        for (double[] row : x) {
            for (int k = 0; k < 3; k++) {
                row[k] = Math.rint(random.nextDouble(0, 40)) / 4; // many ties
            }
        }
        AgglomerativeParams params = AgglomerativeParams.of(linkage);
        Dendrogram one = impl().cluster(x, params.threads(1));
        assertEquals(one, impl().cluster(x, params.threads(2)));
        assertEquals(one, impl().cluster(x, params.threads(0)));
        assertEquals(one, impl().cluster(x, params.threads(64)));
        if (linkage != Linkage.WARD) {
            AgglomerativeParams cos = params.metric(Metric.COSINE);
            double[][] y = new double[1500][];
            for (int i = 0; i < y.length; i++) {
                y[i] = new double[] {x[i][0] + 1, x[i][1] - 5, x[i][2] + 0.5};
            }
            assertEquals(impl().cluster(y, cos.threads(1)), impl().cluster(y, cos.threads(0)));
        }
    }

    @Test
    void trivialInputs() {
        for (Linkage linkage : Linkage.values()) {
            AgglomerativeParams params = AgglomerativeParams.of(linkage);
            Dendrogram empty = impl().cluster(new double[0][], params);
            assertEquals(0, empty.size());
            assertEquals(0, empty.merges().length);
            assertArrayEquals(new int[0], empty.cut(0));
            assertArrayEquals(new int[0], empty.cutAt(1.0));
            Dendrogram one = impl().cluster(new double[][] {{1, 2}}, params);
            assertEquals(1, one.size());
            assertEquals(0, one.merges().length);
            assertArrayEquals(new int[] {0}, one.cut(1));
            Dendrogram two = impl().cluster(new float[] {0, 0, 3, 4}, 2, params);
            assertArrayEquals(new double[][] {{0, 1, 5, 2}}, two.merges());
            assertArrayEquals(new int[] {0, 1}, two.cut(2));
            assertArrayEquals(new int[] {0, 0}, two.cut(1));
            assertArrayEquals(new int[] {0, 0}, two.cutAt(5.0), "a merge at exactly h is applied");
            assertArrayEquals(new int[] {0, 1}, two.cutAt(Math.nextDown(5.0)));
        }
    }

    @Test
    void knownTreeAndCuts() {
        // 1-D points 0, 1, 3, 7: single linkage merges (0,1) at 1, then with 3 at 2, then with 7 at 4.
        double[][] x = {{7}, {0}, {3}, {1}};
        Dendrogram d = impl().cluster(x, AgglomerativeParams.of(Linkage.SINGLE));
        assertArrayEquals(new double[][] {{1, 3, 1, 2}, {2, 4, 2, 3}, {0, 5, 4, 4}}, d.merges());
        assertEquals(2.0, d.height(1));
        assertArrayEquals(new int[] {0, 1, 2, 1}, d.cut(3));
        assertArrayEquals(new int[] {0, 1, 1, 1}, d.cut(2));
        assertArrayEquals(new int[] {0, 1, 1, 1}, d.cutAt(3.9));
        assertArrayEquals(new int[] {0, 0, 0, 0}, d.cutAt(Double.POSITIVE_INFINITY));
        assertArrayEquals(new int[] {0, 1, 2, 3}, d.cutAt(-1));
        // Complete linkage: (0,1) at 1, then 3 joins at 3, then 7 at 7.
        Dendrogram c = impl().cluster(x, AgglomerativeParams.of(Linkage.COMPLETE));
        assertArrayEquals(new double[][] {{1, 3, 1, 2}, {2, 4, 3, 3}, {0, 5, 7, 4}}, c.merges());
        // Average: 3 joins {0,1} at (3+2)/2 = 2.5, 7 at (7+6+4)/3.
        Dendrogram a = impl().cluster(x, AgglomerativeParams.of(Linkage.AVERAGE));
        assertArrayEquals(new double[][] {{1, 3, 1, 2}, {2, 4, 2.5, 3}, {0, 5, 17.0 / 3, 4}}, a.merges());
        // The arrays returned are copies.
        double[][] m = d.merges();
        m[0][2] = 99;
        assertEquals(1.0, d.merges()[0][2]);
        assertNotSame(d.merges(), d.merges());
        int[] cut = d.cut(2);
        cut[0] = 5;
        assertArrayEquals(new int[] {0, 1, 1, 1}, d.cut(2));
    }

    @Test
    void validationNamesTheArgument() {
        double[][] x = {{0, 0}, {1, 1}, {2, 2}};
        Agglomerative a = impl();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.cluster(x, AgglomerativeParams.of(Linkage.WARD).metric(Metric.COSINE)));
        assertTrue(e.getMessage().contains("metric COSINE") && e.getMessage().contains("WARD"), e.getMessage());
        Dendrogram d = a.cluster(x, AgglomerativeParams.of(Linkage.WARD));
        e = assertThrows(IllegalArgumentException.class, () -> d.cut(0));
        assertTrue(e.getMessage().startsWith("k must be in 1..3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.cut(4));
        assertTrue(e.getMessage().contains("got 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.cutAt(Double.NaN));
        assertTrue(e.getMessage().startsWith("h "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.height(2));
        assertTrue(e.getMessage().contains("merge index i"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.cluster(new double[][] {{0, 0}, {1}},
                AgglomerativeParams.of(Linkage.SINGLE)));
        assertTrue(e.getMessage().startsWith("row 1 has 1 coordinates"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.cluster(new double[][] {{0, 0}, {1, Double.NaN}},
                AgglomerativeParams.of(Linkage.SINGLE)));
        assertTrue(e.getMessage().startsWith("row 1, coordinate 1 is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.cluster(new double[][] {{1, 0}, {0, 0}},
                AgglomerativeParams.of(Linkage.AVERAGE).metric(Metric.COSINE)));
        assertTrue(e.getMessage().startsWith("row 1 is a zero vector"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.cluster(new double[5], 2,
                AgglomerativeParams.of(Linkage.SINGLE)));
        assertTrue(e.getMessage().contains("not a whole number of points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.cluster(new double[4], 0,
                AgglomerativeParams.of(Linkage.SINGLE)));
        assertTrue(e.getMessage().startsWith("dim must be >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AgglomerativeParams.of(Linkage.SINGLE).threads(-1));
        assertTrue(e.getMessage().startsWith("threads"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AgglomerativeParams.of(Linkage.SINGLE).maxMatrixBytes(-1));
        assertTrue(e.getMessage().startsWith("maxMatrixBytes"), e.getMessage());
        assertThrows(NullPointerException.class, () -> AgglomerativeParams.of(null));
        assertThrows(NullPointerException.class, () -> a.cluster((double[][]) null,
                AgglomerativeParams.of(Linkage.SINGLE)));
        assertThrows(NullPointerException.class, () -> a.cluster(x, null));
    }

    @Test
    void matrixCeiling() {
        double[][] x = new double[1000][2];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = i;
            x[i][1] = i % 7;
        }
        long bytes = 8L * 1000 * 999 / 2; // 3,996,000
        for (Linkage linkage : new Linkage[] {Linkage.COMPLETE, Linkage.AVERAGE}) {
            AgglomerativeParams tight = AgglomerativeParams.of(linkage).maxMatrixBytes(bytes - 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> impl().cluster(x, tight));
            assertTrue(e.getMessage().contains(bytes + " bytes") && e.getMessage().contains("maxMatrixBytes"),
                    e.getMessage());
            assertEquals(999, impl().cluster(x, tight.maxMatrixBytes(bytes)).merges().length);
        }
        // A million points would need 4e12 bytes: refused before anything is allocated, under the default ceiling.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> impl().cluster(new float[2_000_000], 2, AgglomerativeParams.of(Linkage.AVERAGE)));
        assertTrue(e.getMessage().contains("3999996000000 bytes"), e.getMessage());
        // Ward and single keep no matrix: the ceiling does not apply.
        assertEquals(999, impl().cluster(x, AgglomerativeParams.of(Linkage.WARD).maxMatrixBytes(0)).merges().length);
        assertEquals(999, impl().cluster(x, AgglomerativeParams.of(Linkage.SINGLE).maxMatrixBytes(0)).merges().length);
    }

    static double[] flat(double[][] x) {
        int dim = x[0].length;
        double[] out = new double[x.length * dim];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, out, i * dim, dim);
        }
        return out;
    }

    static float[][] toFloat(double[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = toFloat(x[i]);
        }
        return out;
    }

    static float[] toFloat(double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
            if (out[i] != x[i]) {
                throw new IllegalStateException("not a float: " + x[i]);
            }
        }
        return out;
    }
}
